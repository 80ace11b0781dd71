package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import java.time.Period;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Date and timestamp kernels. Civil fields come from epoch days with integer arithmetic (the
 * proleptic Gregorian "days from civil" algorithm), never a {@code LocalDate} per row. Dates are
 * Date32 (epoch days); timestamps are epoch counts of their {@link TimeUnit}. A timestamp with a
 * zone is read in that zone's local time (via {@link ZoneShift}); without a zone it is wall-clock
 * time. Null in, null out.
 *
 * <pre>{@code IntVector years = TemporalKernels.field(TemporalKernels.Field.YEAR, dates, DataType.date(), allocator);}</pre>
 */
public final class TemporalKernels {
    private TemporalKernels() {
    }

    private static final long SECONDS_PER_DAY = 86_400L;

    /** Fields of {@link #field}; all int32. DAY_OF_WEEK is Monday = 0 … Sunday = 6, DAY_OF_YEAR starts at 1. */
    public enum Field { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, DAY_OF_WEEK, DAY_OF_YEAR, QUARTER, WEEK_OF_YEAR;

        /** Whether the field needs a time of day (a timestamp). */
        public boolean isTimeOfDay() {
            return this == HOUR || this == MINUTE || this == SECOND;
        }
    }

    /** Units of {@link #truncate}; WEEK starts on Monday (ISO, like DuckDB's {@code date_trunc}). */
    public enum Unit { YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND;

        /** The unit for a name such as {@code "month"} or {@code "months"}, case-insensitive; null if unknown. */
        public static Unit parse(String name) {
            String s = name.trim().toUpperCase(Locale.ROOT);
            if (s.endsWith("S") && !s.equals("S")) {
                s = s.substring(0, s.length() - 1);
            }
            for (Unit u : values()) {
                if (u.name().equals(s)) {
                    return u;
                }
            }
            return null;
        }

        public boolean isTimeOfDay() {
            return ordinal() >= HOUR.ordinal();
        }
    }

    // ---- civil calendar ----------------------------------------------------------------------

    /** Year, month and day of an epoch day, packed as {@code year << 9 | month << 5 | day}. */
    static long civil(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return (y << 9) | (m << 5) | d;
    }

    static int year(long packed) {
        return (int) (packed >> 9);
    }

    static int month(long packed) {
        return (int) ((packed >> 5) & 15);
    }

    static int day(long packed) {
        return (int) (packed & 31);
    }

    /** Epoch day of a civil date (month 1..12, any day within the month). */
    static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /**
     * An epoch day plus whole months (the day clamped to the month's end, as java.time's
     * {@code plusMonths}), then days; no date object per value.
     */
    public static long addMonthsDays(long epochDay, long months, long days) {
        if (months == 0) {
            return epochDay + days;
        }
        long c = civil(epochDay);
        long m = year(c) * 12L + month(c) - 1 + months;
        long y = Math.floorDiv(m, 12);
        int mon = (int) Math.floorMod(m, 12) + 1;
        return daysFromCivil(y, mon, Math.min(day(c), daysInMonth(y, mon))) + days;
    }

    static boolean isLeap(long y) {
        return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    static int daysInMonth(long y, int m) {
        return switch (m) {
            case 2 -> isLeap(y) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The ISO-8601 week of the year, 1..53 (weeks start on Monday; week 1 holds the year's first Thursday). */
    static int isoWeek(long days) {
        int y = year(civil(days));
        long doy = days - daysFromCivil(y, 1, 1) + 1;
        long week = (doy - (dayOfWeek(days) + 1) + 10) / 7;
        if (week < 1) {
            return weeksIn(y - 1);
        }
        return week > weeksIn(y) ? 1 : (int) week;
    }

    private static int weeksIn(long y) {
        int jan1 = dayOfWeek(daysFromCivil(y, 1, 1));
        return jan1 == 3 || (jan1 == 2 && isLeap(y)) ? 53 : 52;
    }

    /** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
    static int dayOfWeek(long days) {
        return (int) Math.floorMod(days + 3, 7L);
    }

    // ---- reading local values ----------------------------------------------------------------

    /** Reads row i of a date or timestamp column as local units (days for dates). */
    private static final class Local {
        final ArrowBuf data;
        final boolean isDate;
        final long perSecond;
        final long perDay;
        final ZoneShift zone;

        Local(FieldVector in, DataType type) {
            this.data = in.getDataBuffer();
            this.isDate = type.kind() == DataType.Kind.DATE;
            if (isDate) {
                perSecond = 0;
                perDay = 1;
                zone = null;
            } else {
                DataType.Timestamp ts = (DataType.Timestamp) type;
                perSecond = ts.unit().perSecond();
                perDay = perSecond * SECONDS_PER_DAY;
                zone = ZoneShift.of(ts.zone());
            }
        }

        /** The stored value: epoch days, or epoch units in UTC. */
        long raw(int i) {
            return isDate ? data.getInt((long) i * 4) : data.getLong((long) i * 8);
        }

        /** Local epoch units (the zone's wall clock). */
        long local(long raw) {
            if (isDate) {
                return raw;
            }
            long off = zone.offsetSeconds(Math.floorDiv(raw, perSecond));
            return raw + off * perSecond;
        }

        /**
         * Back from local units to stored units. The offset of {@code original} is kept when it
         * is still in force at the result (so a time in the repeated hour of a DST switch keeps
         * its side, like {@code ZonedDateTime.truncatedTo}); otherwise the offset in force there.
         */
        long toRaw(long local, long original) {
            if (isDate) {
                return local;
            }
            long keep = zone.offsetSeconds(Math.floorDiv(original, perSecond));
            long candidate = local - keep * perSecond;
            if (zone.offsetSeconds(Math.floorDiv(candidate, perSecond)) == keep) {
                return candidate;
            }
            long guess = Math.floorDiv(local, perSecond);
            long off = zone.offsetSeconds(guess - zone.offsetSeconds(guess));
            return local - off * perSecond;
        }
    }

    // ---- kernels -----------------------------------------------------------------------------

    /** One civil field per row as int32. {@code field(Field.MONTH, ts, timestamp(MICROSECOND, "UTC"), a)} */
    public static IntVector field(Field f, FieldVector in, DataType type, BufferAllocator allocator) {
        int n = in.getValueCount();
        Local local = new Local(in, type);
        IntVector out = new IntVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            long v = local.local(local.raw(i));
            long days = Math.floorDiv(v, local.perDay);
            long tod = v - days * local.perDay;
            int r = switch (f) {
                case YEAR -> year(civil(days));
                case MONTH -> month(civil(days));
                case DAY -> day(civil(days));
                case DAY_OF_WEEK -> dayOfWeek(days);
                case DAY_OF_YEAR -> (int) (days - daysFromCivil(year(civil(days)), 1, 1) + 1);
                case HOUR -> (int) (tod / (local.perSecond * 3600));
                case MINUTE -> (int) (tod / (local.perSecond * 60) % 60);
                case SECOND -> (int) (tod / local.perSecond % 60);
                case QUARTER -> (month(civil(days)) + 2) / 3;
                case WEEK_OF_YEAR -> isoWeek(days);
            };
            out.set(i, r);
        }
        out.setValueCount(n);
        return out;
    }

    /** The local calendar date of each timestamp (a date is copied). {@code date(ts, type, a)} */
    public static DateDayVector date(FieldVector in, DataType type, BufferAllocator allocator) {
        int n = in.getValueCount();
        Local local = new Local(in, type);
        DateDayVector out = new DateDayVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (!in.isNull(i)) {
                out.set(i, Math.toIntExact(Math.floorDiv(local.local(local.raw(i)), local.perDay)));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Rounds each value down to the start of its unit in local time, keeping the type; units
     * finer than a day leave dates unchanged. {@code truncate(Unit.MONTH, dates, DataType.date(), a)}
     */
    public static FieldVector truncate(Unit unit, FieldVector in, DataType type, BufferAllocator allocator) {
        int n = in.getValueCount();
        Local local = new Local(in, type);
        FieldVector out = Buffers.allocate(type, n, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf valid = out.getValidityBuffer();
        long step = local.isDate ? 0 : switch (unit) {
            case HOUR -> local.perSecond * 3600;
            case MINUTE -> local.perSecond * 60;
            case SECOND -> local.perSecond;
            case MILLISECOND -> Math.max(local.perSecond / 1_000, 1);
            case MICROSECOND -> Math.max(local.perSecond / 1_000_000, 1);
            default -> 0;
        };
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            long raw = local.raw(i);
            long result;
            if (local.isDate && unit.isTimeOfDay()) {
                result = raw;
            } else {
                long v = local.local(raw);
                long t;
                if (unit.isTimeOfDay()) {
                    t = Math.floorDiv(v, step) * step;
                } else {
                    long days = Math.floorDiv(v, local.perDay);
                    t = truncateDays(unit, days) * local.perDay;
                }
                result = local.toRaw(t, raw);
            }
            if (local.isDate) {
                data.setInt((long) i * 4, (int) result);
            } else {
                data.setLong((long) i * 8, result);
            }
            BitVectorHelper.setBit(valid, i);
        }
        out.setValueCount(n);
        return out;
    }

    private static long truncateDays(Unit unit, long days) {
        long c = civil(days);
        return switch (unit) {
            case YEAR -> daysFromCivil(year(c), 1, 1);
            case QUARTER -> daysFromCivil(year(c), (month(c) - 1) / 3 * 3 + 1, 1);
            case MONTH -> daysFromCivil(year(c), month(c), 1);
            case WEEK -> days - dayOfWeek(days);
            default -> days;
        };
    }

    /**
     * Date or timestamp plus (sign 1) or minus (sign -1) a duration scalar or column. The result
     * is a timestamp in the finer of the two units (a date counts as midnight, zone-less);
     * overflow fails naming {@code what}. {@code addDuration(ts, tsType, d, duration(us), resultType, 1, "t + d", a)}
     */
    public static FieldVector addDuration(FieldVector in, DataType type, Operand duration, DataType durationType,
            DataType.Timestamp result, int sign, String what, BufferAllocator allocator) {
        int n = in.getValueCount();
        long perSecond = result.unit().perSecond();
        long inScale = type.kind() == DataType.Kind.DATE ? perSecond * SECONDS_PER_DAY
                : perSecond / ((DataType.Timestamp) type).unit().perSecond();
        long durScale = perSecond / ((DataType.Duration) durationType).unit().perSecond();
        boolean isDate = type.kind() == DataType.Kind.DATE;
        FieldVector out = Buffers.allocate(result, n, allocator);
        try {
            if (duration.isNullScalar()) {
                out.setValueCount(n);
                return out;
            }
            ArrowBuf src = in.getDataBuffer();
            ArrowBuf dst = out.getDataBuffer();
            ArrowBuf durs = duration.isScalar() ? null : duration.vector().getDataBuffer();
            for (int i = 0; i < n; i++) {
                if (in.isNull(i) || (durs != null && duration.vector().isNull(i))) {
                    continue;
                }
                long raw = isDate ? src.getInt((long) i * 4) : src.getLong((long) i * 8);
                long d = durs == null ? duration.longValue : durs.getLong((long) i * 8);
                try {
                    long v = Math.multiplyExact(raw, inScale);
                    long delta = Math.multiplyExact(d, durScale);
                    dst.setLong((long) i * 8, sign > 0 ? Math.addExact(v, delta) : Math.subtractExact(v, delta));
                } catch (ArithmeticException e) {
                    throw new KernelException("Timestamp overflow in " + what + " at row " + i);
                }
                BitVectorHelper.setBit(out.getValidityBuffer(), i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Date or timestamp plus (sign 1) or minus (sign -1) an interval (months, days, nanoseconds)
     * scalar or column, in local time: months first (the day is clamped to the month's end, as
     * DuckDB and Java), then days, then the time part. Keeps the input type; a date with an
     * interval that has a time part fails. {@code addInterval(dates, date(), Operand.scalar(interval(), Period.ofMonths(1)), 1, "d + p", a)}
     */
    public static FieldVector addInterval(FieldVector in, DataType type, Operand interval, int sign, String what,
            BufferAllocator allocator) {
        int n = in.getValueCount();
        Local local = new Local(in, type);
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            if (interval.isNullScalar()) {
                out.setValueCount(n);
                return out;
            }
            ArrowBuf ivs = interval.isScalar() ? null : interval.vector().getDataBuffer();
            long months0 = 0;
            long days0 = 0;
            if (ivs == null) {
                Period p = (Period) interval.scalar();
                months0 = p.toTotalMonths();
                days0 = p.getDays();
            }
            ArrowBuf dst = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                if (in.isNull(i) || (ivs != null && interval.vector().isNull(i))) {
                    continue;
                }
                long months = ivs == null ? months0 : ivs.getInt((long) i * 16);
                long days = ivs == null ? days0 : ivs.getInt((long) i * 16 + 4);
                long nanos = ivs == null ? 0 : ivs.getLong((long) i * 16 + 8);
                if (local.isDate && nanos != 0) {
                    throw new KernelException("Cannot add an interval with a time part to a date in " + what
                            + " at row " + i + "; cast the date to a timestamp first");
                }
                try {
                    long raw = local.raw(i);
                    long v = local.local(raw);
                    long d = Math.floorDiv(v, local.perDay);
                    long tod = v - d * local.perDay;
                    long nd = addMonthsDays(d, sign * months, sign * days);
                    long t = Math.addExact(Math.multiplyExact(nd, local.perDay), tod);
                    long r = local.toRaw(t, raw);
                    if (!local.isDate) {
                        r = Math.addExact(r, sign * Math.floorDiv(nanos, 1_000_000_000L / local.perSecond));
                        dst.setLong((long) i * 8, r);
                    } else {
                        dst.setInt((long) i * 4, Math.toIntExact(r));
                    }
                } catch (ArithmeticException e) {
                    throw new KernelException("Date overflow in " + what + " at row " + i);
                }
                BitVectorHelper.setBit(out.getValidityBuffer(), i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
