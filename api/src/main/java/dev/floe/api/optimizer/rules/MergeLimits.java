package dev.floe.api.optimizer.rules;

import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import java.util.Optional;

/**
 * Two limits in a row keep the smaller.
 *
 * <pre>
 * Limit: 10            Limit: 5
 *   Limit: 5     →       x
 *     x
 * </pre>
 */
public final class MergeLimits implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Limit outer && outer.input() instanceof Limit inner) {
            return Optional.of(new Limit(inner.input(), Math.min(inner.n(), outer.n())));
        }
        return Optional.empty();
    }
}
