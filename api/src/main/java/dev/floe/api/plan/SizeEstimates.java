package dev.floe.api.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Whole-tree size estimates from each node's {@link LogicalPlan#estimateBytes}: a scan's source
 * bytes scaled by the share of columns read; each filter keeps half; an aggregation a tenth.
 * Unknown sizes are huge, so that nothing of unknown size is broadcast.
 */
public final class SizeEstimates {
    /** The estimate of a size nobody can tell; large, yet far from overflowing when summed. */
    public static final long UNKNOWN = Long.MAX_VALUE / 4;

    private SizeEstimates() {
    }

    /** The estimated output bytes of {@code plan}, bottom-up. {@code SizeEstimates.bytes(join.right())} */
    public static long bytes(LogicalPlan plan) {
        List<LogicalPlan> children = plan.children();
        List<Long> inputs = new ArrayList<>(children.size());
        for (LogicalPlan child : children) {
            inputs.add(bytes(child));
        }
        return plan.estimateBytes(inputs);
    }

    /** {@code a + b}, capped at {@link #UNKNOWN}. */
    static long plus(long a, long b) {
        return cap(a + b);
    }

    /** {@code a * b} for non-negative factors, capped at {@link #UNKNOWN}. */
    static long times(long a, long b) {
        return a != 0 && b > UNKNOWN / a ? UNKNOWN : cap(a * b);
    }

    private static long cap(long v) {
        return v < 0 ? UNKNOWN : Math.min(v, UNKNOWN);
    }
}
