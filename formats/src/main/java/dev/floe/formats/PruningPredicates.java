package dev.floe.formats;

import dev.floe.api.expr.Between;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a scan's filters that statistics can check: comparisons of a column with a literal
 * ({@code = != < <= > >=}, either side), {@code between}, {@code isIn}, {@code isNull},
 * {@code notNull}, and AND/OR of those. A conjunct that does not fit is dropped (the filter still
 * runs on every row read, so pruning only has to be sound, not complete); an OR with a branch
 * that does not fit is dropped whole.
 *
 * <pre>{@code StatsPredicate p = PruningPredicates.of(scan.filters()); // null when nothing fits}</pre>
 */
public final class PruningPredicates {
    private PruningPredicates() {
    }

    /** The conjunction of what the filters say that statistics can check, or null. */
    public static StatsPredicate of(List<Expr> filters) {
        List<StatsPredicate> parts = new ArrayList<>();
        for (Expr f : filters) {
            addConjuncts(f, parts);
        }
        return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new StatsPredicate.And(parts);
    }

    private static void addConjuncts(Expr e, List<StatsPredicate> out) {
        if (e instanceof Binary b && b.op() == BinaryOp.AND) {
            addConjuncts(b.left(), out);
            addConjuncts(b.right(), out);
            return;
        }
        StatsPredicate p = convert(e);
        if (p != null) {
            out.add(p);
        }
    }

    /** One expression as a statistics predicate, or null when it does not fit. */
    static StatsPredicate convert(Expr e) {
        if (e instanceof Binary b) {
            if (b.op() == BinaryOp.AND) {
                List<StatsPredicate> parts = new ArrayList<>();
                addConjuncts(b, parts);
                return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new StatsPredicate.And(parts);
            }
            if (b.op() == BinaryOp.OR) {
                StatsPredicate l = convert(b.left());
                StatsPredicate r = convert(b.right());
                return l == null || r == null ? null : new StatsPredicate.Or(List.of(l, r));
            }
            StatsPredicate.Op op = op(b.op());
            if (op == null) {
                return null;
            }
            if (b.left() instanceof Column c && b.right() instanceof Literal l) {
                return new StatsPredicate.Compare(c.name(), op, l.value());
            }
            if (b.left() instanceof Literal l && b.right() instanceof Column c) {
                return new StatsPredicate.Compare(c.name(), op(b.op().flip()), l.value());
            }
            return null;
        }
        if (e instanceof Between bt && bt.child() instanceof Column c && bt.lower() instanceof Literal lo
                && bt.upper() instanceof Literal hi) {
            return new StatsPredicate.And(List.of(new StatsPredicate.Compare(c.name(), StatsPredicate.Op.GE, lo.value()),
                    new StatsPredicate.Compare(c.name(), StatsPredicate.Op.LE, hi.value())));
        }
        if (e instanceof IsIn in && in.child() instanceof Column c) {
            List<Object> values = new ArrayList<>();
            for (Literal l : in.values()) {
                values.add(l.value());
            }
            return new StatsPredicate.In(c.name(), values);
        }
        if (e instanceof Unary u && u.child() instanceof Column c) {
            if (u.op() == UnaryOp.IS_NULL) {
                return new StatsPredicate.IsNull(c.name());
            }
            if (u.op() == UnaryOp.NOT_NULL) {
                return new StatsPredicate.NotNull(c.name());
            }
        }
        return null;
    }

    private static StatsPredicate.Op op(BinaryOp op) {
        return switch (op) {
            case EQ -> StatsPredicate.Op.EQ;
            case NEQ -> StatsPredicate.Op.NE;
            case LT -> StatsPredicate.Op.LT;
            case LE -> StatsPredicate.Op.LE;
            case GT -> StatsPredicate.Op.GT;
            case GE -> StatsPredicate.Op.GE;
            default -> null;
        };
    }
}
