package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Date and timestamp kernels of the functions users reach for besides {@link TemporalKernels}:
 * day differences and additions, last day of the month, months between, epoch seconds,
 * time-zone shifts of wall-clock timestamps, and formatting/parsing with a {@link DatePattern}.
 * Integer arithmetic on epoch days and units (civil dates from {@link TemporalKernels#civil}),
 * no date object per value. Null in, null out; a string that does not parse gives null.
 *
 * <pre>{@code BigIntVector days = DateFunctionKernels.dateDiff(end, start, allocator);}</pre>
 */
public final class DateFunctionKernels {
    private static final long SECONDS_PER_DAY = 86_400L;

    private DateFunctionKernels() {
    }

    /** {@code end - start} in days, int64. {@code dateDiff(end, start, a)} */
    public static BigIntVector dateDiff(DateDayVector end, DateDayVector start, BufferAllocator allocator) {
        int n = end.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (!end.isNull(i) && !start.isNull(i)) {
                out.set(i, (long) end.get(i) - start.get(i));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /** The date plus a number of days. {@code dateAdd(dates, days, a)} */
    public static DateDayVector dateAdd(DateDayVector dates, BigIntVector days, String what, BufferAllocator allocator) {
        int n = dates.getValueCount();
        DateDayVector out = new DateDayVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        try {
            for (int i = 0; i < n; i++) {
                if (!dates.isNull(i) && !days.isNull(i)) {
                    long r = dates.get(i) + days.get(i);
                    if (r != (int) r) {
                        throw new KernelException("date out of range in " + what + " at row " + i + ": "
                                + dates.get(i) + " + " + days.get(i) + " days");
                    }
                    out.set(i, (int) r);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The last day of each date's month. {@code lastDay(dates, a)} */
    public static DateDayVector lastDay(DateDayVector dates, BufferAllocator allocator) {
        int n = dates.getValueCount();
        DateDayVector out = new DateDayVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (!dates.isNull(i)) {
                long c = TemporalKernels.civil(dates.get(i));
                int y = TemporalKernels.year(c);
                int m = TemporalKernels.month(c);
                out.set(i, (int) TemporalKernels.daysFromCivil(y, m, TemporalKernels.daysInMonth(y, m)));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Months from {@code start} to {@code end} as float64, Spark's {@code months_between}: whole
     * months when both fall on the same day of the month or both on the last day of their month,
     * otherwise the month difference plus the difference of the times within the month over 31
     * days, rounded to 8 decimals. Both are zone-less timestamps of {@code unit} (dates converted).
     */
    public static Float8Vector monthsBetween(FieldVector end, FieldVector start, DataType.Timestamp type,
            BufferAllocator allocator) {
        int n = end.getValueCount();
        long perSecond = type.unit().perSecond();
        long perDay = perSecond * SECONDS_PER_DAY;
        ZoneShift zone1 = ZoneShift.of(type.zone());
        ZoneShift zone2 = ZoneShift.of(type.zone());
        Float8Vector out = new Float8Vector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        ArrowBuf e = end.getDataBuffer();
        ArrowBuf s = start.getDataBuffer();
        for (int i = 0; i < n; i++) {
            if (end.isNull(i) || start.isNull(i)) {
                continue;
            }
            long a = local(e.getLong((long) i * 8), zone1, perSecond);
            long b = local(s.getLong((long) i * 8), zone2, perSecond);
            long da = Math.floorDiv(a, perDay);
            long db = Math.floorDiv(b, perDay);
            long ca = TemporalKernels.civil(da);
            long cb = TemporalKernels.civil(db);
            long months = (TemporalKernels.year(ca) * 12L + TemporalKernels.month(ca))
                    - (TemporalKernels.year(cb) * 12L + TemporalKernels.month(cb));
            boolean lastA = TemporalKernels.day(ca) == TemporalKernels.daysInMonth(TemporalKernels.year(ca), TemporalKernels.month(ca));
            boolean lastB = TemporalKernels.day(cb) == TemporalKernels.daysInMonth(TemporalKernels.year(cb), TemporalKernels.month(cb));
            if (TemporalKernels.day(ca) == TemporalKernels.day(cb) || (lastA && lastB)) {
                out.set(i, months);
                continue;
            }
            // seconds since the start of each one's month (whole seconds, as Spark)
            double secA = (TemporalKernels.day(ca) - 1) * (double) SECONDS_PER_DAY + Math.floorDiv(a - da * perDay, perSecond);
            double secB = (TemporalKernels.day(cb) - 1) * (double) SECONDS_PER_DAY + Math.floorDiv(b - db * perDay, perSecond);
            double diff = months + (secA - secB) / (31.0 * SECONDS_PER_DAY);
            out.set(i, Math.round(diff * 1e8) / 1e8);
        }
        out.setValueCount(n);
        return out;
    }

    private static long local(long raw, ZoneShift zone, long perSecond) {
        return raw + zone.offsetSeconds(Math.floorDiv(raw, perSecond)) * perSecond;
    }

    /**
     * Whole seconds since 1970-01-01T00:00Z (floor), int64: a zoned timestamp's instant, a
     * zone-less timestamp or a date read as UTC. {@code unixTimestamp(ts, type, a)}
     */
    public static BigIntVector unixTimestamp(FieldVector in, DataType type, BufferAllocator allocator) {
        int n = in.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        boolean isDate = type.kind() == DataType.Kind.DATE;
        long perSecond = isDate ? 1 : ((DataType.Timestamp) type).unit().perSecond();
        ArrowBuf d = in.getDataBuffer();
        for (int i = 0; i < n; i++) {
            if (!in.isNull(i)) {
                out.set(i, isDate ? d.getInt((long) i * 4) * SECONDS_PER_DAY : Math.floorDiv(d.getLong((long) i * 8), perSecond));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Shifts zone-less timestamps between UTC and a zone's wall clock: {@code toZone} true reads
     * each value as UTC and gives the wall-clock time in {@code zone} (Spark's
     * {@code from_utc_timestamp}); false reads it as wall-clock time in {@code zone} and gives UTC
     * ({@code to_utc_timestamp}; a time in a DST gap or overlap takes the offset before the switch).
     */
    public static FieldVector shiftZone(FieldVector in, DataType.Timestamp type, String zone, boolean toZone,
            BufferAllocator allocator) {
        int n = in.getValueCount();
        long perSecond = type.unit().perSecond();
        ZoneShift shift = ZoneShift.of(zone);
        FieldVector out = Buffers.allocate(type, n, allocator);
        ArrowBuf d = in.getDataBuffer();
        ArrowBuf o = out.getDataBuffer();
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            long v = d.getLong((long) i * 8);
            long r;
            if (toZone) {
                r = v + shift.offsetSeconds(Math.floorDiv(v, perSecond)) * perSecond;
            } else {
                long local = Math.floorDiv(v, perSecond);
                long early = shift.offsetSeconds(local - SECONDS_PER_DAY);
                long late = shift.offsetSeconds(local + SECONDS_PER_DAY);
                // as java.time's atZone: the earlier offset in an overlap, the one before the switch in a gap
                long off = shift.offsetSeconds(local - early) == early ? early
                        : shift.offsetSeconds(local - late) == late ? late : early;
                r = v - off * perSecond;
            }
            o.setLong((long) i * 8, r);
            Buffers.setValid(out.getValidityBuffer(), i);
        }
        out.setValueCount(n);
        return out;
    }

    /** Each date or timestamp formatted with the pattern, in its local time. {@code format(ts, type, pattern, a)} */
    public static VarCharVector format(FieldVector in, DataType type, DatePattern pattern, BufferAllocator allocator) {
        int n = in.getValueCount();
        boolean isDate = type.kind() == DataType.Kind.DATE;
        long perSecond = isDate ? 1 : ((DataType.Timestamp) type).unit().perSecond();
        ZoneShift zone = isDate ? null : ZoneShift.of(((DataType.Timestamp) type).zone());
        ArrowBuf d = in.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, (long) n * 24, allocator);
        byte[] buf = new byte[64];
        try {
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                long days;
                long nanosOfDay;
                if (isDate) {
                    days = d.getInt((long) i * 4);
                    nanosOfDay = 0;
                } else {
                    long v = local(d.getLong((long) i * 8), zone, perSecond);
                    long perDay = perSecond * SECONDS_PER_DAY;
                    days = Math.floorDiv(v, perDay);
                    nanosOfDay = (v - days * perDay) * (1_000_000_000L / perSecond);
                }
                pattern.format(days, nanosOfDay, out, buf);
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /**
     * Each string parsed with the pattern into a date ({@code date} true) or a zone-less
     * timestamp of {@code unit}; a string that does not match, or names no real date, gives null.
     */
    public static FieldVector parse(VarCharVector in, DatePattern pattern, DataType resultType, BufferAllocator allocator) {
        int n = in.getValueCount();
        boolean date = resultType.kind() == DataType.Kind.DATE;
        long perSecond = date ? 1 : ((DataType.Timestamp) resultType).unit().perSecond();
        FieldVector out = Buffers.allocate(resultType, n, allocator);
        ArrowBuf data = in.getDataBuffer();
        ArrowBuf offsets = in.getOffsetBuffer();
        ArrowBuf o = out.getDataBuffer();
        long[] fields = new long[DatePattern.FIELDS];
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            int b = offsets.getInt((long) i * 4);
            int e = offsets.getInt((long) (i + 1) * 4);
            if (!pattern.parse(data, b, e, fields)) {
                continue;
            }
            long days = TemporalKernels.daysFromCivil(fields[DatePattern.YEAR], fields[DatePattern.MONTH], fields[DatePattern.DAY]);
            if (date) {
                o.setInt((long) i * 4, (int) days);
            } else {
                long secs = days * SECONDS_PER_DAY + fields[DatePattern.HOUR] * 3600 + fields[DatePattern.MINUTE] * 60
                        + fields[DatePattern.SECOND];
                o.setLong((long) i * 8, secs * perSecond + fields[DatePattern.NANO] / (1_000_000_000L / perSecond));
            }
            Buffers.setValid(out.getValidityBuffer(), i);
        }
        out.setValueCount(n);
        return out;
    }

    /** Seconds since the epoch as a timestamp(us, UTC); overflow fails naming {@code what}. */
    public static FieldVector fromUnixTime(BigIntVector seconds, DataType.Timestamp type, String what, BufferAllocator allocator) {
        int n = seconds.getValueCount();
        long perSecond = type.unit().perSecond();
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (seconds.isNull(i)) {
                    continue;
                }
                long s = seconds.get(i);
                long r = s * perSecond;
                if (perSecond != 0 && r / perSecond != s) {
                    throw new KernelException("timestamp out of range in " + what + " at row " + i + ": " + s + " seconds");
                }
                out.getDataBuffer().setLong((long) i * 8, r);
                Buffers.setValid(out.getValidityBuffer(), i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The same instants under another zone (a zone-less input is read as UTC). {@code sameInstant(ts, timestamp(us, "Asia/Tokyo"), a)} */
    public static FieldVector sameInstant(FieldVector in, DataType.Timestamp type, BufferAllocator allocator) {
        int n = in.getValueCount();
        FieldVector out = Buffers.allocate(type, n, allocator);
        ArrowBuf d = in.getDataBuffer();
        for (int i = 0; i < n; i++) {
            if (!in.isNull(i)) {
                out.getDataBuffer().setLong((long) i * 8, d.getLong((long) i * 8));
                Buffers.setValid(out.getValidityBuffer(), i);
            }
        }
        out.setValueCount(n);
        return out;
    }
}
