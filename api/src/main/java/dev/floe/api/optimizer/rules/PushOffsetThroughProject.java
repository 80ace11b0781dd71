package dev.floe.api.optimizer.rules;

import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Offset;
import dev.floe.api.plan.Project;
import java.util.Optional;

/**
 * A projection maps rows one to one and keeps their order, so the offset can skip rows before it:
 * an offset then sits right over a sort, which the physical planner turns into one sorted partition.
 *
 * <pre>
 * Offset: 10           Project: a
 *   Project: a    →      Offset: 10
 *     Sort: b              Sort: b
 * </pre>
 */
public final class PushOffsetThroughProject implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Offset offset && offset.input() instanceof Project project) {
            return Optional.of(Project.of(new Offset(project.input(), offset.n()), project.exprs()));
        }
        return Optional.empty();
    }
}
