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
 * Binary arithmetic over operands already converted to the computation type (the caller casts):
 * integers in 64 bits with exact overflow checks narrowed to the result width, floats in IEEE
 * double, decimals as 128-bit unscaled integers (add/sub/mod with both sides at the result
 * scale; mul at scale s1 + s2, rescaled when the result type is capped).
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    public enum Op { ADD, SUB, MUL, DIV, MOD, FLOOR_DIV }

    /**
     * @param what text naming the expression, for error messages
     */
    public static FieldVector apply(Op op, Operand left, Operand right, DataType result, int n, String what,
            BufferAllocator allocator) {
        FieldVector out = Buffers.allocate(result, n, allocator);
        try {
            if (!left.isNullScalar() && !right.isNullScalar()) {
                switch (Physical.of(result)) {
                    case LONG -> longs(op, left, right, result, n, what, out);
                    case DOUBLE -> doubles(op, left, right, result, n, out);
                    case DECIMAL -> decimals(op, left, right, (DataType.Decimal) result, n, what, out);
                    default -> throw new KernelException("arithmetic is not supported for " + result + " in " + what);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static void longs(Op op, Operand left, Operand right, DataType result, int n, String what,
            FieldVector out) {
        if (op == Op.DIV) {
            // checked before the loop: inside it an ArithmeticException reads as an overflow
            throw new KernelException("division of integers must be computed as float64 in " + what
                    + "; cast both operands to float64");
        }
        int lw = Physical.width(left.type());
        int rw = Physical.width(right.type());
        boolean lu = Buffers.isUnsigned(left.type());
        boolean ru = Buffers.isUnsigned(right.type());
        int ow = Physical.width(result);
        long min = minOf(result);
        long max = maxOf(result);
        ArrowBuf ld = left.isScalar() ? null : left.vector().getDataBuffer();
        ArrowBuf rd = right.isScalar() ? null : right.vector().getDataBuffer();
        ArrowBuf od = out.getDataBuffer();
        ArrowBuf ov = out.getValidityBuffer();
        Comparison.Rows rows = Comparison.Rows.of(left, right, n);
        for (int i = 0; i < n; i++) {
            if (!rows.valid(i)) {
                continue;
            }
            long a = ld == null ? left.longValue : Buffers.readLong(ld, lw, lu, i);
            long b = rd == null ? right.longValue : Buffers.readLong(rd, rw, ru, i);
            long r;
            try {
                switch (op) {
                    case ADD -> r = Math.addExact(a, b);
                    case SUB -> r = Math.subtractExact(a, b);
                    case MUL -> r = Math.multiplyExact(a, b);
                    case MOD -> {
                        if (b == 0) {
                            continue;
                        }
                        r = b == -1 ? 0 : a % b;
                    }
                    case FLOOR_DIV -> {
                        if (b == 0) {
                            continue;
                        }
                        if (a == Long.MIN_VALUE && b == -1) {
                            throw new ArithmeticException("overflow");
                        }
                        r = Math.floorDiv(a, b);
                    }
                    default -> throw new IllegalStateException(op.toString());
                }
            } catch (ArithmeticException e) {
                throw overflow(what, result, a, b, i);
            }
            if (r < min || r > max) {
                throw overflow(what, result, a, b, i);
            }
            Buffers.writeLong(od, ow, i, r);
            BitVectorHelper.setBit(ov, i);
        }
    }

    private static KernelException overflow(String what, DataType result, long a, long b, int row) {
        return new KernelException("integer overflow in " + what + " (" + result + ") at row " + row
                + " with operands " + a + " and " + b + "; cast to a wider type first");
    }

    static long minOf(DataType t) {
        return switch (t.kind()) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case UINT8, UINT16, UINT32 -> 0;
            default -> Long.MIN_VALUE;
        };
    }

    static long maxOf(DataType t) {
        return switch (t.kind()) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case UINT32 -> 4294967295L;
            default -> Long.MAX_VALUE;
        };
    }

    private static void doubles(Op op, Operand left, Operand right, DataType result, int n, FieldVector out) {
        int lw = Physical.width(left.type());
        int rw = Physical.width(right.type());
        int ow = Physical.width(result);
        ArrowBuf ld = left.isScalar() ? null : left.vector().getDataBuffer();
        ArrowBuf rd = right.isScalar() ? null : right.vector().getDataBuffer();
        ArrowBuf od = out.getDataBuffer();
        ArrowBuf ov = out.getValidityBuffer();
        Comparison.Rows rows = Comparison.Rows.of(left, right, n);
        for (int i = 0; i < n; i++) {
            if (!rows.valid(i)) {
                continue;
            }
            double a = ld == null ? left.doubleValue : Buffers.readDouble(ld, lw, i);
            double b = rd == null ? right.doubleValue : Buffers.readDouble(rd, rw, i);
            double r = switch (op) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case MOD -> a % b;
                case FLOOR_DIV -> Math.floor(a / b);
            };
            Buffers.writeDouble(od, ow, i, r);
            BitVectorHelper.setBit(ov, i);
        }
    }

    private static void decimals(Op op, Operand left, Operand right, DataType.Decimal result, int n, String what,
            FieldVector out) {
        DataType.Decimal lt = (DataType.Decimal) left.type();
        DataType.Decimal rt = (DataType.Decimal) right.type();
        int productScale = lt.scale() + rt.scale();
        boolean rescale = op == Op.MUL && productScale != result.scale();
        ArrowBuf ld = left.isScalar() ? null : left.vector().getDataBuffer();
        ArrowBuf rd = right.isScalar() ? null : right.vector().getDataBuffer();
        long[] ls = left.isScalar() ? Decimals.toWords((BigDecimal) left.scalar()) : null;
        long[] rs = right.isScalar() ? Decimals.toWords((BigDecimal) right.scalar()) : null;
        ArrowBuf od = out.getDataBuffer();
        ArrowBuf ov = out.getValidityBuffer();
        BigInteger limit = Decimals.limit(result.precision());
        Comparison.Rows rows = Comparison.Rows.of(left, right, n);
        for (int i = 0; i < n; i++) {
            if (!rows.valid(i)) {
                continue;
            }
            long alo = ls != null ? ls[0] : ld.getLong((long) i * 16);
            long ahi = ls != null ? ls[1] : ld.getLong((long) i * 16 + 8);
            long blo = rs != null ? rs[0] : rd.getLong((long) i * 16);
            long bhi = rs != null ? rs[1] : rd.getLong((long) i * 16 + 8);
            if (!rescale && Decimals.fitsLong(alo, ahi) && Decimals.fitsLong(blo, bhi)) {
                // fast path: 64-bit operands; sums checked, products exact in 128 bits
                switch (op) {
                    case ADD, SUB -> {
                        long r = op == Op.ADD ? alo + blo : alo - blo;
                        boolean overflow = op == Op.ADD ? ((alo ^ r) & (blo ^ r)) < 0 : ((alo ^ blo) & (alo ^ r)) < 0;
                        if (!overflow) {
                            Decimals.write(od, i, r, r >> 63);
                            BitVectorHelper.setBit(ov, i);
                            continue;
                        }
                    }
                    case MUL -> {
                        Decimals.write(od, i, alo * blo, Math.multiplyHigh(alo, blo));
                        BitVectorHelper.setBit(ov, i);
                        continue;
                    }
                    case MOD -> {
                        if (blo == 0) {
                            continue;
                        }
                        long r = alo % blo;
                        Decimals.write(od, i, r, r >> 63);
                        BitVectorHelper.setBit(ov, i);
                        continue;
                    }
                    default -> throw new KernelException(op + " is not supported on decimals in " + what);
                }
            }
            BigInteger a = ls != null ? ((BigDecimal) left.scalar()).unscaledValue() : Decimals.unscaled(ld, i);
            BigInteger b = rs != null ? ((BigDecimal) right.scalar()).unscaledValue() : Decimals.unscaled(rd, i);
            BigInteger r;
            switch (op) {
                case ADD -> r = a.add(b);
                case SUB -> r = a.subtract(b);
                case MUL -> {
                    r = a.multiply(b);
                    if (rescale) {
                        r = new BigDecimal(r, productScale).setScale(result.scale(), RoundingMode.HALF_UP).unscaledValue();
                    }
                }
                case MOD -> {
                    if (b.signum() == 0) {
                        continue;
                    }
                    r = a.remainder(b);
                }
                default -> throw new KernelException(op + " is not supported on decimals in " + what);
            }
            if (r.abs().compareTo(limit) >= 0) {
                throw new KernelException("decimal overflow in " + what + " at row " + i + ": "
                        + new BigDecimal(r, result.scale()) + " does not fit " + result);
            }
            Decimals.write(od, i, r);
            BitVectorHelper.setBit(ov, i);
        }
    }

    /** -x for integers (overflow-checked), floats and decimals. */
    public static FieldVector negate(FieldVector in, DataType type, String what, BufferAllocator allocator) {
        int n = in.getValueCount();
        Operand zero = Operand.scalar(type, type.kind() == DataType.Kind.DECIMAL
                ? BigDecimal.ZERO : (Physical.of(type) == Physical.DOUBLE ? (Object) 0.0 : (Object) 0L));
        if (Physical.of(type) == Physical.DOUBLE) {
            FieldVector out = Buffers.allocate(type, n, allocator);
            int w = Physical.width(type);
            ArrowBuf id = in.getDataBuffer();
            ArrowBuf od = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                if (!in.isNull(i)) {
                    Buffers.writeDouble(od, w, i, -Buffers.readDouble(id, w, i));
                    BitVectorHelper.setBit(out.getValidityBuffer(), i);
                }
            }
            out.setValueCount(n);
            return out;
        }
        return apply(Op.SUB, zero, Operand.of(in, type), type, n, what, allocator);
    }

}
