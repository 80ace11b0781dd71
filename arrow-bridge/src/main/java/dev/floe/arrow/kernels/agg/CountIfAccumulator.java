package dev.floe.arrow.kernels.agg;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** COUNT_IF: the number of true values of a boolean input per group (nulls and false not counted). State = [int64]. */
final class CountIfAccumulator extends GroupedAccumulator {
    private long[] counts = new long[0];

    @Override
    void resize(int newCapacity) {
        counts = Arrays.copyOf(counts, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        long[] c = counts;
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i) && BitVectorHelper.get(data, i) != 0) {
                c[groupIds[i]]++;
            }
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf data = state.get(0).getDataBuffer();
        ArrowBuf validity = Cols.nulls(state.get(0));
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                counts[groupIds[i]] += data.getLong((long) i * 8);
            }
        }
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        return stateAsFinal(numGroups, allocator);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        return Cols.longs(counts, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 8L * counts.length;
    }
}
