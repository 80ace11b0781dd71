package dev.floe.arrow.kernels.agg;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Per-group aggregation state for one aggregate function; groups are dense ids 0..numGroups-1
 * given by the caller (from a hash table). State lives in growable primitive arrays (long[],
 * double[], ...) or Arrow vectors it owns, never one Java object per row.
 *
 * <pre>{@code
 * try (Accumulator acc = AggFunction.SUM.create(DataType.int64(), 0, allocator)) {
 *     acc.update(values, groupIds, n, numGroups);
 *     FieldVector sums = acc.finish(numGroups, allocator);   // caller closes it
 * }
 * }</pre>
 */
public interface Accumulator extends AutoCloseable {
    /**
     * Folds raw input values into their groups: row i ({@code 0 <= i < n}) goes to groupIds[i]; numGroups is
     * the current number of groups (grow state to it). {@code input} is null for COUNT_ALL. Nulls are
     * skipped (COUNT_ALL counts every row; AGG_LIST keeps nulls).
     */
    void update(FieldVector input, int[] groupIds, int n, int numGroups);

    /**
     * Folds raw pairs of a two-input function (covariance, correlation): row i's values are
     * {@code input[i]} and {@code second[i]}. Other functions take one input and refuse this.
     */
    default void update(FieldVector input, FieldVector second, int[] groupIds, int n, int numGroups) {
        throw new UnsupportedOperationException("this aggregation takes one input");
    }

    /** Folds partial states (vectors laid out as stateTypes(), as produced by state()) into groups. */
    void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups);

    /** Partial state columns for groups [0, numGroups), caller owns them. */
    List<FieldVector> state(int numGroups, BufferAllocator allocator);

    /** Final values for groups [0, numGroups), caller owns it; type = AggFunction.resultType(input type). */
    FieldVector finish(int numGroups, BufferAllocator allocator);

    /** Bytes held, for memory budgets. */
    long sizeInBytes();

    @Override
    void close();
}
