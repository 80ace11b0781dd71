package dev.floe.api.optimizer.rules;

import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import java.util.Optional;

/**
 * A projection keeps the row count, so the limit can go first and the projection computes
 * fewer rows.
 *
 * <pre>
 * Limit: 5                 Project: a + 1 AS b
 *   Project: a + 1 AS b  →   Limit: 5
 *     x                        x
 * </pre>
 */
public final class PushLimitThroughProject implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Limit limit && limit.input() instanceof Project project) {
            return Optional.of(Project.of(new Limit(project.input(), limit.n()), project.exprs()));
        }
        return Optional.empty();
    }
}
