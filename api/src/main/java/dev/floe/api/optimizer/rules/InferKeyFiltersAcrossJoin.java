package dev.floe.api.optimizer.rules;

import dev.floe.api.JoinType;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Deduplicate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a filter on one side's join key to the other side's key: with {@code a.k = b.k} a join key,
 * a row of {@code b} can only match when {@code b.k} passes every test {@code a.k} is known to pass
 * ({@code a.k = 5}, {@code a.k < 10}, {@code a.k IN (...)}, any deterministic predicate of that
 * column alone), so {@code b} is filtered too and reads less. What a side is known to pass is read
 * from its filters, its scan's filters, and through projections that pass the column on, sorts,
 * limits, repartitions, deduplication and the non-padded side of joins (so equalities chain across
 * several joins). A filter crosses only where it cannot drop a row the join outputs: both ways for
 * INNER and SEMI, left to right for LEFT and ANTI, right to left for RIGHT, never for OUTER. Both
 * keys must be plain columns of one type that is not floating point ({@code -0.0 = 0.0} as keys yet
 * not for every predicate).
 *
 * <p>It runs once, with the other derivations after the first push-down: the copied filters are
 * then pushed into the scans, where it would find and copy them again.
 *
 * <pre>
 * Join: INNER on k = id               Join: INNER on k = id
 *   Filter: k &lt; 10           →         Filter: k &lt; 10
 *     l (k, a)                            l (k, a)
 *   r (id, b)                           Filter: id &lt; 10
 *                                         r (id, b)
 * </pre>
 */
public final class InferKeyFiltersAcrossJoin implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Join join) || join.leftOn().isEmpty()) {
            return Optional.empty();
        }
        JoinType type = join.type();
        boolean leftToRight = type == JoinType.INNER || type == JoinType.LEFT || type == JoinType.SEMI
                || type == JoinType.ANTI;
        boolean rightToLeft = type == JoinType.INNER || type == JoinType.RIGHT || type == JoinType.SEMI;
        List<Expr> toLeft = new ArrayList<>();
        List<Expr> toRight = new ArrayList<>();
        for (int i = 0; i < join.leftOn().size(); i++) {
            if (!(join.leftOn().get(i) instanceof Column lk) || !(join.rightOn().get(i) instanceof Column rk)
                    || !copyable(join.left().schema().field(join.left().schema().indexOf(lk.name())).type())) {
                continue;
            }
            if (leftToRight) {
                copy(join.left(), lk.name(), join.right(), rk.name(), toRight);
            }
            if (rightToLeft) {
                copy(join.right(), rk.name(), join.left(), lk.name(), toLeft);
            }
        }
        if (toLeft.isEmpty() && toRight.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan l = toLeft.isEmpty() ? join.left() : new Filter(join.left(), Exprs.and(toLeft));
        LogicalPlan r = toRight.isEmpty() ? join.right() : new Filter(join.right(), Exprs.and(toRight));
        return Optional.of(join.withChildren(List.of(l, r)));
    }

    private static boolean copyable(DataType t) {
        return t.kind() != DataType.Kind.FLOAT32 && t.kind() != DataType.Kind.FLOAT64 && !t.isNested();
    }

    /** Adds to {@code out} the tests {@code from.fromKey} passes that {@code to.toKey} is not yet known to pass. */
    private static void copy(LogicalPlan from, String fromKey, LogicalPlan to, String toKey, List<Expr> out) {
        List<Expr> known = known(to, toKey);
        for (Expr p : known(from, fromKey)) {
            Expr q = rename(p, fromKey, toKey);
            if (!known.contains(q) && !out.contains(q)) {
                out.add(q);
            }
        }
    }

    private static Expr rename(Expr e, String from, String to) {
        return from.equals(to) ? e : e.transformUp(n -> n instanceof Column c && c.name().equals(from) ? new Column(to) : n);
    }

    /** The deterministic conjuncts over {@code column} alone that every row of {@code plan} passes. */
    static List<Expr> known(LogicalPlan plan, String column) {
        List<Expr> out = new ArrayList<>();
        if (plan instanceof Filter f) {
            addOwn(Exprs.conjuncts(f.predicate()), column, out);
            out.addAll(known(f.input(), column));
        } else if (plan instanceof Scan s) {
            for (Expr filter : s.filters()) {
                addOwn(Exprs.conjuncts(filter), column, out);
            }
        } else if (plan instanceof Project p) {
            for (Expr e : p.exprs()) {
                if (e.name().equals(column) && e.unalias() instanceof Column source) {
                    for (Expr k : known(p.input(), source.name())) {
                        out.add(rename(k, source.name(), column));
                    }
                }
            }
        } else if (plan instanceof Join j) {
            boolean leftKept = j.type() != JoinType.RIGHT && j.type() != JoinType.OUTER;
            boolean rightKept = j.type() == JoinType.INNER || j.type() == JoinType.RIGHT;
            Map<String, String> left = JoinSides.fromLeft(j);
            Map<String, String> right = JoinSides.fromRight(j);
            if (leftKept && left.containsKey(column)) {
                for (Expr k : known(j.left(), left.get(column))) {
                    out.add(rename(k, left.get(column), column));
                }
            } else if (rightKept && right.containsKey(column)) {
                for (Expr k : known(j.right(), right.get(column))) {
                    out.add(rename(k, right.get(column), column));
                }
            }
        } else if (plan instanceof Sort || plan instanceof Limit || plan instanceof Repartition
                || plan instanceof Deduplicate) {
            out.addAll(known(plan.children().get(0), column));
        }
        return out;
    }

    private static void addOwn(List<Expr> conjuncts, String column, List<Expr> out) {
        for (Expr c : conjuncts) {
            if (c.columnRefs().equals(List.of(column)) && Exprs.isDeterministic(c)) {
                out.add(c);
            }
        }
    }
}
