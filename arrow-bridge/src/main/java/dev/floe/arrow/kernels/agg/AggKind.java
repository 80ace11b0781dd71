package dev.floe.arrow.kernels.agg;

/**
 * The aggregate functions a grouped aggregation can compute.
 *
 * <pre>{@code Accumulator sum = Aggregates.create(AggKind.SUM, DataType.int64(), 0, allocator);}</pre>
 */
public enum AggKind {
    SUM, MEAN, MIN, MAX, COUNT, COUNT_ALL, COUNT_DISTINCT, ANY_VALUE, AGG_LIST, STDDEV, VARIANCE;

    /**
     * True when partial states can be merged (two-phase aggregation). COUNT_DISTINCT and AGG_LIST:
     * false (the planner shuffles raw rows and aggregates once).
     */
    public boolean decomposable() {
        return this != COUNT_DISTINCT && this != AGG_LIST;
    }
}
