package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the conjuncts every branch of a disjunction shares out of it, {@code (a AND b) OR (a AND c)}
 * becoming {@code a AND (b OR c)} (equal under SQL's three-valued logic), so that {@code a} is a
 * conjunct of its own that the push-down rules can move into a scan or one side of a join. A branch
 * left with nothing ({@code a OR (a AND c)}) makes the rest of the disjunction true: it is dropped.
 * Disjunctions with a user function stay as written (it may not be deterministic).
 *
 * <pre>
 * Filter: a = 1 AND b > 2 OR a = 1 AND c > 3      Filter: a = 1 AND (b > 2 OR c > 3)
 *   t                                        →      t
 * </pre>
 */
public final class FactorCommonConjuncts implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter)) {
            return Optional.empty();
        }
        List<Expr> out = new ArrayList<>();
        boolean changed = false;
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            List<Expr> factored = factor(c);
            changed |= factored != null;
            out.addAll(factored == null ? List.of(c) : factored);
        }
        return changed ? Optional.of(new Filter(filter.input(), Exprs.and(out))) : Optional.empty();
    }

    /** The conjuncts that replace {@code e}, or null when it is no disjunction with a shared conjunct. */
    static List<Expr> factor(Expr e) {
        if (!(e instanceof Binary b) || b.op() != BinaryOp.OR || !Exprs.isDeterministic(e)) {
            return null;
        }
        List<List<Expr>> branches = new ArrayList<>();
        for (Expr d : Exprs.disjuncts(e)) {
            branches.add(Exprs.conjuncts(d));
        }
        Set<Expr> common = new LinkedHashSet<>(branches.get(0));
        for (List<Expr> branch : branches.subList(1, branches.size())) {
            common.retainAll(branch);
        }
        if (common.isEmpty()) {
            return null;
        }
        List<Expr> out = new ArrayList<>(common);
        List<Expr> rest = new ArrayList<>();
        for (List<Expr> branch : branches) {
            List<Expr> left = new ArrayList<>(branch);
            left.removeAll(common);
            if (left.isEmpty()) {
                return out; // that branch is the common part alone: the disjunction adds nothing
            }
            rest.add(Exprs.and(left));
        }
        out.add(Exprs.or(rest));
        return out;
    }
}
