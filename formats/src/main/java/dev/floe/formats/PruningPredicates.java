package dev.floe.formats;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Between;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Coalesce;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprVisitor;
import dev.floe.api.expr.FillNull;
import dev.floe.api.expr.Grouping;
import dev.floe.api.expr.Hash;
import dev.floe.api.expr.IfElse;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.ListFunction;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Round;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.StringFunction;
import dev.floe.api.expr.StructField;
import dev.floe.api.expr.TemporalFunction;
import dev.floe.api.expr.Udf;
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
        return e.accept(CONVERT);
    }

    /** Every expression kind says whether statistics can check it (null = no). */
    private static final ExprVisitor<StatsPredicate> CONVERT = new ExprVisitor<>() {
        @Override
        public StatsPredicate visitBinary(Binary b) {
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

        @Override
        public StatsPredicate visitBetween(Between bt) {
            if (bt.child() instanceof Column c && bt.lower() instanceof Literal lo && bt.upper() instanceof Literal hi) {
                return new StatsPredicate.And(List.of(
                        new StatsPredicate.Compare(c.name(), StatsPredicate.Op.GE, lo.value()),
                        new StatsPredicate.Compare(c.name(), StatsPredicate.Op.LE, hi.value())));
            }
            return null;
        }

        @Override
        public StatsPredicate visitIsIn(IsIn in) {
            if (!(in.child() instanceof Column c)) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (Literal l : in.values()) {
                values.add(l.value());
            }
            return new StatsPredicate.In(c.name(), values);
        }

        @Override
        public StatsPredicate visitUnary(Unary u) {
            if (u.child() instanceof Column c) {
                if (u.op() == UnaryOp.IS_NULL) {
                    return new StatsPredicate.IsNull(c.name());
                }
                if (u.op() == UnaryOp.NOT_NULL) {
                    return new StatsPredicate.NotNull(c.name());
                }
            }
            return null;
        }

        @Override
        public StatsPredicate visitColumn(Column e) {
            return null;
        }

        @Override
        public StatsPredicate visitLiteral(Literal e) {
            return null;
        }

        @Override
        public StatsPredicate visitAlias(Alias e) {
            return null;
        }

        @Override
        public StatsPredicate visitCast(Cast e) {
            return null;
        }

        @Override
        public StatsPredicate visitIfElse(IfElse e) {
            return null;
        }

        @Override
        public StatsPredicate visitFillNull(FillNull e) {
            return null;
        }

        @Override
        public StatsPredicate visitRound(Round e) {
            return null;
        }

        @Override
        public StatsPredicate visitCoalesce(Coalesce e) {
            return null;
        }

        @Override
        public StatsPredicate visitAgg(AggExpr e) {
            return null;
        }

        @Override
        public StatsPredicate visitSortKey(SortKey e) {
            return null;
        }

        @Override
        public StatsPredicate visitString(StringFunction e) {
            return null;
        }

        @Override
        public StatsPredicate visitTemporal(TemporalFunction e) {
            return null;
        }

        @Override
        public StatsPredicate visitUdf(Udf e) {
            return null;
        }

        @Override
        public StatsPredicate visitCall(dev.floe.api.expr.FunctionCall e) {
            return null;
        }

        @Override
        public StatsPredicate visitList(ListFunction e) {
            return null;
        }

        @Override
        public StatsPredicate visitStructField(StructField e) {
            return null;
        }

        @Override
        public StatsPredicate visitWindow(dev.floe.api.expr.WindowExpr e) {
            return null;
        }

        @Override
        public StatsPredicate visitWindowFunction(dev.floe.api.expr.WindowFunction e) {
            return null;
        }

        @Override
        public StatsPredicate visitHash(Hash e) {
            return null;
        }

        @Override
        public StatsPredicate visitNondeterministic(dev.floe.api.expr.Nondeterministic e) {
            return null;
        }

        @Override
        public StatsPredicate visitSubquery(dev.floe.api.expr.Subquery e) {
            return null;
        }

        @Override
        public StatsPredicate visitOuterColumn(dev.floe.api.expr.OuterColumn e) {
            return null;
        }

        @Override
        public StatsPredicate visitGrouping(Grouping e) {
            return null;
        }
    };

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
