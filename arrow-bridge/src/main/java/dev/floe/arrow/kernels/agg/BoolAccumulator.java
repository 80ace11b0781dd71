package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * BOOL_AND and BOOL_OR over the non-null booleans of a group; a group without one gives null.
 * State = [bool], merged like raw values. Per group one byte: 0 no value yet, 1 false, 2 true.
 */
final class BoolAccumulator extends GroupedAccumulator {
    private final boolean and;
    private byte[] state = new byte[0];

    BoolAccumulator(boolean and) {
        this.and = and;
    }

    @Override
    void resize(int newCapacity) {
        state = Arrays.copyOf(state, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        byte[] s = state;
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                int g = groupIds[i];
                boolean v = BitVectorHelper.get(data, i) != 0;
                boolean acc = s[g] == 0 ? v : and ? s[g] == 2 && v : s[g] == 2 || v;
                s[g] = (byte) (acc ? 2 : 1);
            }
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        update(state.get(0), groupIds, n, numGroups);
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        return stateAsFinal(numGroups, allocator);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        FieldVector out = Cols.allocate(DataType.bool(), numGroups, allocator);
        for (int g = 0; g < numGroups; g++) {
            if (state[g] != 0) {
                BitVectorHelper.setBit(out.getValidityBuffer(), g);
                if (state[g] == 2) {
                    BitVectorHelper.setBit(out.getDataBuffer(), g);
                }
            }
        }
        out.setValueCount(numGroups);
        return out;
    }

    @Override
    public long sizeInBytes() {
        return state.length;
    }
}
