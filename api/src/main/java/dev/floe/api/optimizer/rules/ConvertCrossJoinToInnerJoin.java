package dev.floe.api.optimizer.rules;

import dev.floe.api.JoinType;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the {@code left = right} conjuncts of a filter above a cross join, each side reading one
 * input, into the keys of an INNER join (same strategy); the other conjuncts stay above. An
 * inner join on two same-named columns outputs that column once where the cross join had
 * {@code x} and {@code "right.x"}, so a projection above restores the cross join's columns
 * ({@code x AS "right.x"}: equal values, same type). Such a pair is left in the filter when the
 * two types differ or are floating point (where {@code 0.0 = -0.0} does not make the values the
 * same), and any pair whose types have no common type stays a filter too.
 *
 * <pre>
 * Filter: k = "right.k" AND a > b      Filter: a > b
 *   CrossJoin                     →      Project: k, a, k AS "right.k", b
 *     l (k, a)                             Join: INNER on k = k
 *     r (k, b)                               l (k, a)
 *                                            r (k, b)
 * </pre>
 */
public final class ConvertCrossJoinToInnerJoin implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Join cross) || !cross.isCross()) {
            return Optional.empty();
        }
        Map<String, String> left = JoinSides.fromLeft(cross);
        Map<String, String> right = JoinSides.fromRight(cross);
        List<Expr> leftOn = new ArrayList<>();
        List<Expr> rightOn = new ArrayList<>();
        List<Expr> kept = new ArrayList<>();
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            Expr[] key = key(c, left, right);
            if (key != null && usable(cross, key[0], key[1])) {
                leftOn.add(key[0]);
                rightOn.add(key[1]);
            } else {
                kept.add(c);
            }
        }
        if (leftOn.isEmpty()) {
            return Optional.empty();
        }
        Join inner = Join.of(cross.left(), cross.right(), leftOn, rightOn, JoinType.INNER, cross.strategy());
        LogicalPlan joined = inner;
        if (!inner.schema().equals(cross.schema())) {
            List<Expr> columns = restore(cross, inner);
            if (columns == null) {
                return Optional.empty();
            }
            joined = Project.of(inner, columns);
            if (!joined.schema().equals(cross.schema())) {
                return Optional.empty();
            }
        }
        return Optional.of(kept.isEmpty() ? joined : new Filter(joined, Exprs.and(kept)));
    }

    /** {left key, right key} over the inputs' names when {@code c} is an equality across the sides; else null. */
    private static Expr[] key(Expr c, Map<String, String> left, Map<String, String> right) {
        if (!(c instanceof Binary b) || b.op() != BinaryOp.EQ) {
            return null;
        }
        if (JoinSides.readsOnly(b.left(), left) && JoinSides.readsOnly(b.right(), right)) {
            return new Expr[] {JoinSides.toInput(b.left(), left), JoinSides.toInput(b.right(), right)};
        }
        if (JoinSides.readsOnly(b.right(), left) && JoinSides.readsOnly(b.left(), right)) {
            return new Expr[] {JoinSides.toInput(b.right(), left), JoinSides.toInput(b.left(), right)};
        }
        return null;
    }

    private static boolean usable(Join cross, Expr l, Expr r) {
        Schema ls = cross.left().schema();
        Schema rs = cross.right().schema();
        try {
            Join.of(cross.left(), cross.right(), List.of(l), List.of(r), JoinType.INNER, cross.strategy());
        } catch (PlanException e) {
            return false;
        }
        Column lc = JoinSides.plainColumn(l);
        Column rc = JoinSides.plainColumn(r);
        if (lc == null || rc == null || !lc.name().equals(rc.name())) {
            return true;
        }
        // the join merges the two columns: the left one must be able to stand in for the right one
        DataType lt = ls.field(ls.indexOf(lc.name())).type();
        DataType rt = rs.field(rs.indexOf(rc.name())).type();
        return lt.equals(rt) && lt.kind() != DataType.Kind.FLOAT32 && lt.kind() != DataType.Kind.FLOAT64;
    }

    /** The cross join's columns over the inner join (a merged right key read from its left twin), or null. */
    private static List<Expr> restore(Join cross, Join inner) {
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < cross.outputs().size(); i++) {
            Join.Output o = cross.outputs().get(i);
            Field f = cross.schema().field(i);
            if (inner.schema().contains(f.name())) {
                exprs.add(new Column(f.name()));
            } else if (o.rightIndex() < 0) {
                return null;
            } else {
                String twin = cross.right().schema().field(o.rightIndex()).name();
                exprs.add(new Alias(new Column(twin), f.name()));
            }
        }
        return exprs;
    }
}
