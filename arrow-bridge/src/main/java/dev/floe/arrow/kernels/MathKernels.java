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
                            r = Math.copySign(Math.floor(scaled + 0.5) / factor, x);
                            if (Double.isInfinite(scaled)) {
                                r = x;
                            }
                        }
                        Buffers.writeDouble(od, w, i, r);
                    }
                    case LONG -> {
                        long x = Buffers.readLong(id, w, unsigned, i);
                        long r = x;
                        if (digits < 0) {
                            long unit = BigInteger.TEN.pow(Math.min(-digits, 18)).longValueExact();
                            long half = unit / 2;
                            long mag = Math.abs(x);
                            r = Long.signum(x) * ((mag + half) / unit * unit);
                        }
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
