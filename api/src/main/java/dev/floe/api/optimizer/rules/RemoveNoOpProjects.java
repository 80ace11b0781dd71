package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import java.util.List;
import java.util.Optional;

/**
 * Removes a projection that returns its input's columns unchanged, in order.
 *
 * <pre>
 * Project: a, b        →   x (with columns a, b)
 *   x
 * </pre>
 */
public final class RemoveNoOpProjects implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Project p)) {
            return Optional.empty();
        }
        List<String> inputNames = p.input().schema().names();
        if (p.exprs().size() != inputNames.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < p.exprs().size(); i++) {
            Expr e = p.exprs().get(i);
            if (!(e instanceof Column c) || !c.name().equals(inputNames.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(p.input());
    }
}
