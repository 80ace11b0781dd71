package dev.floe.translator.physical;

import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.SizeEstimates;

/** Output sizes for join strategy choice; each logical node states its own ({@link LogicalPlan#estimateBytes}). */
final class SizeEstimator {
    static final long UNKNOWN = SizeEstimates.UNKNOWN;

    private SizeEstimator() {
    }

    static long bytes(LogicalPlan plan) {
        return SizeEstimates.bytes(plan);
    }
}
