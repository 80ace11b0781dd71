package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Casts between numeric, decimal, string, date, timestamp and boolean types. Numeric casts run
 * over raw buffers; casts from or to strings parse or format value by value. A value that does
 * not convert fails with its row and text, or becomes null when {@code lenient} (tryCast).
 */
public final class Casts {
    private Casts() {
    }

    /**
     * @param what the expression text, for error messages
     */
    public static FieldVector cast(FieldVector in, DataType from, DataType to, boolean lenient, String what,
            BufferAllocator allocator) {
        int n = in.getValueCount();
        FieldVector out = Buffers.allocate(to, n, allocator);
        try {
            if (from.kind() != Kind.NULL) {
                Physical pf = Physical.of(from);
                Physical pt = Physical.of(to);
                if (pf == Physical.LONG && pt == Physical.LONG) {
                    longToLong(in, from, to, out, n, lenient, what);
                } else if (pf == Physical.LONG && pt == Physical.DOUBLE && from.isInteger()) {
                    longToDouble(in, from, to, out, n);
                } else if (pf == Physical.DOUBLE && pt == Physical.DOUBLE) {
                    int fw = Physical.width(from);
                    int tw = Physical.width(to);
                    for (int i = 0; i < n; i++) {
                        if (!in.isNull(i)) {
                            Buffers.writeDouble(out.getDataBuffer(), tw, i, Buffers.readDouble(in.getDataBuffer(), fw, i));
                            BitVectorHelper.setBit(out.getValidityBuffer(), i);
                        }
                    }
                } else if (pf == Physical.DOUBLE && pt == Physical.LONG && to.isInteger()) {
                    doubleToLong(in, from, to, out, n, lenient, what);
                } else if (pf == Physical.DECIMAL || pt == Physical.DECIMAL) {
                    decimalCast(in, from, to, out, n, lenient, what);
                } else {
                    valueByValue(in, from, to, out, n, lenient, what);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static KernelException failure(Object value, DataType to, int row, String what, String why) {
        String shown = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        return new KernelException("Cannot cast " + shown + " to " + to + " at row " + row + " in " + what
                + (why == null ? "" : " (" + why + ")") + "; use tryCast for null instead of an error");
    }

    /** Integer-like to integer-like, including date/timestamp conversions and timestamp unit changes. */
    private static void longToLong(FieldVector in, DataType from, DataType to, FieldVector out, int n,
            boolean lenient, String what) {
        int fw = Physical.width(from);
        int tw = Physical.width(to);
        boolean fu = Buffers.isUnsigned(from);
        long min = Arithmetic.minOf(to);
        long max = Arithmetic.maxOf(to);
        long mul = 1;
        long div = 1;
        if (from.kind() == Kind.DATE && to.kind() == Kind.TIMESTAMP) {
            mul = 86_400L * ((DataType.Timestamp) to).unit().perSecond();
        } else if (from.kind() == Kind.TIMESTAMP && to.kind() == Kind.DATE) {
            div = 86_400L * ((DataType.Timestamp) from).unit().perSecond();
        } else if (from.kind() == Kind.TIMESTAMP && to.kind() == Kind.TIMESTAMP) {
            long f = ((DataType.Timestamp) from).unit().perSecond();
            long t = ((DataType.Timestamp) to).unit().perSecond();
            if (t > f) {
                mul = t / f;
            } else {
                div = f / t;
            }
        } else if (from.kind() == Kind.DURATION && to.kind() == Kind.DURATION) {
            long f = ((DataType.Duration) from).unit().perSecond();
            long t = ((DataType.Duration) to).unit().perSecond();
            if (t > f) {
                mul = t / f;
            } else {
                div = f / t;
            }
        }
        ArrowBuf id = in.getDataBuffer();
        ArrowBuf od = out.getDataBuffer();
        ArrowBuf ov = out.getValidityBuffer();
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            long x = Buffers.readLong(id, fw, fu, i);
            long r;
            try {
                r = Math.floorDiv(Math.multiplyExact(x, mul), div);
            } catch (ArithmeticException e) {
                if (lenient) {
                    continue;
                }
                throw failure(x, to, i, what, "out of range");
            }
            if (r < min || r > max) {
                if (lenient) {
                    continue;
                }
                throw failure(x, to, i, what, "out of range");
            }
            Buffers.writeLong(od, tw, i, r);
            BitVectorHelper.setBit(ov, i);
        }
    }

    private static void longToDouble(FieldVector in, DataType from, DataType to, FieldVector out, int n) {
        int fw = Physical.width(from);
        int tw = Physical.width(to);
        boolean fu = Buffers.isUnsigned(from);
        for (int i = 0; i < n; i++) {
            if (!in.isNull(i)) {
                Buffers.writeDouble(out.getDataBuffer(), tw, i, Buffers.readLong(in.getDataBuffer(), fw, fu, i));
                BitVectorHelper.setBit(out.getValidityBuffer(), i);
            }
        }
    }

    private static void doubleToLong(FieldVector in, DataType from, DataType to, FieldVector out, int n,
            boolean lenient, String what) {
        int fw = Physical.width(from);
        int tw = Physical.width(to);
        double min = Arithmetic.minOf(to);
        double max = Arithmetic.maxOf(to);
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            double x = Buffers.readDouble(in.getDataBuffer(), fw, i);
            // truncates toward zero, like Spark and Daft
            if (Double.isNaN(x) || x < min || x >= max + 1.0 || (x >= max && max == Long.MAX_VALUE)) {
                if (lenient) {
                    continue;
                }
                throw failure(x, to, i, what, "out of range");
            }
            Buffers.writeLong(out.getDataBuffer(), tw, i, (long) x);
            BitVectorHelper.setBit(out.getValidityBuffer(), i);
        }
    }

    private static final long[] POW10 = Decimals.POW10;

    /**
     * Casts from or to decimals. The common cases run on longs: integers and decimals to a decimal
     * of the same or a larger scale, and decimals to float64, while the unscaled values fit 64 bits
     * (and 2^53 for float64, where the one division then rounds exactly as BigDecimal does). Other
     * values (wider, fewer fraction digits: rounding) go through BigDecimal one by one.
     */
    private static void decimalCast(FieldVector in, DataType from, DataType to, FieldVector out, int n,
            boolean lenient, String what) {
        boolean fromDecimal = from.kind() == Kind.DECIMAL;
        boolean fromInteger = from.isInteger() && from.kind() != Kind.UINT64;
        int fromScale = fromDecimal ? ((DataType.Decimal) from).scale() : 0;
        ArrowBuf src = in.getDataBuffer();
        ArrowBuf dst = out.getDataBuffer();
        ArrowBuf valid = out.getValidityBuffer();
        int fw = Physical.width(from);
        boolean unsigned = Buffers.isUnsigned(from);
        if (to.kind() == Kind.DECIMAL && (fromDecimal || fromInteger)) {
            DataType.Decimal d = (DataType.Decimal) to;
            int up = d.scale() - fromScale;
            if (up >= 0 && up < POW10.length) {
                long factor = POW10[up];
                long bound = d.precision() < POW10.length ? POW10[d.precision()] : Long.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    if (in.isNull(i)) {
                        continue;
                    }
                    long v;
                    if (fromDecimal) {
                        long lo = src.getLong((long) i * 16);
                        if (!Decimals.fitsLong(lo, src.getLong((long) i * 16 + 8))) {
                            decimalCastOne(in, from, to, out, i, lenient, what);
                            continue;
                        }
                        v = lo;
                    } else {
                        v = Buffers.readLong(src, fw, unsigned, i);
                    }
                    long r = v * factor;
                    if (Math.multiplyHigh(v, factor) != (r >> 63) || r == Long.MIN_VALUE
                            || (bound != Long.MAX_VALUE && Math.abs(r) >= bound)) {
                        decimalCastOne(in, from, to, out, i, lenient, what);
                        continue;
                    }
                    Decimals.write(dst, i, r, r >> 63);
                    BitVectorHelper.setBit(valid, i);
                }
                return;
            }
        }
        if (fromDecimal && to.kind() == Kind.FLOAT64 && fromScale < 23) {
            double divisor = Math.pow(10, fromScale); // exact for 10^0 .. 10^22
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    continue;
                }
                long lo = src.getLong((long) i * 16);
                if (!Decimals.fitsLong(lo, src.getLong((long) i * 16 + 8)) || Math.abs(lo) > (1L << 53)) {
                    decimalCastOne(in, from, to, out, i, lenient, what);
                    continue;
                }
                dst.setDouble((long) i * 8, lo / divisor);
                BitVectorHelper.setBit(valid, i);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!in.isNull(i)) {
                decimalCastOne(in, from, to, out, i, lenient, what);
            }
        }
    }

    /** One value through BigDecimal: the exact rules, rounding and errors. */
    private static void decimalCastOne(FieldVector in, DataType from, DataType to, FieldVector out, int i,
            boolean lenient, String what) {
        Object value = Values.get(in, from, i);
        Object converted;
        try {
            converted = convert(value, from, to);
        } catch (RuntimeException e) {
            if (lenient) {
                return;
            }
            throw failure(value, to, i, what, e.getMessage());
        }
        if (converted != null) {
            Values.set(out, to, i, converted);
        }
    }

    /** Casts that go through Java values: to and from strings and booleans. */
    private static void valueByValue(FieldVector in, DataType from, DataType to, FieldVector out, int n,
            boolean lenient, String what) {
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            Object value = from.kind() == Kind.STRING
                    ? new String(((VarCharVector) in).get(i), StandardCharsets.UTF_8) : Values.get(in, from, i);
            Object converted;
            try {
                converted = convert(value, from, to);
            } catch (RuntimeException e) {
                if (lenient) {
                    continue;
                }
                throw failure(value, to, i, what, e.getMessage());
            }
            if (converted != null) {
                Values.set(out, to, i, converted);
            }
        }
    }

    /** Converts one Java value (API classes) of type {@code from} to the Java class of {@code to}. */
    public static Object convert(Object value, DataType from, DataType to) {
        if (value == null) {
            return null;
        }
        if (to.kind() == Kind.STRING) {
            return format(value);
        }
        if (value instanceof String s) {
            return parse(s.strip(), to);
        }
        if (value instanceof Boolean b) {
            return fromNumber(b ? BigDecimal.ONE : BigDecimal.ZERO, to);
        }
        if (value instanceof LocalDateTime t && to.kind() == Kind.DATE) {
            return t.toLocalDate();
        }
        if (value instanceof java.time.Instant t && to.kind() == Kind.DATE) {
            return LocalDate.ofInstant(t, ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d && to.kind() == Kind.TIMESTAMP) {
            LocalDateTime t = d.atStartOfDay();
            return ((DataType.Timestamp) to).zone() == null ? t : t.toInstant(ZoneOffset.UTC);
        }
        Object temporal = convertTemporal(value, from, to);
        if (temporal != null) {
            return temporal;
        }
        BigDecimal number = toBigDecimal(value);
        if (number == null) {
            throw new IllegalArgumentException("unsupported conversion from " + from + " to " + to);
        }
        return fromNumber(number, to);
    }

    /**
     * Dates as epoch days and timestamps as counts of their unit since the epoch (UTC), both ways,
     * and timestamps between zones and units, as the vector casts do; null when not temporal.
     */
    private static Object convertTemporal(Object value, DataType from, DataType to) {
        java.time.Instant instant = value instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC)
                : value instanceof java.time.Instant t ? t : null;
        if (value instanceof LocalDate d && to.isInteger()) {
            return fromNumber(BigDecimal.valueOf(d.toEpochDay()), to);
        }
        if (instant != null && to.isInteger() && from instanceof DataType.Timestamp ts) {
            long perSecond = ts.unit().perSecond();
            long units = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), perSecond),
                    instant.getNano() / (1_000_000_000L / perSecond));
            return fromNumber(BigDecimal.valueOf(units), to);
        }
        if (instant != null && to instanceof DataType.Timestamp ts) {
            return ts.zone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
        }
        if (value instanceof Number && from.isInteger() && to.kind() == Kind.DATE) {
            return LocalDate.ofEpochDay(toBigDecimal(value).longValueExact());
        }
        if (value instanceof Number && from.isInteger() && to instanceof DataType.Timestamp ts) {
            long units = toBigDecimal(value).longValueExact();
            long perSecond = ts.unit().perSecond();
            java.time.Instant t = java.time.Instant.ofEpochSecond(Math.floorDiv(units, perSecond),
                    Math.floorMod(units, perSecond) * (1_000_000_000L / perSecond));
            return ts.zone() == null ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : t;
        }
        return null;
    }

    private static BigDecimal toBigDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                throw new IllegalArgumentException("not a finite number");
            }
            return new BigDecimal(Float.toString(f));
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Number num) {
            return BigDecimal.valueOf(num.longValue());
        }
        return null;
    }

    private static Object fromNumber(BigDecimal x, DataType to) {
        return switch (to.kind()) {
            case BOOL -> x.signum() != 0;
            case INT8 -> x.setScale(0, RoundingMode.DOWN).byteValueExact();
            case INT16 -> x.setScale(0, RoundingMode.DOWN).shortValueExact();
            case INT32 -> x.setScale(0, RoundingMode.DOWN).intValueExact();
            case INT64 -> x.setScale(0, RoundingMode.DOWN).longValueExact();
            case UINT8, UINT16, UINT32, UINT64 -> {
                BigInteger b = x.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
                if (b.signum() < 0) {
                    throw new ArithmeticException("negative value for an unsigned type");
                }
                yield b;
            }
            case FLOAT32 -> x.floatValue();
            case FLOAT64 -> x.doubleValue();
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) to;
                BigDecimal r = x.setScale(d.scale(), RoundingMode.HALF_UP);
                if (r.precision() - r.scale() > d.precision() - d.scale()) {
                    throw new ArithmeticException("too many digits for " + to);
                }
                yield r;
            }
            default -> throw new IllegalArgumentException("cannot convert a number to " + to);
        };
    }

    private static Object parse(String s, DataType to) {
        try {
            return switch (to.kind()) {
                case BOOL -> switch (s.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "t", "1", "yes", "y" -> true;
                    case "false", "f", "0", "no", "n" -> false;
                    default -> throw new IllegalArgumentException("not a boolean");
                };
                case DATE -> LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
                case TIMESTAMP -> parseTimestamp(s, (DataType.Timestamp) to);
                case FLOAT32 -> Float.parseFloat(s);
                case FLOAT64 -> Double.parseDouble(s);
                case BINARY -> s.getBytes(StandardCharsets.UTF_8);
                default -> fromNumber(new BigDecimal(s), to);
            };
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a valid " + to);
        }
    }

    /**
     * {@code yyyy-MM-dd}, {@code yyyy-MM-dd[ T]HH:mm[:ss[.fraction]]}, optionally followed by
     * {@code Z} or an offset such as {@code +02:00}: an offset is applied (to UTC for zoned types,
     * to UTC wall-clock time for zone-less ones), no offset means UTC.
     */
    private static Object parseTimestamp(String s, DataType.Timestamp to) {
        if (s.length() == 10) {
            LocalDateTime t = LocalDate.parse(s).atStartOfDay();
            return to.zone() == null ? t : t.toInstant(ZoneOffset.UTC);
        }
        String iso = s.replace(' ', 'T');
        java.time.temporal.TemporalAccessor parsed = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(iso);
        LocalDateTime local = LocalDateTime.from(parsed);
        java.time.Instant instant = parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                ? local.toInstant(ZoneOffset.ofTotalSeconds(parsed.get(java.time.temporal.ChronoField.OFFSET_SECONDS)))
                : local.toInstant(ZoneOffset.UTC);
        return to.zone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
    }

    /** {@code yyyy-MM-dd HH:mm:ss} with the fraction only when it is not zero (DuckDB's and Spark's text). */
    private static String formatTime(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(t.toLocalDate()).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }

    private static String format(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof LocalDateTime t) {
            return formatTime(t);
        }
        if (v instanceof java.time.Instant t) {
            return formatTime(LocalDateTime.ofInstant(t, ZoneOffset.UTC)) + "Z";
        }
        return v.toString();
    }

    static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

}
