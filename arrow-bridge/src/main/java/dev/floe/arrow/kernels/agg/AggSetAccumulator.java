package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * AGG_SET: the distinct non-null values of each group as a list(inputType), order unspecified
 * (arrival order of first occurrences); a group with only nulls gives an empty list. Each batch's
 * first occurrences of a (group, value) pair ({@link DistinctRows}, NaN equal to NaN, -0.0 to 0.0)
 * are kept like AGG_LIST's rows. Not decomposable.
 */
final class AggSetAccumulator extends AggListAccumulator {
    private final DistinctRows distinct;
    private int[] rows = new int[0];

    AggSetAccumulator(DataType elementType, BufferAllocator allocator) {
        super(elementType, true, allocator);
        this.distinct = new DistinctRows(elementType, "aggSet");
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (rows.length < n) {
            rows = new int[n];
        }
        keepRows(input, rows, distinct.newRows(input, groupIds, n, rows), groupIds);
    }

    @Override
    public long sizeInBytes() {
        return super.sizeInBytes() + 4L * rows.length + distinct.sizeInBytes();
    }
}
