package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves filter conjuncts below a projection, rewriting them over the projection's input, when
 * the columns they read are plain renames or literals there (so nothing is computed twice).
 * Conjuncts over computed columns stay above, and so does the whole filter when the projection
 * computes {@code rand} or {@code monotonically_increasing_id}, whose values depend on which rows it sees.
 *
 * <pre>
 * Filter: k > 1 AND v2 > 0           Filter: v2 > 0
 *   Project: a AS k, v * 2 AS v2  →    Project: a AS k, v * 2 AS v2
 *     x                                  Filter: a > 1
 *                                          x
 * </pre>
 */
public final class PushFilterThroughProject implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Project project)
                || project.exprs().stream().anyMatch(dev.floe.api.expr.Nondeterministic::appearsIn)) {
            return Optional.empty(); // rand(seed) and ids depend on which rows the projection sees (Spark alike)
        }
        Map<String, Expr> defs = Exprs.definitions(project.exprs());
        List<Expr> pushed = new ArrayList<>();
        List<Expr> kept = new ArrayList<>();
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            boolean cheap = c.columnRefs().stream().allMatch(col -> Exprs.isTrivial(defs.get(col)));
            (cheap ? pushed : kept).add(cheap ? Exprs.substitute(c, defs) : c);
        }
        if (pushed.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan below = Project.of(new Filter(project.input(), Exprs.and(pushed)), project.exprs());
        return Optional.of(kept.isEmpty() ? below : new Filter(below, Exprs.and(kept)));
    }
}
