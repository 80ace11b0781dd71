package dev.floe.arrow.kernels.agg;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * COUNT (non-null values) and COUNT_ALL (rows) per group; state = [int64 count]. Counts of other
 * rows ({@link CountIfAccumulator}) override {@link #update} and keep the rest.
 */
class CountAccumulator extends GroupedAccumulator {
    private final boolean countAll;
    long[] counts = new long[0];

    CountAccumulator(boolean countAll) {
        this.countAll = countAll;
    }

    @Override
    void resize(int newCapacity) {
        counts = Arrays.copyOf(counts, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        long[] c = counts;
        if (countAll) {
            for (int i = 0; i < n; i++) {
                c[groupIds[i]]++;
            }
            return;
        }
        if (input instanceof NullVector) {
            return;
        }
        ArrowBuf validity = Cols.nulls(input);
        if (validity == null) {
            for (int i = 0; i < n; i++) {
                c[groupIds[i]]++;
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (Cols.valid(validity, i)) {
                    c[groupIds[i]]++;
                }
            }
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        FieldVector v = state.get(0);
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = Cols.nulls(v);
        long[] c = counts;
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                c[groupIds[i]] += data.getLong((long) i * 8);
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
