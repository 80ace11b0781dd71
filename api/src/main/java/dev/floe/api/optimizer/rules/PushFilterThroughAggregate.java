package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A conjunct that reads only group keys which are plain input columns keeps or drops whole
 * groups, so it can run before the aggregation on the input rows. Conjuncts over aggregates,
 * computed or renamed keys, or no column at all stay above (a global aggregate yields a row even
 * over no input, so nothing passes one).
 *
 * <pre>
 * Filter: k > 1 AND s > 10          Filter: s > 10
 *   Aggregate: sum(v) AS s by k  →    Aggregate: sum(v) AS s by k
 *     x                                 Filter: k > 1
 *                                         x
 * </pre>
 */
public final class PushFilterThroughAggregate implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Aggregate agg)) {
            return Optional.empty();
        }
        Set<String> plainKeys = new HashSet<>();
        for (Expr k : agg.keys()) {
            if (k instanceof Column c) {
                plainKeys.add(c.name());
            }
        }
        List<Expr> pushed = new ArrayList<>();
        List<Expr> kept = new ArrayList<>();
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            List<String> refs = c.columnRefs();
            (!refs.isEmpty() && plainKeys.containsAll(refs) ? pushed : kept).add(c);
        }
        if (pushed.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan below = Aggregate.of(new Filter(agg.input(), Exprs.and(pushed)), agg.keys(), agg.aggs());
        return Optional.of(kept.isEmpty() ? below : new Filter(below, Exprs.and(kept)));
    }
}
