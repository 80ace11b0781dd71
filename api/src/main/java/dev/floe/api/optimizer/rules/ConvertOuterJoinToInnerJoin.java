package dev.floe.api.optimizer.rules;

import dev.floe.api.JoinType;
import dev.floe.api.expr.Between;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.types.DataType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Narrows an outer join under a filter that rejects the rows it pads with nulls: a LEFT join whose
 * filter is never true when the right columns are null is an INNER join (the padded rows would be
 * dropped anyway), likewise RIGHT with the left columns; an OUTER join becomes LEFT when the
 * filter rejects null left columns, RIGHT when it rejects null right columns, INNER when both. The
 * filter stays; {@link PushFilterThroughJoin} can then move its conjuncts into the side that is no
 * longer padded. A conjunct rejects nulls of a side when it is a comparison, {@code IN},
 * {@code BETWEEN} or {@code IS NOT NULL} over an expression that is null whenever a column of that
 * side is (arithmetic, casts, negation), or an AND/OR of such (both branches of an OR). A merged
 * OUTER key (coalesce of both sides) belongs to neither side.
 *
 * <pre>
 * Filter: b > 2                 Filter: b > 2
 *   Join: LEFT on k = id   →      Join: INNER on k = id
 *     l (k, a)                      l (k, a)
 *     r (id, b)                     r (id, b)
 * </pre>
 */
public final class ConvertOuterJoinToInnerJoin implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Join join) || join.asof() != null) {
            return Optional.empty();
        }
        JoinType type = join.type();
        boolean leftPadded = type == JoinType.RIGHT || type == JoinType.OUTER;
        boolean rightPadded = type == JoinType.LEFT || type == JoinType.OUTER;
        if (!leftPadded && !rightPadded) {
            return Optional.empty();
        }
        boolean rejectsLeft = leftPadded && rejectsNulls(filter.predicate(), JoinSides.fromLeft(join).keySet());
        boolean rejectsRight = rightPadded && rejectsNulls(filter.predicate(), JoinSides.fromRight(join).keySet());
        boolean stillLeftPadded = leftPadded && !rejectsLeft;
        boolean stillRightPadded = rightPadded && !rejectsRight;
        JoinType narrowed = stillLeftPadded && stillRightPadded ? JoinType.OUTER
                : stillLeftPadded ? JoinType.RIGHT : stillRightPadded ? JoinType.LEFT : JoinType.INNER;
        if (narrowed == type) {
            return Optional.empty();
        }
        Join out = Join.of(join.left(), join.right(), join.leftOn(), join.rightOn(), narrowed, join.strategy(),
                join.condition(), null, join.mergeKeys());
        if (!out.schema().equals(join.schema()) || !sameValues(join, out)) {
            return Optional.empty();
        }
        return Optional.of(new Filter(out, filter.predicate()));
    }

    /**
     * A merged key may now be read from the other side: equal under the join's equality, yet
     * {@code -0.0} and {@code 0.0} differ as floating-point values, so such a join keeps its type.
     */
    private static boolean sameValues(Join before, Join after) {
        for (int i = 0; i < before.outputs().size(); i++) {
            Join.Output b = before.outputs().get(i);
            Join.Output a = after.outputs().get(i);
            DataType.Kind kind = before.schema().field(i).type().kind();
            if ((b.leftIndex() != a.leftIndex() || b.rightIndex() != a.rightIndex())
                    && (kind == DataType.Kind.FLOAT32 || kind == DataType.Kind.FLOAT64)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code e} is null or false on every row whose {@code columns} are all null. */
    static boolean rejectsNulls(Expr e, Set<String> columns) {
        if (e instanceof Binary b && b.op() == BinaryOp.AND) {
            return rejectsNulls(b.left(), columns) || rejectsNulls(b.right(), columns);
        }
        if (e instanceof Binary b && b.op() == BinaryOp.OR) {
            return rejectsNulls(b.left(), columns) && rejectsNulls(b.right(), columns);
        }
        if (e instanceof Binary b && b.op().isComparison() && b.op() != BinaryOp.EQ_NULL_SAFE) {
            return nullWith(b.left(), columns) || nullWith(b.right(), columns);
        }
        if (e instanceof IsIn in) {
            return nullWith(in.child(), columns);
        }
        if (e instanceof Between between) {
            return nullWith(between.child(), columns);
        }
        if (e instanceof Unary u && u.op() == UnaryOp.NOT_NULL) {
            return nullWith(u.child(), columns);
        }
        if (e instanceof Unary u && u.op() == UnaryOp.NOT) {
            return nullWith(u.child(), columns);
        }
        return nullWith(e, columns);
    }

    /** True when {@code e} is null on every row whose {@code columns} are all null (it reads one and propagates nulls). */
    private static boolean nullWith(Expr e, Set<String> columns) {
        if (e instanceof Column c) {
            return columns.contains(c.name());
        }
        List<Expr> operands;
        if (e instanceof Binary b && (b.op().isArithmetic()
                || (b.op().isComparison() && b.op() != BinaryOp.EQ_NULL_SAFE))) {
            operands = List.of(b.left(), b.right());
        } else if (e instanceof Cast c) {
            operands = List.of(c.child());
        } else if (e instanceof Unary u && (u.op() == UnaryOp.NEG || u.op() == UnaryOp.NOT || u.op() == UnaryOp.ABS)) {
            operands = List.of(u.child());
        } else {
            return false;
        }
        for (Expr operand : operands) {
            if (nullWith(operand, columns)) {
                return true;
            }
        }
        return false;
    }
}
