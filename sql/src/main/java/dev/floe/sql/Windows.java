package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.Window;
import dev.floe.api.WindowSpec;
import dev.floe.sql.functions.SqlFunctions;
import dev.floe.sql.functions.SqlLiterals;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * {@code f(...) OVER (PARTITION BY ... ORDER BY ... ROWS|RANGE BETWEEN ...)} through the
 * DataFrame window API: ranking and offset functions, and every aggregate over a frame. A window
 * may be named in the query's {@code WINDOW w AS (...)} clause and used as {@code OVER w}, or refined,
 * {@code OVER (w ORDER BY x ROWS ...)} and {@code WINDOW w2 AS (w ORDER BY x)} (see {@link WindowRefs}).
 */
final class Windows {
    private Windows() {
    }

    static Expression bind(AnalyticExpression a, ExpressionBinder binder) {
        Position at = Position.of(a);
        if (a.getType() == AnalyticType.WITHIN_GROUP || a.getType() == AnalyticType.WITHIN_GROUP_OVER) {
            throw SqlErrors.unsupported(a.getName() + "(...) WITHIN GROUP (ORDER BY ...); write the value as the"
                    + " first argument instead, e.g. quantile_cont(x, 0.5)", at);
        }
        if (a.getType() == AnalyticType.FILTER_ONLY) {
            // agg(x) FILTER (WHERE c) without OVER: an aggregate call
            if (SqlFunctions.isWindowFunction(a.getName())) {
                throw SqlErrors.invalid(a.getName() + "(...) is a window function: it needs OVER (...)", at);
            }
            return AggregateCalls.call(a.getName(), star(a) ? List.of() : arguments(a, binder), star(a),
                    a.isDistinct(), binder.bind(a.getFilterExpression()), a.getFuncOrderBy(), at, binder,
                    binder.plansDistinctAggregates());
        }
        Expression filter = a.getFilterExpression() == null ? null : binder.bind(a.getFilterExpression());
        String lower = a.getName().toLowerCase(java.util.Locale.ROOT);
        boolean overSet = a.isDistinct() && SET_BASED.contains(lower);
        Expression function = overSet ? distinctSet(a, filter, binder, at) : function(a, filter, binder, at);
        Spec spec;
        if (a.getWindowName() != null) {
            WindowDefinition named = binder.window(a.getWindowName(), at);
            spec = resolve(named, binder);
        } else {
            spec = resolve(a.getPartitionExpressionList(), a.getOrderByElements(), a.getWindowElement(), null, binder);
        }
        Expression over = function.over(window(spec.partitionBy(), spec.orderBy(), spec.frame(), binder, at));
        return overSet ? fromSet(lower, over, a, binder) : over;
    }

    /** Aggregates whose DISTINCT form over a window is a function of the frame's set of distinct values. */
    private static final java.util.Set<String> SET_BASED = java.util.Set.of("sum", "avg", "mean", "list", "array_agg",
            "string_agg", "group_concat", "listagg");

    /** {@code agg_set(x)}, the frame's distinct non-null values of the (filtered) argument. */
    private static Expression distinctSet(AnalyticExpression a, Expression filter, ExpressionBinder binder, Position at) {
        List<Expression> args = arguments(a, binder);
        if (args.isEmpty()) {
            throw SqlErrors.invalid(a.getName() + "(DISTINCT) needs an argument", at);
        }
        if (a.getFuncOrderBy() != null && !a.getFuncOrderBy().isEmpty()) {
            throw SqlErrors.invalid(a.getName() + "(DISTINCT ... ORDER BY ...) OVER (...) is not supported", at);
        }
        Expression x = args.get(0);
        return (filter == null ? x : Functions.ifElse(filter, x, SqlLiterals.nullValue())).aggSet();
    }

    /** {@code sum(DISTINCT x) OVER w} and the like from {@code agg_set(x) OVER w}: null where the frame has no value. */
    private static Expression fromSet(String lower, Expression set, AnalyticExpression a, ExpressionBinder binder) {
        return switch (lower) {
            case "sum" -> set.list().sum();
            case "avg", "mean" -> set.list().mean();
            case "list", "array_agg" -> set;
            default -> {
                List<Expression> args = arguments(a, binder);
                String separator = args.size() > 1 ? AggregateCalls.stringConstant(args.get(1)) : ",";
                yield Functions.ifElse(set.list().length().eq(Functions.lit(0)), SqlLiterals.nullValue(),
                        set.list().join(separator));
            }
        };
    }

    /** A window's parts with the named window it refines (if any) filled in. */
    private record Spec(List<? extends net.sf.jsqlparser.expression.Expression> partitionBy, List<OrderByElement> orderBy,
            WindowElement frame) {
    }

    /** The window a WINDOW clause defines under its name. */
    private static Spec resolve(WindowDefinition named, ExpressionBinder binder) {
        return resolve(named.getPartitionExpressionList(), named.getOrderByElements(), named.getWindowElement(),
                named.getWindowName(), binder);
    }

    /**
     * The SQL standard's rules for a window that names an existing one, {@code (w ORDER BY x ROWS
     * ...)}: it takes w's PARTITION BY, w's ORDER BY unless w has none (then its own), and its own
     * frame; w may not have a frame (use {@code OVER w} for that). In the WINDOW clause
     * ({@code definedAs} its name) w must be defined before it.
     */
    private static Spec resolve(List<? extends net.sf.jsqlparser.expression.Expression> partitionBy,
            List<OrderByElement> orderBy, WindowElement frame, String definedAs, ExpressionBinder binder) {
        net.sf.jsqlparser.schema.Column marker = partitionBy != null && partitionBy.size() == 1
                && partitionBy.get(0) instanceof net.sf.jsqlparser.schema.Column c && c.getTable() == null
                && WindowRefs.refined(c.getColumnName()) != null ? c : null;
        if (marker == null) {
            return new Spec(partitionBy, orderBy, frame);
        }
        String name = WindowRefs.refined(marker.getColumnName());
        Position at = Position.of(marker);
        WindowDefinition base = binder.window(name, at, definedAs);
        Spec refined = resolve(base, binder);
        String shown = Identifier.of(name).text();
        if (refined.frame() != null) {
            throw SqlErrors.invalid("window '" + shown + "' has a frame (" + refined.frame() + "), so it cannot be"
                    + " refined (SQL standard); write OVER " + shown + " to use it as it is, or move the frame out of "
                    + shown + "'s definition into each OVER (" + shown + " ...)", at);
        }
        boolean ownOrder = orderBy != null && !orderBy.isEmpty();
        if (ownOrder && refined.orderBy() != null && !refined.orderBy().isEmpty()) {
            throw SqlErrors.invalid("window '" + shown + "' has an ORDER BY already, which a window refining it cannot"
                    + " replace (SQL standard); drop the ORDER BY here, or move it out of " + shown + "'s definition",
                    at);
        }
        return new Spec(refined.partitionBy(), ownOrder ? orderBy : refined.orderBy(), frame);
    }

    private static boolean star(AnalyticExpression a) {
        return a.isAllColumns() || a.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns
                || a.getExpression() == null && a.getName().equalsIgnoreCase("count");
    }

    private static List<Expression> arguments(AnalyticExpression a, ExpressionBinder binder) {
        List<Expression> args = new ArrayList<>();
        if (a.getExpression() != null) {
            if (a.getExpression() instanceof net.sf.jsqlparser.expression.operators.relational.ExpressionList<?> list) {
                args.addAll(binder.bindAll(list));
            } else {
                args.add(binder.bind(a.getExpression()));
            }
        }
        if (a.getOffset() != null) {
            args.add(binder.bind(a.getOffset()));
        }
        if (a.getDefaultValue() != null) {
            args.add(binder.bind(a.getDefaultValue()));
        }
        return args;
    }

    private static Expression function(AnalyticExpression a, Expression filter, ExpressionBinder binder, Position at) {
        boolean windowOnly = SqlFunctions.isWindowFunction(a.getName());
        if (windowOnly && filter != null) {
            throw SqlErrors.invalid(a.getName() + "(...) FILTER (WHERE ...): FILTER applies to aggregate functions"
                    + " only", at);
        }
        if (star(a) && filter == null) {
            return SqlFunctions.countStar();
        }
        if (a.isDistinct() && !a.getName().equalsIgnoreCase("count") && !a.getName().equalsIgnoreCase("min")
                && !a.getName().equalsIgnoreCase("max")) {
            throw SqlErrors.invalid(a.getName() + "(DISTINCT ...) OVER (...) is not supported; aggregate the distinct"
                    + " values in a derived table and join it back, or use count, sum, avg, list or string_agg"
                    + " (DISTINCT ...) OVER", at);
        }
        if (windowOnly) {
            // a window-only function has no type until over(...) gives it a window: typed after that
            return SqlFunctions.call(a.getName(), arguments(a, binder), a.isDistinct(), at.text(), null);
        }
        return AggregateCalls.call(a.getName(), star(a) ? List.of() : arguments(a, binder), star(a), a.isDistinct(),
                filter, a.getFuncOrderBy(), at, binder, false);
    }

    private static Window window(List<? extends net.sf.jsqlparser.expression.Expression> partitionBy,
            List<OrderByElement> orderBy, WindowElement frame, ExpressionBinder binder, Position at) {
        WindowSpec w = Window.partitionBy();
        if (partitionBy != null) {
            w = w.partitionBy(binder.bindAll(partitionBy).toArray(Expression[]::new));
        }
        if (orderBy != null) {
            List<Expression> keys = new ArrayList<>();
            for (OrderByElement o : orderBy) {
                keys.add(OrderKeys.key(binder.bind(o.getExpression()), o));
            }
            w = w.orderBy(keys.toArray(Expression[]::new));
        }
        if (frame == null) {
            return w;
        }
        WindowOffset start = frame.getRange() != null ? frame.getRange().getStart() : frame.getOffset();
        WindowOffset end = frame.getRange() != null ? frame.getRange().getEnd() : null;
        boolean rows = frame.getType() == WindowElement.Type.ROWS;
        Object lo = bound(start, true, rows, binder, at);
        Object hi = end == null ? (rows ? Window.CURRENT_ROW : (Object) 0L) : bound(end, false, rows, binder, at);
        if (rows) {
            return w.rowsBetween(((Number) lo).longValue(), ((Number) hi).longValue());
        }
        return w.rangeBetween(lo, hi);
    }

    /** A frame bound as the window API takes it: row counts, or the key's distance for RANGE. */
    private static Object bound(WindowOffset o, boolean start, boolean rows, ExpressionBinder binder, Position at) {
        WindowOffset.Type type = o.getType();
        if (type == WindowOffset.Type.CURRENT) {
            return rows ? Window.CURRENT_ROW : (Object) 0L;
        }
        if (o.getExpression() == null) {
            return type == WindowOffset.Type.PRECEDING ? Window.UNBOUNDED_PRECEDING : Window.UNBOUNDED_FOLLOWING;
        }
        Expression amount = binder.bind(o.getExpression());
        if (!(amount.node() instanceof dev.floe.api.expr.Literal l) || l.value() == null) {
            throw SqlErrors.invalid("a window frame bound must be a constant, got " + o.getExpression(), at);
        }
        boolean preceding = type == WindowOffset.Type.PRECEDING;
        Object v = l.value();
        if (!rows && (v instanceof java.math.BigDecimal || v instanceof Double)) {
            // RANGE 0.5 PRECEDING: the exact distance (1.5 is DECIMAL(2,1) in SQL), never truncated to a whole number
            return v instanceof java.math.BigDecimal d ? (preceding ? d.negate() : d) : (preceding ? -(Double) v : v);
        }
        if (v instanceof Number n) {
            long x = n.longValue();
            return preceding ? -x : x;
        }
        if (v instanceof java.time.Period p) {
            return preceding ? p.negated() : p;
        }
        if (v instanceof java.time.Duration d) {
            return preceding ? d.negated() : d;
        }
        throw SqlErrors.invalid("cannot use " + o.getExpression() + " as a window frame bound", at);
    }
}
