package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import java.util.Optional;

/**
 * Merges a filter directly on top of another into one conjunction.
 *
 * <pre>
 * Filter: b            Filter: a AND b
 *   Filter: a     →      x
 *     x
 * </pre>
 */
public final class MergeFilters implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Filter outer && outer.input() instanceof Filter inner) {
            Expr both = new Binary(BinaryOp.AND, inner.predicate(), outer.predicate());
            // a long chain of where(...) calls stays several filters rather than one too deep to ship
            return ExprDepth.withinLimit(both) ? Optional.of(new Filter(inner.input(), both)) : Optional.empty();
        }
        return Optional.empty();
    }
}
