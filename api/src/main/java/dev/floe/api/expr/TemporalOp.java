package dev.floe.api.expr;

import dev.floe.api.types.DataType;

/** The date/timestamp functions of {@link TemporalFunction}. */
public enum TemporalOp {
    YEAR("year"), MONTH("month"), DAY("day"), HOUR("hour"), MINUTE("minute"), SECOND("second"),
    DAY_OF_WEEK("day_of_week"), DAY_OF_YEAR("day_of_year"), DATE("date"), TRUNCATE("truncate");

    private final String fn;

    TemporalOp(String fn) {
        this.fn = fn;
    }

    /** Printed name, e.g. {@code day_of_week}. */
    public String fn() {
        return fn;
    }

    /** Whether the function reads a time of day, so needs a timestamp. */
    public boolean needsTime() {
        return this == HOUR || this == MINUTE || this == SECOND;
    }

    /** The result for an input of type {@code in}: int32 fields, date, or the input type (truncate). */
    public DataType resultType(DataType in) {
        return switch (this) {
            case DATE -> DataType.date();
            case TRUNCATE -> in;
            default -> DataType.int32();
        };
    }
}
