package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.datasketches.memory.Memory;

/**
 * Serialized sketches in a binary partial-state column: one value per group (null for a group
 * without a sketch), read back through a scratch array reused across rows.
 *
 * <pre>{@code
 * FieldVector state = SketchStates.write(bytesPerGroup, numGroups, allocator);
 * Memory m = reader.memory(state, i);   // null for a null state
 * }</pre>
 */
final class SketchStates {
    private byte[] scratch = new byte[256];

    /** A binary vector of the given serialized sketches (null entries are null states). */
    static FieldVector write(byte[][] sketches, int n, BufferAllocator allocator) {
        long total = 0;
        for (int g = 0; g < n; g++) {
            total += sketches[g] == null ? 0 : sketches[g].length;
        }
        VarBinaryVector out = (VarBinaryVector) DataType.binary().toArrowField("state").createVector(allocator);
        try {
            out.allocateNew(Math.max(1, total), n);
            for (int g = 0; g < n; g++) {
                if (sketches[g] != null) {
                    out.setSafe(g, sketches[g]);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Row i's serialized sketch as read-only little-endian memory, or null for a null state. */
    Memory memory(FieldVector state, int i) {
        if (state.isNull(i)) {
            return null;
        }
        ArrowBuf offsets = state.getOffsetBuffer();
        int start = offsets.getInt((long) i * 4);
        int len = offsets.getInt((long) (i + 1) * 4) - start;
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        state.getDataBuffer().getBytes(start, scratch, 0, len);
        return Memory.wrap(scratch, 0, len, ByteOrder.LITTLE_ENDIAN);
    }
}
