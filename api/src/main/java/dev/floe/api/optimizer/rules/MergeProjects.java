package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inlines a projection into the projection above it, unless that would compute a non-trivial
 * expression more than once.
 *
 * <pre>
 * Project: a, b2 + 1 AS c              Project: a, b * 2 + 1 AS c
 *   Project: a, b * 2 AS b2     →        x
 *     x
 * </pre>
 */
public final class MergeProjects implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Project outer) || !(outer.input() instanceof Project inner)) {
            return Optional.empty();
        }
        Map<String, Expr> defs = Exprs.definitions(inner.exprs());
        Map<String, Integer> uses = Exprs.referenceCounts(outer.exprs());
        for (Expr e : inner.exprs()) {
            if (!Exprs.isTrivial(e) && uses.getOrDefault(e.name(), 0) > 1) {
                return Optional.empty();
            }
        }
        List<Expr> merged = new ArrayList<>(outer.exprs().size());
        for (Expr e : outer.exprs()) {
            Expr m = Exprs.keepName(e, Exprs.substitute(e, defs));
            if (!ExprDepth.withinLimit(m)) {
                return Optional.empty(); // a long chain of withColumn(...) calls stays several projections
            }
            merged.add(m);
        }
        return Optional.of(Project.of(inner.input(), merged));
    }
}
