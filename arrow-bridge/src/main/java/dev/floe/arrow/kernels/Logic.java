package dev.floe.arrow.kernels;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;

/**
 * Kleene three-valued AND/OR/NOT, 64 rows at a time over the value and validity bitmaps:
 * false AND null = false, true OR null = true, otherwise null propagates.
 */
public final class Logic {
    private Logic() {
    }

    public static BitVector and(Operand left, Operand right, int n, BufferAllocator allocator) {
        return combine(true, left, right, n, allocator);
    }

    public static BitVector or(Operand left, Operand right, int n, BufferAllocator allocator) {
        return combine(false, left, right, n, allocator);
    }

    private static BitVector combine(boolean and, Operand left, Operand right, int n, BufferAllocator allocator) {
        BitVector out = new BitVector(and ? "and" : "or", allocator);
        out.allocateNew(n);
        ArrowBuf ov = out.getDataBuffer();
        ArrowBuf ok = out.getValidityBuffer();
        int words = (n + 63) / 64;
        for (int w = 0; w < words; w++) {
            long av = value(left, w);
            long ak = valid(left, w);
            long bv = value(right, w);
            long bk = valid(right, w);
            long v;
            long k;
            if (and) {
                // known false on either side decides; else both must be known
                long aFalse = ak & ~av;
                long bFalse = bk & ~bv;
                v = av & bv & ak & bk;
                k = aFalse | bFalse | (ak & bk);
            } else {
                long aTrue = ak & av;
                long bTrue = bk & bv;
                v = aTrue | bTrue;
                k = aTrue | bTrue | (ak & bk);
            }
            putWord(ov, w, v & k, n);
            putWord(ok, w, k, n);
        }
        out.setValueCount(n);
        return out;
    }

    public static BitVector not(Operand in, int n, BufferAllocator allocator) {
        BitVector out = new BitVector("not", allocator);
        out.allocateNew(n);
        int words = (n + 63) / 64;
        for (int w = 0; w < words; w++) {
            long k = valid(in, w);
            putWord(out.getDataBuffer(), w, ~value(in, w) & k, n);
            putWord(out.getValidityBuffer(), w, k, n);
        }
        out.setValueCount(n);
        return out;
    }

    /** Which rows of a three-valued condition a mask selects. */
    public enum Rows {
        /** rows where the condition is true */
        TRUE,
        /** rows where it is false or null (the else branch of a CASE) */
        NOT_TRUE,
        /** rows where it is true or null (those an AND must still look at) */
        NOT_FALSE
    }

    /** A mask without nulls: bit i set when row i of {@code cond} is in {@code which}. */
    public static BitVector rows(Operand cond, Rows which, int n, BufferAllocator allocator) {
        BitVector out = new BitVector("rows", allocator);
        out.allocateNew(n);
        int words = (n + 63) / 64;
        for (int w = 0; w < words; w++) {
            long v = value(cond, w);
            long k = valid(cond, w);
            long bits = switch (which) {
                case TRUE -> v & k;
                case NOT_TRUE -> ~(v & k);
                case NOT_FALSE -> v | ~k;
            };
            putWord(out.getDataBuffer(), w, bits, n);
            putWord(out.getValidityBuffer(), w, -1L, n);
        }
        out.setValueCount(n);
        return out;
    }

    /** {@code mask AND isNull(in)}: the rows of a mask (without nulls) where {@code in} is null. */
    public static BitVector andNull(BitVector mask, Operand in, int n, BufferAllocator allocator) {
        BitVector out = new BitVector("need", allocator);
        out.allocateNew(n);
        Operand m = Operand.of(mask, dev.floe.api.types.DataType.bool());
        int words = (n + 63) / 64;
        for (int w = 0; w < words; w++) {
            putWord(out.getDataBuffer(), w, value(m, w) & valid(m, w) & ~valid(in, w), n);
            putWord(out.getValidityBuffer(), w, -1L, n);
        }
        out.setValueCount(n);
        return out;
    }

    static long value(Operand o, int word) {
        if (o.isScalar()) {
            return o.isNullScalar() || !o.boolValue ? 0L : -1L;
        }
        return getWord(o.vector().getDataBuffer(), word, o.vector().getValueCount());
    }

    static long valid(Operand o, int word) {
        if (o.isScalar()) {
            return o.isNullScalar() ? 0L : -1L;
        }
        if (o.vector().getNullCount() == 0) {
            return -1L;
        }
        return getWord(o.vector().getValidityBuffer(), word, o.vector().getValueCount());
    }

    /** 64 bits starting at bit word*64, reading only bytes inside the bitmap. */
    static long getWord(ArrowBuf buf, int word, int bits) {
        long byteStart = (long) word * 8;
        long bytes = Math.min(8, (bits + 7) / 8 - byteStart);
        if (bytes == 8) {
            return buf.getLong(byteStart);
        }
        long v = 0;
        for (int b = 0; b < bytes; b++) {
            v |= (buf.getByte(byteStart + b) & 0xFFL) << (8 * b);
        }
        return v;
    }

    static void putWord(ArrowBuf buf, int word, long v, int bits) {
        long byteStart = (long) word * 8;
        long bytes = Math.min(8, (bits + 7) / 8 - byteStart);
        int tail = bits - word * 64;
        if (tail < 64) {
            v &= (1L << tail) - 1;
        }
        if (bytes == 8) {
            buf.setLong(byteStart, v);
            return;
        }
        for (int b = 0; b < bytes; b++) {
            buf.setByte(byteStart + b, (byte) (v >>> (8 * b)));
        }
    }
}
