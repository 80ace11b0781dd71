package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * COUNT_DISTINCT of non-null values per group, through a hash set of (group id, value) pairs
 * ({@link DistinctRows}); floats compare like group keys (NaN equals NaN, -0.0 equals 0.0). Not
 * decomposable: the planner shuffles raw rows by group key and aggregates once, so there is no
 * partial state.
 */
final class CountDistinctAccumulator extends GroupedAccumulator {
    private final DistinctRows distinct;
    private long[] counts = new long[0];
    private int[] rows = new int[0];

    CountDistinctAccumulator(DataType type) {
        this.distinct = new DistinctRows(type, "countDistinct");
    }

    @Override
    void resize(int newCapacity) {
        counts = Arrays.copyOf(counts, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (rows.length < n) {
            rows = new int[n];
        }
        int k = distinct.newRows(input, groupIds, n, rows);
        for (int j = 0; j < k; j++) {
            counts[groupIds[rows[j]]]++;
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        throw new UnsupportedOperationException("countDistinct has no partial state; aggregate raw rows once");
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        throw new UnsupportedOperationException("countDistinct has no partial state; aggregate raw rows once");
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        return Cols.longs(counts, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 8L * counts.length + 4L * rows.length + distinct.sizeInBytes();
    }
}
