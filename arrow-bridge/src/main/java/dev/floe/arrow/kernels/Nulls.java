package dev.floe.arrow.kernels;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;

/** is_null / not_null over validity bitmaps (never null themselves). */
public final class Nulls {
    private Nulls() {
    }

    public static BitVector isNull(Operand in, int n, boolean wantNull, BufferAllocator allocator) {
        BitVector out = new BitVector(wantNull ? "is_null" : "not_null", allocator);
        out.allocateNew(n);
        int words = (n + 63) / 64;
        for (int w = 0; w < words; w++) {
            long valid = Logic.valid(in, w);
            Logic.putWord(out.getDataBuffer(), w, wantNull ? ~valid : valid, n);
            Logic.putWord(out.getValidityBuffer(), w, -1L, n);
        }
        out.setValueCount(n);
        return out;
    }
}
