package dev.floe.api.types;

/** Resolution of timestamps and durations; maps one-to-one to Arrow's {@code TimeUnit}. */
public enum TimeUnit {
    SECOND("s"),
    MILLISECOND("ms"),
    MICROSECOND("us"),
    NANOSECOND("ns");

    private final String abbreviation;

    TimeUnit(String abbreviation) {
        this.abbreviation = abbreviation;
    }

    /** Short form used when printing types, e.g. {@code us}. */
    public String abbreviation() {
        return abbreviation;
    }

    public org.apache.arrow.vector.types.TimeUnit toArrow() {
        return switch (this) {
            case SECOND -> org.apache.arrow.vector.types.TimeUnit.SECOND;
            case MILLISECOND -> org.apache.arrow.vector.types.TimeUnit.MILLISECOND;
            case MICROSECOND -> org.apache.arrow.vector.types.TimeUnit.MICROSECOND;
            case NANOSECOND -> org.apache.arrow.vector.types.TimeUnit.NANOSECOND;
        };
    }

    public static TimeUnit fromArrow(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> SECOND;
            case MILLISECOND -> MILLISECOND;
            case MICROSECOND -> MICROSECOND;
            case NANOSECOND -> NANOSECOND;
        };
    }

    /** How many of this unit make one second. */
    public long perSecond() {
        return switch (this) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }
}
