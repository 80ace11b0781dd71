package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Expand;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A conjunct that reads only columns an {@link Expand} passes through unchanged (the id columns of
 * an unpivot, the input columns of grouping sets) is true for every copy of a row or for none, so
 * it can run once on the input row instead of on each copy. Conjuncts over computed columns (a
 * rolled-up key, the unpivoted value) stay above.
 *
 * <pre>
 * Filter: id > 1 AND value > 0           Filter: value > 0
 *   Expand: ..., value = [q1, q2]; keeps id  →  Expand: ..., value = [q1, q2]; keeps id
 *     x                                         Filter: id > 1
 *                                                 x
 * </pre>
 */
public final class PushFilterThroughExpand implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Expand expand)) {
            return Optional.empty();
        }
        Set<String> kept = expand.passedThrough();
        List<Expr> pushed = new ArrayList<>();
        List<Expr> stay = new ArrayList<>();
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            List<String> refs = c.columnRefs();
            (!refs.isEmpty() && kept.containsAll(refs) ? pushed : stay).add(c);
        }
        if (pushed.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan below = Expand.of(new Filter(expand.input(), Exprs.and(pushed)), expand.names(), expand.projections());
        return Optional.of(stay.isEmpty() ? below : new Filter(below, Exprs.and(stay)));
    }
}
