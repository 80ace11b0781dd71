package dev.floe.api.optimizer;

import dev.floe.api.plan.LogicalPlan;
import java.util.Optional;

/**
 * A rule that needs the whole tree at once (e.g. column pruning, which carries requirements
 * from the root down). The driver calls it once per pass on the root and checks that the root's
 * schema did not change.
 */
public interface PlanRule extends OptimizerRule {

    Optional<LogicalPlan> rewritePlan(LogicalPlan root);

    /** Plan rules are not offered single nodes. */
    @Override
    default Optional<LogicalPlan> rewrite(LogicalPlan node) {
        return Optional.empty();
    }
}
