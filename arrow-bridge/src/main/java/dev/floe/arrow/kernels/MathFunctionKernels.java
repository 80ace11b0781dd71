package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Math kernels of the functions users reach for besides {@link MathKernels}: float64 functions of
 * one or two arguments (logarithms, trigonometry, pow), greatest/least/clip over any ordered type,
 * pmod, isNan and fillNan. Primitive loops, nulls via validity; null in, null out except where
 * a function says otherwise.
 *
 * <pre>{@code Float8Vector l = MathFunctionKernels.map(x, Math::log10, allocator);}</pre>
 */
public final class MathFunctionKernels {
    private MathFunctionKernels() {
    }

    /** {@code f(x)} per row of a float64 vector. {@code map(x, Math::sin, a)} */
    public static Float8Vector map(Float8Vector x, DoubleUnaryOperator f, BufferAllocator allocator) {
        int n = x.getValueCount();
        Float8Vector out = new Float8Vector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (!x.isNull(i)) {
                out.set(i, f.applyAsDouble(x.get(i)));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /** {@code f(x, y)} per row of two float64 vectors. {@code map2(x, y, Math::pow, a)} */
    public static Float8Vector map2(Float8Vector x, Float8Vector y, DoubleBinaryOperator f, BufferAllocator allocator) {
        int n = x.getValueCount();
        Float8Vector out = new Float8Vector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (!x.isNull(i) && !y.isNull(i)) {
                out.set(i, f.applyAsDouble(x.get(i), y.get(i)));
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * The largest ({@code greatest}) or smallest value of each row over the arguments, all of
     * {@code type}, skipping nulls (null only when all are null; Spark and DuckDB). NaN is above
     * every number. {@code extreme(true, cols, float64(), n, a)}
     */
    public static FieldVector extreme(boolean greatest, FieldVector[] args, DataType type, int n, BufferAllocator allocator) {
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            Writer w = Writer.of(out, type);
            Operand[] ops = operands(args, type);
            for (int i = 0; i < n; i++) {
                int best = -1;
                for (int k = 0; k < args.length; k++) {
                    if (args[k].isNull(i)) {
                        continue;
                    }
                    if (best < 0) {
                        best = k;
                    } else {
                        int c = ValueOps.compareNonNull(args[k], i, args[best], i, type);
                        if (greatest ? c > 0 : c < 0) {
                            best = k;
                        }
                    }
                }
                if (best >= 0) {
                    w.copy(ops[best], i, i);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static Operand[] operands(FieldVector[] args, DataType type) {
        Operand[] ops = new Operand[args.length];
        for (int k = 0; k < args.length; k++) {
            ops[k] = Operand.of(args[k], type);
        }
        return ops;
    }

    /**
     * {@code x} limited to [lo, hi]; a null bound is no bound, a null {@code x} stays null (Daft's
     * {@code clip}). {@code clip(x, lo, hi, int64(), a)}
     */
    public static FieldVector clip(FieldVector x, FieldVector lo, FieldVector hi, DataType type, BufferAllocator allocator) {
        int n = x.getValueCount();
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            Writer w = Writer.of(out, type);
            Operand[] ops = operands(new FieldVector[] {x, lo, hi}, type);
            for (int i = 0; i < n; i++) {
                if (x.isNull(i)) {
                    continue;
                }
                int pick = 0;
                if (!lo.isNull(i) && ValueOps.compareNonNull(x, i, lo, i, type) < 0) {
                    pick = 1;
                }
                if (!hi.isNull(i) && ValueOps.compareNonNull(pick == 0 ? x : lo, i, hi, i, type) > 0) {
                    pick = 2;
                }
                w.copy(ops[pick], i, i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * The positive remainder of int64 division (Spark's {@code pmod}: {@code r = a % b}, then
     * {@code (r + b) % b} when r is negative); division by zero gives null. {@code pmod(a, b, a)}
     */
    public static BigIntVector pmod(BigIntVector a, BigIntVector b, BufferAllocator allocator) {
        int n = a.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (a.isNull(i) || b.isNull(i)) {
                continue;
            }
            long d = b.get(i);
            if (d == 0) {
                continue;
            }
            long r = d == -1 ? 0 : a.get(i) % d;
            out.set(i, r < 0 ? (r + d) % d : r);
        }
        out.setValueCount(n);
        return out;
    }

    /** {@link #pmod(BigIntVector, BigIntVector, BufferAllocator)} of float64 (NaN for a zero divisor, as {@code %}). */
    public static Float8Vector pmod(Float8Vector a, Float8Vector b, BufferAllocator allocator) {
        return map2(a, b, (x, d) -> {
            double r = x % d;
            return r < 0 ? (r + d) % d : r;
        }, allocator);
    }

    /** Whether each float64 is NaN; null stays null. {@code isNan(x, a)} */
    public static BitVector isNan(Float8Vector x, BufferAllocator allocator) {
        int n = x.getValueCount();
        BitVector out = new BitVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (!x.isNull(i)) {
                out.set(i, Double.isNaN(x.get(i)) ? 1 : 0);
            }
        }
        out.setValueCount(n);
        return out;
    }

    /** NaN replaced by the row's {@code fill} (null stays null). {@code fillNan(x, zeros, a)} */
    public static Float8Vector fillNan(Float8Vector x, Float8Vector fill, BufferAllocator allocator) {
        int n = x.getValueCount();
        Float8Vector out = new Float8Vector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (x.isNull(i)) {
                continue;
            }
            double v = x.get(i);
            if (!Double.isNaN(v)) {
                out.set(i, v);
            } else if (!fill.isNull(i)) {
                out.set(i, fill.get(i));
            }
        }
        out.setValueCount(n);
        return out;
    }
}
