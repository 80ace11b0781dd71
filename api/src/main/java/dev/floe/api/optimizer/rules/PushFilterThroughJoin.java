package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves the conjuncts of a filter above a join that read one input only into that input, renamed
 * to the input's column names ({@code "right.x"} becomes the right input's {@code x}). Only the
 * side whose rows the join never pads with nulls may take predicates: both sides of an INNER
 * join, the left of LEFT, SEMI and ANTI, the right of RIGHT, neither of OUTER. Conjuncts over both
 * sides, over a merged OUTER key, or over no column stay above.
 *
 * <pre>
 * Filter: a > 1 AND "right.a" = 2 AND a = b      Filter: a = b
 *   Join: INNER on k = k                    →      Join: INNER on k = k
 *     l (k, a)                                       Filter: a > 1
 *     r (k, a, b)                                      l (k, a)
 *                                                    Filter: a = 2
 *                                                      r (k, a, b)
 * </pre>
 */
public final class PushFilterThroughJoin implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Join join)) {
            return Optional.empty();
        }
        boolean toLeft = JoinSides.filterReachesLeft(join.type());
        boolean toRight = JoinSides.filterReachesRight(join.type());
        Map<String, String> left = JoinSides.fromLeft(join);
        Map<String, String> right = JoinSides.fromRight(join);
        List<Expr> leftPreds = new ArrayList<>();
        List<Expr> rightPreds = new ArrayList<>();
        List<Expr> kept = new ArrayList<>();
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            if (toLeft && JoinSides.readsOnly(c, left)) {
                leftPreds.add(JoinSides.toInput(c, left));
            } else if (toRight && JoinSides.readsOnly(c, right)) {
                rightPreds.add(JoinSides.toInput(c, right));
            } else {
                kept.add(c);
            }
        }
        if (leftPreds.isEmpty() && rightPreds.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan l = leftPreds.isEmpty() ? join.left() : new Filter(join.left(), Exprs.and(leftPreds));
        LogicalPlan r = rightPreds.isEmpty() ? join.right() : new Filter(join.right(), Exprs.and(rightPreds));
        LogicalPlan below = join.withChildren(List.of(l, r));
        return Optional.of(kept.isEmpty() ? below : new Filter(below, Exprs.and(kept)));
    }
}
