package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN/MAX of strings and binary by unsigned bytes (for UTF-8 this is code point order). The
 * current best value of each group lives in a per-group byte[] that is reused while it is large
 * enough, so rows never allocate.
 */
final class BytesMinMaxAccumulator extends MinMaxAccumulator {
    private byte[][] best = new byte[0][];
    private int[] lengths = new int[0];
    private long heldBytes;

    BytesMinMaxAccumulator(DataType type, boolean max) {
        super(type, max);
    }

    @Override
    void resize(int newCapacity) {
        super.resize(newCapacity);
        if (newCapacity < best.length) {
            heldBytes = 0;
        }
        best = Arrays.copyOf(best, newCapacity);
        lengths = Arrays.copyOf(lengths, newCapacity);
    }

    @Override
    void fold(FieldVector v, int[] groupIds, int n) {
        ArrowBuf offsets = v.getOffsetBuffer();
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = Cols.nulls(v);
        for (int i = 0; i < n; i++) {
            if (!Cols.valid(validity, i)) {
                continue;
            }
            int start = offsets.getInt((long) i * 4);
            int len = offsets.getInt((long) (i + 1) * 4) - start;
            int g = groupIds[i];
            if (has[g]) {
                int c = compare(data, start, len, best[g], lengths[g]);
                if (max ? c <= 0 : c >= 0) {
                    continue;
                }
            }
            byte[] slot = best[g];
            if (slot == null || slot.length < len) {
                heldBytes += len - (slot == null ? 0 : slot.length);
                slot = new byte[len];
                best[g] = slot;
            }
            data.getBytes(start, slot, 0, len);
            lengths[g] = len;
            has[g] = true;
        }
    }

    /** Unsigned lexicographic comparison of buffer bytes with a stored value. */
    private static int compare(ArrowBuf data, int start, int len, byte[] other, int otherLen) {
        int m = Math.min(len, otherLen);
        for (int k = 0; k < m; k++) {
            int x = data.getByte(start + k) & 0xFF;
            int y = other[k] & 0xFF;
            if (x != y) {
                return x - y;
            }
        }
        return Integer.compare(len, otherLen);
    }

    @Override
    void write(FieldVector out, int numGroups) {
        BaseVariableWidthVector vv = (BaseVariableWidthVector) out;
        long total = 0;
        for (int g = 0; g < numGroups; g++) {
            if (has[g]) {
                total += lengths[g];
            }
        }
        vv.allocateNew(Math.max(total, 1), numGroups);
        for (int g = 0; g < numGroups; g++) {
            if (has[g]) {
                vv.setSafe(g, best[g], 0, lengths[g]);
            }
        }
    }

    @Override
    public long sizeInBytes() {
        return 13L * best.length + heldBytes;
    }
}
