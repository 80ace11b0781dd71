package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.math.BigDecimal;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.ValueVector;

/**
 * Comparisons of two operands of the same type, giving booleans; null when either side is null
 * (except {@link #eqNullSafe}). Floats order -Inf &lt; … &lt; +Inf &lt; NaN with NaN = NaN and
 * -0.0 = 0.0; strings and binary compare by unsigned bytes.
 */
public final class Comparison {
    private Comparison() {
    }

    public enum Op {
        EQ, NEQ, LT, LE, GT, GE;

        boolean test(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NEQ -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }
    }

    /** {@code left op right} for n rows. */
    public static BitVector compare(Op op, Operand left, Operand right, int n, BufferAllocator allocator) {
        BitVector out = new BitVector("cmp", allocator);
        out.allocateNew(n);
        if (left.isNullScalar() || right.isNullScalar()) {
            out.setValueCount(n);
            return out;
        }
        if (compareDense(op, left, right, n, out)) {
            out.setValueCount(n);
            return out;
        }
        ArrowBuf values = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        Rows rows = Rows.of(left, right, n);
        DataType type = left.type();
        switch (Physical.of(type)) {
            case LONG, ULONG -> {
                boolean unsigned = Physical.of(type) == Physical.ULONG;
                int w = Physical.width(type);
                boolean u = Buffers.isUnsigned(type);
                ArrowBuf ld = left.isScalar() ? null : left.vector().getDataBuffer();
                ArrowBuf rd = right.isScalar() ? null : right.vector().getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (rows.valid(i)) {
                        long a = ld == null ? left.longValue : Buffers.readLong(ld, w, u, i);
                        long b = rd == null ? right.longValue : Buffers.readLong(rd, w, u, i);
                        int c = unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
                        set(values, validity, i, op.test(c));
                    }
                }
            }
            case DOUBLE -> {
                int w = Physical.width(type);
                ArrowBuf ld = left.isScalar() ? null : left.vector().getDataBuffer();
                ArrowBuf rd = right.isScalar() ? null : right.vector().getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (rows.valid(i)) {
                        double a = ld == null ? left.doubleValue : Buffers.readDouble(ld, w, i);
                        double b = rd == null ? right.doubleValue : Buffers.readDouble(rd, w, i);
                        set(values, validity, i, op.test(compareDoubles(a, b)));
                    }
                }
            }
            case DECIMAL -> {
                ArrowBuf ld = left.isScalar() ? null : left.vector().getDataBuffer();
                ArrowBuf rd = right.isScalar() ? null : right.vector().getDataBuffer();
                long[] ls = left.isScalar() ? Decimals.toWords((BigDecimal) left.scalar()) : null;
                long[] rs = right.isScalar() ? Decimals.toWords((BigDecimal) right.scalar()) : null;
                for (int i = 0; i < n; i++) {
                    if (rows.valid(i)) {
                        long alo = ls != null ? ls[0] : ld.getLong((long) i * 16);
                        long ahi = ls != null ? ls[1] : ld.getLong((long) i * 16 + 8);
                        long blo = rs != null ? rs[0] : rd.getLong((long) i * 16);
                        long bhi = rs != null ? rs[1] : rd.getLong((long) i * 16 + 8);
                        int c = ahi != bhi ? Long.compare(ahi, bhi) : Long.compareUnsigned(alo, blo);
                        set(values, validity, i, op.test(c));
                    }
                }
            }
            case BYTES -> compareBytes(op, left, right, n, rows, values, validity);
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    if (rows.valid(i)) {
                        boolean a = left.isScalar() ? left.boolValue : ((BitVector) left.vector()).get(i) != 0;
                        boolean b = right.isScalar() ? right.boolValue : ((BitVector) right.vector()).get(i) != 0;
                        set(values, validity, i, op.test(Boolean.compare(a, b)));
                    }
                }
            }
            case OTHER -> throw new KernelException("comparison is not supported for " + type);
        }
        out.setValueCount(n);
        return out;
    }

    private static void compareBytes(Op op, Operand left, Operand right, int n, Rows rows, ArrowBuf values,
            ArrowBuf validity) {
        ArrowBuf lo = left.isScalar() ? null : left.vector().getOffsetBuffer();
        ArrowBuf ld = left.isScalar() ? null : left.vector().getDataBuffer();
        ArrowBuf ro = right.isScalar() ? null : right.vector().getOffsetBuffer();
        ArrowBuf rd = right.isScalar() ? null : right.vector().getDataBuffer();
        byte[] ls = left.bytesValue;
        byte[] rs = right.bytesValue;
        for (int i = 0; i < n; i++) {
            if (!rows.valid(i)) {
                continue;
            }
            int c;
            if (ls == null && rs != null) {
                int s = lo.getInt((long) i * 4);
                int e = lo.getInt((long) (i + 1) * 4);
                c = compareBufToArray(ld, s, e - s, rs);
            } else if (ls != null && rs == null) {
                int s = ro.getInt((long) i * 4);
                int e = ro.getInt((long) (i + 1) * 4);
                c = -compareBufToArray(rd, s, e - s, ls);
            } else if (ls == null) {
                int as = lo.getInt((long) i * 4);
                int ae = lo.getInt((long) (i + 1) * 4);
                int bs = ro.getInt((long) i * 4);
                int be = ro.getInt((long) (i + 1) * 4);
                c = compareBufs(ld, as, ae - as, rd, bs, be - bs);
            } else {
                c = java.util.Arrays.compareUnsigned(ls, rs);
            }
            set(values, validity, i, op.test(c));
        }
    }

    static int compareBufToArray(ArrowBuf buf, int start, int len, byte[] other) {
        int m = Math.min(len, other.length);
        for (int k = 0; k < m; k++) {
            int a = buf.getByte(start + k) & 0xFF;
            int b = other[k] & 0xFF;
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        return Integer.compare(len, other.length);
    }

    static int compareBufs(ArrowBuf a, int as, int alen, ArrowBuf b, int bs, int blen) {
        int m = Math.min(alen, blen);
        int k = 0;
        for (; k + 8 <= m; k += 8) {
            long x = Long.reverseBytes(a.getLong(as + k));
            long y = Long.reverseBytes(b.getLong(bs + k));
            if (x != y) {
                return Long.compareUnsigned(x, y);
            }
        }
        for (; k < m; k++) {
            int x = a.getByte(as + k) & 0xFF;
            int y = b.getByte(bs + k) & 0xFF;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(alen, blen);
    }

    /** Total order for floats used by comparisons and sorting: NaN above everything, -0.0 = 0.0. */
    public static int compareDoubles(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        if (a == b) {
            return 0;
        }
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        return an == bn ? 0 : (an ? 1 : -1);
    }

    /**
     * The common filter case, 64 rows at a time: no nulls, signed integers/dates/timestamps or
     * floats of 4 or 8 bytes, a vector on the left. Values are loaded into two long[64] chunks
     * with raw reads, compared, and the results written as whole bitmap words. False when the
     * general loop must run instead.
     */
    private static boolean compareDense(Op op, Operand left, Operand right, int n, BitVector out) {
        if (left.isScalar() || left.vector().getNullCount() > 0
                || !right.isScalar() && right.vector().getNullCount() > 0) {
            return false;
        }
        DataType type = left.type();
        Physical p = Physical.of(type);
        int w = Physical.width(type);
        if (p != Physical.LONG && p != Physical.DOUBLE || w != 4 && w != 8
                || !right.isScalar() && Physical.width(right.type()) != w) {
            return false;
        }
        boolean floating = p == Physical.DOUBLE;
        long la = left.vector().getDataBuffer().memoryAddress();
        long ra = right.isScalar() ? 0 : right.vector().getDataBuffer().memoryAddress();
        long[] a = new long[64];
        long[] b = new long[64];
        if (right.isScalar()) {
            java.util.Arrays.fill(b, floating ? Double.doubleToRawLongBits(right.doubleValue) : right.longValue);
        }
        ArrowBuf values = out.getDataBuffer();
        for (int base = 0; base < n; base += 64) {
            int len = Math.min(64, n - base);
            load(a, la, base, len, w, floating);
            if (!right.isScalar()) {
                load(b, ra, base, len, w, floating);
            }
            long word = 0;
            if (floating) {
                for (int k = 0; k < len; k++) {
                    int c = compareDoubles(Double.longBitsToDouble(a[k]), Double.longBitsToDouble(b[k]));
                    word |= (op.test(c) ? 1L : 0L) << k;
                }
            } else {
                for (int k = 0; k < len; k++) {
                    word |= (op.test(Long.compare(a[k], b[k])) ? 1L : 0L) << k;
                }
            }
            Logic.putWord(values, base >>> 6, word, n);
        }
        long va = out.getValidityBuffer().memoryAddress();
        MemoryUtil.setMemory(va, n >>> 3, (byte) 0xFF);
        if ((n & 7) != 0) {
            MemoryUtil.putByte(va + (n >>> 3), (byte) ((1 << (n & 7)) - 1));
        }
        return true;
    }

    /** Values [base, base + len) of a 4- or 8-byte column as longs (floats widened to double bits). */
    private static void load(long[] into, long address, int base, int len, int width, boolean floating) {
        if (width == 8) {
            for (int k = 0; k < len; k++) {
                into[k] = MemoryUtil.getLong(address + (base + k) * 8L);
            }
        } else if (floating) {
            for (int k = 0; k < len; k++) {
                into[k] = Double.doubleToRawLongBits(Float.intBitsToFloat(MemoryUtil.getInt(address + (base + k) * 4L)));
            }
        } else {
            for (int k = 0; k < len; k++) {
                into[k] = MemoryUtil.getInt(address + (base + k) * 4L);
            }
        }
    }

    private static void set(ArrowBuf values, ArrowBuf validity, int i, boolean v) {
        BitVectorHelper.setBit(validity, i);
        if (v) {
            BitVectorHelper.setBit(values, i);
        }
    }

    /** {@code left <=> right}: true when both are null or both equal, never null. */
    public static BitVector eqNullSafe(Operand left, Operand right, int n, BufferAllocator allocator) {
        try (BitVector eq = compare(Op.EQ, left, right, n, allocator)) {
            BitVector out = new BitVector("eqns", allocator);
            out.allocateNew(n);
            for (int i = 0; i < n; i++) {
                boolean ln = isNull(left, i);
                boolean rn = isNull(right, i);
                boolean v = ln || rn ? ln && rn : eq.get(i) != 0;
                out.set(i, v ? 1 : 0);
            }
            out.setValueCount(n);
            return out;
        }
    }

    static boolean isNull(Operand o, int i) {
        return o.isScalar() ? o.isNullScalar() : o.vector().isNull(i);
    }

    /** Validity of a row over two operands: both non-null. */
    static final class Rows {
        private final ValueVector a;
        private final ValueVector b;
        private final boolean allValid;

        private Rows(ValueVector a, ValueVector b) {
            this.a = a != null && a.getNullCount() > 0 ? a : null;
            this.b = b != null && b.getNullCount() > 0 ? b : null;
            this.allValid = this.a == null && this.b == null;
        }

        static Rows of(Operand l, Operand r, int n) {
            return new Rows(l.isScalar() ? null : l.vector(), r.isScalar() ? null : r.vector());
        }

        boolean valid(int i) {
            return allValid || ((a == null || !a.isNull(i)) && (b == null || !b.isNull(i)));
        }
    }


}
