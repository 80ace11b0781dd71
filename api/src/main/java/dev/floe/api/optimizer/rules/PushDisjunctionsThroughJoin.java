package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
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
 * For a disjunction above a join that reads both sides, derives each side's own disjunction and
 * filters that side with it, keeping the original above: from {@code (p1 AND l1) OR (p2 AND l2)},
 * where {@code p} read the left input and {@code l} the right, a row can only pass when
 * {@code p1 OR p2} holds on its left part and {@code l1 OR l2} on its right part. A side gets a
 * disjunction only when every branch has a conjunct over that side alone, and only a side whose
 * rows the join never pads with nulls (as in {@link PushFilterThroughJoin}). When the side is a join
 * itself the derivation goes on into it. TPC-H Q19 written as a join followed by its three-branch OR
 * no longer joins every lineitem row before filtering.
 *
 * <p>The derived filters are new conjuncts below the join that the push-down rules then move into
 * the scans, so the rule runs once, between two rounds of push-down: after the first, each
 * disjunction sits right above the lowest join that reads both its sides; run again it would derive
 * the same filters again.
 *
 * <pre>
 * Filter: a = 1 AND b = 2 OR a = 3 AND b = 4      Filter: a = 1 AND b = 2 OR a = 3 AND b = 4
 *   Join: INNER on k = id                   →      Join: INNER on k = id
 *     l (k, a)                                       Filter: a = 1 OR a = 3
 *     r (id, b)                                        l (k, a)
 *                                                    Filter: b = 2 OR b = 4
 *                                                      r (id, b)
 * </pre>
 */
public final class PushDisjunctionsThroughJoin implements OptimizerRule {
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
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            if (!(c instanceof Binary b) || b.op() != BinaryOp.OR || !Exprs.isDeterministic(c)
                    || JoinSides.readsOnly(c, left) || JoinSides.readsOnly(c, right)) {
                continue;
            }
            Expr l = toLeft ? derive(c, left) : null;
            Expr r = toRight ? derive(c, right) : null;
            if (l != null) {
                leftPreds.add(l);
            }
            if (r != null) {
                rightPreds.add(r);
            }
        }
        if (leftPreds.isEmpty() && rightPreds.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan l = leftPreds.isEmpty() ? join.left() : filtered(join.left(), Exprs.and(leftPreds));
        LogicalPlan r = rightPreds.isEmpty() ? join.right() : filtered(join.right(), Exprs.and(rightPreds));
        return Optional.of(new Filter(join.withChildren(List.of(l, r)), filter.predicate()));
    }

    /** The side filtered by {@code predicate}, derived on into the side when it is a join itself. */
    private LogicalPlan filtered(LogicalPlan side, Expr predicate) {
        Filter f = new Filter(side, predicate);
        return rewrite(f).orElse(f);
    }

    /** OR over the branches of each branch's conjuncts over {@code side} alone (in its names); null when a branch has none. */
    private static Expr derive(Expr disjunction, Map<String, String> side) {
        List<Expr> branches = new ArrayList<>();
        for (Expr d : Exprs.disjuncts(disjunction)) {
            List<Expr> own = new ArrayList<>();
            for (Expr c : Exprs.conjuncts(d)) {
                if (JoinSides.readsOnly(c, side)) {
                    own.add(JoinSides.toInput(c, side));
                }
            }
            if (own.isEmpty()) {
                return null;
            }
            branches.add(Exprs.and(own));
        }
        return Exprs.or(branches);
    }
}
