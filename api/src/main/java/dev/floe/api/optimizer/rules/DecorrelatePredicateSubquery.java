package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Subquery;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code EXISTS}, {@code NOT EXISTS} and {@code IN} subqueries that are conjuncts of a filter
 * become joins (DataFusion's DecorrelatePredicateSubquery): EXISTS and IN a SEMI join, NOT EXISTS
 * an ANTI join, on the correlated equalities as keys (IN adds {@code probe = value}) with the other
 * correlated conditions as the join's condition. An uncorrelated EXISTS is a cross join with the
 * count of at most one of its rows. A subquery that yields exactly one row (an aggregation without
 * keys) needs no join: EXISTS is true, and IN compares with the scalar subquery. NOT IN, which has
 * SQL's null semantics, is left to {@link SubqueryToMarkJoin}.
 *
 * <pre>{@code
 * Filter: EXISTS (Filter: l_orderkey = outer(o_orderkey) AND l_commitdate < l_receiptdate)
 *   Scan: orders
 * =>
 * Join: SEMI on o_orderkey = __sq1_k0
 *   Scan: orders
 *   Project: l_orderkey AS __sq1_k0
 *     Filter: l_commitdate < l_receiptdate
 *       Scan: lineitem
 * }</pre>
 */
public final class DecorrelatePredicateSubquery implements OptimizerRule {

    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter f)) {
            return Optional.empty();
        }
        List<Expr> conjuncts = Binary.conjuncts(f.predicate());
        LogicalPlan current = f.input();
        List<Expr> rest = new ArrayList<>();
        boolean fired = false;
        for (Expr c : conjuncts) {
            boolean negated = c instanceof Unary u && u.op() == UnaryOp.NOT;
            Expr inner = negated ? ((Unary) c).child() : c;
            if (!(inner instanceof Subquery s) || s.kind() == Subquery.Kind.SCALAR
                    || negated && s.kind() == Subquery.Kind.IN) {
                rest.add(c);
                continue;
            }
            fired = true;
            if (SubqueryJoins.exactlyOneRow(s.plan())) {
                if (s.kind() == Subquery.Kind.EXISTS) {
                    if (negated) {
                        rest.add(new Literal(false, DataType.bool()));
                    }
                } else {
                    rest.add(new Binary(BinaryOp.EQ, s.probe(), new Subquery(Subquery.Kind.SCALAR, s.plan(), null)));
                }
                continue;
            }
            current = SubqueryJoins.semi(current, s, negated);
        }
        if (!fired) {
            return Optional.empty();
        }
        LogicalPlan out = rest.isEmpty() ? current : new Filter(current, SubqueryJoins.and(rest));
        return Optional.of(SubqueryJoins.restore(out, f.schema()));
    }
}
