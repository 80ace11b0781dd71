package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * abs, ceil, floor, round (half away from zero), sign, and sqrt/exp/log (float64; NaN for negative
 * sqrt/log input). Integers and floats keep their type; ceil, floor and round of a decimal write the
 * type the caller gives: the input type for the DataFrame API (a carry that does not fit is an error
 * naming the row and the value), api's TypeRules.rounded (one more integer digit) for SQL.
 */
public final class MathKernels {
    private MathKernels() {
    }

    public enum Op { ABS, CEIL, FLOOR, SQRT, EXP, LOG, SIGN }

    public static FieldVector apply(Op op, FieldVector in, DataType type, DataType resultType, String what,
            BufferAllocator allocator) {
        if ((op == Op.CEIL || op == Op.FLOOR) && type instanceof DataType.Decimal d) {
            return roundDecimal(in, d, 0, op == Op.CEIL ? RoundingMode.CEILING : RoundingMode.FLOOR,
                    (DataType.Decimal) resultType, what, allocator);
        }
        int n = in.getValueCount();
        FieldVector out = Buffers.allocate(resultType, n, allocator);
        try {
            ArrowBuf id = in.getDataBuffer();
            ArrowBuf od = out.getDataBuffer();
            ArrowBuf ov = out.getValidityBuffer();
            Physical p = Physical.of(type);
            int w = Physical.width(type);
            int ow = Physical.width(resultType);
            boolean unsigned = Buffers.isUnsigned(type);
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    continue;
                }
                if (op == Op.SQRT || op == Op.EXP || op == Op.LOG) {
                    double x = asDouble(in, type, p, w, unsigned, i);
                    double r = switch (op) {
                        case SQRT -> Math.sqrt(x);
                        case EXP -> Math.exp(x);
                        default -> Math.log(x);
                    };
                    Buffers.writeDouble(od, ow, i, r);
                } else if (p == Physical.DOUBLE) {
                    double x = Buffers.readDouble(id, w, i);
                    double r = switch (op) {
                        case ABS -> Math.abs(x);
                        case CEIL -> Math.ceil(x);
                        case FLOOR -> Math.floor(x);
                        default -> Double.isNaN(x) ? x : Math.signum(x);
                    };
                    Buffers.writeDouble(od, ow, i, r);
                } else if (p == Physical.LONG) {
                    long x = Buffers.readLong(id, w, unsigned, i);
                    long r = switch (op) {
                        case ABS -> {
                            if (x == Arithmetic.minOf(type)) {
                                throw new KernelException("integer overflow in " + what + " at row " + i + ": abs(" + x + ")");
                            }
                            yield Math.abs(x);
                        }
                        case CEIL, FLOOR -> x;
                        default -> Long.signum(x);
                    };
                    Buffers.writeLong(od, ow, i, r);
                } else if (p == Physical.DECIMAL) {
                    BigInteger x = Decimals.unscaled(id, i);
                    switch (op) {
                        case SIGN -> Buffers.writeLong(od, ow, i, x.signum());
                        case ABS -> Decimals.write(od, i, x.abs());
                        default -> throw new KernelException(op + " of a decimal is not computed here: " + what);
                    }
                } else {
                    throw new KernelException(op + " is not supported for " + type + " in " + what);
                }
                BitVectorHelper.setBit(ov, i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    static double asDouble(FieldVector in, DataType type, Physical p, int w, boolean unsigned, int i) {
        return switch (p) {
            case DOUBLE -> Buffers.readDouble(in.getDataBuffer(), w, i);
            case LONG -> Buffers.readLong(in.getDataBuffer(), w, unsigned, i);
            case ULONG -> Casts.unsignedToDouble(in.getDataBuffer().getLong((long) i * 8));
            case DECIMAL -> new BigDecimal(Decimals.unscaled(in.getDataBuffer(), i),
                    ((DataType.Decimal) type).scale()).doubleValue();
            default -> throw new KernelException("not numeric: " + type);
        };
    }

    /** x rounded half away from zero to a multiple of 10^places; an error when that leaves the type's range. */
    private static long roundLong(long x, int places, DataType type, int row) {
        long r = 0;
        boolean fits;
        if (places > 18) {
            // 10^19 is past int64: a value rounds to 0 unless it is at least half of that
            fits = x < 5_000_000_000_000_000_000L && x > -5_000_000_000_000_000_000L;
        } else {
            long unit = BigInteger.TEN.pow(places).longValueExact();
            long rem = x % unit;
            r = x - rem;
            fits = true;
            if (Math.abs(rem) * 2 >= unit) {
                try {
                    r = x < 0 ? Math.subtractExact(r, unit) : Math.addExact(r, unit);
                } catch (ArithmeticException e) {
                    fits = false;
                }
            }
        }
        if (!fits || r < Arithmetic.minOf(type) || r > Arithmetic.maxOf(type)) {
            throw new KernelException("integer overflow in round(" + x + ", " + (-places) + ") at row " + row
                    + ": the result does not fit " + type + "; cast to a wider type or to decimal first");
        }
        return r;
    }

    /**
     * Rounds half away from zero to {@code digits} decimal places. Integers and floats keep their type;
     * a decimal is written as {@code resultType} (the input type, or SQL's wider TypeRules.rounded), an error naming {@code what}
     * and the row when a value does not fit it.
     */
    public static FieldVector round(FieldVector in, DataType type, int digits, DataType resultType, String what,
            BufferAllocator allocator) {
        if (type instanceof DataType.Decimal d) {
            return roundDecimal(in, d, digits, RoundingMode.HALF_UP, (DataType.Decimal) resultType, what, allocator);
        }
        int n = in.getValueCount();
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            ArrowBuf id = in.getDataBuffer();
            ArrowBuf od = out.getDataBuffer();
            ArrowBuf ov = out.getValidityBuffer();
            Physical p = Physical.of(type);
            int w = Physical.width(type);
            boolean unsigned = Buffers.isUnsigned(type);
            double factor = Math.pow(10, digits);
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    continue;
                }
                switch (p) {
                    case DOUBLE -> {
                        double x = Buffers.readDouble(id, w, i);
                        double r;
                        if (Double.isNaN(x) || Double.isInfinite(x)) {
                            r = x;
                        } else {
                            double scaled = Math.abs(x) * factor;
                            // not floor(scaled + 0.5): that addition rounds up 0.49999999999999994 and odd values past 2^52
                            double down = Math.floor(scaled);
                            r = Math.copySign((scaled - down >= 0.5 ? down + 1 : down) / factor, x);
                            if (Double.isInfinite(scaled)) {
                                r = x;
                            }
                        }
                        Buffers.writeDouble(od, w, i, r);
                    }
                    case LONG -> {
                        long x = Buffers.readLong(id, w, unsigned, i);
                        long r = digits < 0 ? roundLong(x, -digits, type, i) : x;
                        Buffers.writeLong(od, w, i, r);
                    }
                    default -> throw new KernelException("round is not supported for " + type);
                }
                BitVectorHelper.setBit(ov, i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * decimal(p, s) values rounded to {@code digits} places ({@code FLOOR}, {@code CEILING} or
     * {@code HALF_UP}, which is half away from zero) and written at {@code result}'s scale, which
     * must be at least {@code min(s, digits)}. Values whose unscaled form fits a long run on longs
     * (while at most 18 digits are dropped or appended); the others go through BigDecimal one by one. A result
     * with more digits than {@code result}'s precision is an error naming {@code what} and the row.
     */
    public static FieldVector roundDecimal(FieldVector in, DataType.Decimal type, int digits, RoundingMode mode,
            DataType.Decimal result, String what, BufferAllocator allocator) {
        int n = in.getValueCount();
        int drop = Math.max(type.scale() - digits, 0);         // digits rounded off
        int kept = type.scale() - drop;                          // the scale rounding leaves
        int pad = result.scale() - kept;                         // zeros appended to reach the result's scale
        if (pad < 0) {
            throw new IllegalArgumentException("round to " + digits + " places of " + type + " cannot be written as " + result);
        }
        long unit = drop < Decimals.POW10.length ? Decimals.POW10[drop] : 0;
        long factor = pad < Decimals.POW10.length ? Decimals.POW10[pad] : 0;
        long bound = result.precision() < Decimals.POW10.length ? Decimals.POW10[result.precision()] : Long.MAX_VALUE;
        FieldVector out = Buffers.allocate(result, n, allocator);
        try {
            ArrowBuf id = in.getDataBuffer();
            ArrowBuf od = out.getDataBuffer();
            ArrowBuf ov = out.getValidityBuffer();
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    continue;
                }
                long x = id.getLong((long) i * 16);
                boolean done = false;
                if (unit != 0 && factor != 0 && Decimals.fitsLong(x, id.getLong((long) i * 16 + 8))) {
                    long q = x / unit;
                    long rem = x % unit;
                    if (mode == RoundingMode.FLOOR) {
                        q -= rem < 0 ? 1 : 0;
                    } else if (mode == RoundingMode.CEILING) {
                        q += rem > 0 ? 1 : 0;
                    } else if (Math.abs(rem) * 2 >= unit) {   // |rem| < 10^18: no overflow
                        q += x < 0 ? -1 : 1;
                    }
                    long r = q * factor;
                    if (Math.multiplyHigh(q, factor) == (r >> 63) && r != Long.MIN_VALUE
                            && (bound == Long.MAX_VALUE || Math.abs(r) < bound)) {
                        Decimals.write(od, i, r, r >> 63);
                        done = true;
                    }
                }
                if (!done) {
                    BigInteger r = new BigDecimal(Decimals.unscaled(id, i), type.scale()).setScale(kept, mode)
                            .setScale(result.scale()).unscaledValue();
                    if (r.abs().compareTo(Decimals.limit(result.precision())) >= 0) {
                        throw new KernelException("decimal overflow in " + what + " at row " + i + ": "
                                + new BigDecimal(r, result.scale()).toPlainString() + " does not fit " + result
                                + "; cast to a wider decimal first");
                    }
                    Decimals.write(od, i, r);
                }
                BitVectorHelper.setBit(ov, i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
