package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Union;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A row of a union comes from one side unchanged, so a filter over the union filters each side;
 * on the right, the predicate reads the columns at the same positions (names may differ there).
 * The set operations ({@code intersect}, {@code except}, ...) are a union under an aggregation on
 * every column, so with {@link PushFilterThroughAggregate} their filters reach both inputs too.
 *
 * <pre>
 * Filter: a > 1              Union: all
 *   Union: all         →       Filter: a > 1
 *     l (a, b)                   l (a, b)
 *     r (x, y)                 Filter: x > 1
 *                                r (x, y)
 * </pre>
 */
public final class PushFilterThroughUnion implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Union union)) {
            return Optional.empty();
        }
        Map<String, Expr> toRight = new HashMap<>();
        for (int i = 0; i < union.schema().size(); i++) {
            toRight.put(union.left().schema().field(i).name(), new Column(union.right().schema().field(i).name()));
        }
        Expr p = filter.predicate();
        return Optional.of(new Union(new Filter(union.left(), p),
                new Filter(union.right(), Exprs.substitute(p, toRight))));
    }
}
