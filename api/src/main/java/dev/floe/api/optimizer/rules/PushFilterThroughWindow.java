package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A conjunct that reads only partition keys keeps or drops whole partitions, which window
 * functions never look across, so it can run below the window. Anything else (order keys, other
 * columns, window results) changes what the functions see and stays above.
 *
 * <pre>
 * Filter: dept = 1 AND r &lt;= 3                     Filter: r &lt;= 3
 *   Window: partition by [dept] ...: rank() AS r  &rarr;   Window: partition by [dept] ...: rank() AS r
 *     x                                                  Filter: dept = 1
 *                                                          x
 * </pre>
 */
public final class PushFilterThroughWindow implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Window window)) {
            return Optional.empty();
        }
        Set<String> keys = new HashSet<>();
        for (Column c : window.partitionBy()) {
            keys.add(c.name());
        }
        List<Expr> pushed = new ArrayList<>();
        List<Expr> kept = new ArrayList<>();
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            List<String> refs = c.columnRefs();
            (!refs.isEmpty() && keys.containsAll(refs) ? pushed : kept).add(c);
        }
        if (pushed.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan below = Window.of(new Filter(window.input(), Exprs.and(pushed)), window.functions());
        return Optional.of(kept.isEmpty() ? below : new Filter(below, Exprs.and(kept)));
    }
}
