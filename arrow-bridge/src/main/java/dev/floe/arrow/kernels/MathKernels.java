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
 * abs, ceil, floor, round (half away from zero; keep the type), sign, and sqrt/exp/log (float64;
 * NaN for negative sqrt/log input).
 */
public final class MathKernels {
    private MathKernels() {
    }

    public enum Op { ABS, CEIL, FLOOR, SQRT, EXP, LOG, SIGN }

    public static FieldVector apply(Op op, FieldVector in, DataType type, DataType resultType, String what,
            BufferAllocator allocator) {
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
                    int scale = ((DataType.Decimal) type).scale();
                    BigDecimal x = new BigDecimal(Decimals.unscaled(id, i), scale);
                    if (op == Op.SIGN) {
                        Buffers.writeLong(od, ow, i, x.signum());
                    } else {
                        BigDecimal r = switch (op) {
                            case ABS -> x.abs();
                            case CEIL -> x.setScale(0, RoundingMode.CEILING).setScale(scale);
                            default -> x.setScale(0, RoundingMode.FLOOR).setScale(scale);
                        };
                        Decimals.write(od, i, r.unscaledValue());
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

    /** Rounds half away from zero to {@code digits} decimal places, keeping the type. */
    public static FieldVector round(FieldVector in, DataType type, int digits, BufferAllocator allocator) {
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
                    case DECIMAL -> {
                        int scale = ((DataType.Decimal) type).scale();
                        BigDecimal x = new BigDecimal(Decimals.unscaled(id, i), scale);
                        BigDecimal r = digits >= scale ? x : x.setScale(digits, RoundingMode.HALF_UP).setScale(scale);
                        Decimals.write(od, i, r.unscaledValue());
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
}
