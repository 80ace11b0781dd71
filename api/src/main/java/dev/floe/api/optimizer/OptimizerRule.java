package dev.floe.api.optimizer;

import dev.floe.api.plan.LogicalPlan;
import java.util.Optional;

/**
 * One logical rewrite. The {@link Optimizer} owns traversal: it offers every node of the tree to
 * {@link #rewrite} (bottom-up) and repeats its batch until nothing changes. A rule looks at the
 * node it is given (and that node's children) and returns the replacement, or empty when it
 * does not apply. A rewrite must keep the node's schema (the driver checks).
 */
public interface OptimizerRule {

    /** Verb phrase naming the rule, e.g. {@code MergeFilters}. */
    default String name() {
        return getClass().getSimpleName();
    }

    Optional<LogicalPlan> rewrite(LogicalPlan node);
}
