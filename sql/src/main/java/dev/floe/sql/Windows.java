package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Window;
import dev.floe.api.WindowSpec;
import dev.floe.sql.functions.SqlFunctions;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * {@code f(...) OVER (PARTITION BY ... ORDER BY ... ROWS|RANGE BETWEEN ...)} through the
 * DataFrame window API: ranking and offset functions, and every aggregate over a frame. A window
 * may be named in the query's {@code WINDOW w AS (...)} clause and used as {@code OVER w}.
 */
final class Windows {
    private Windows() {
    }

    static Expression bind(AnalyticExpression a, ExpressionBinder binder) {
        Position at = Position.of(a);
        Expression function = function(a, binder, at);
        if (a.getWindowName() != null) {
            WindowDefinition named = binder.window(a.getWindowName(), at);
            return function.over(window(named.getPartitionExpressionList(), named.getOrderByElements(),
                    named.getWindowElement(), binder, at));
        }
        return function.over(window(a.getPartitionExpressionList(), a.getOrderByElements(), a.getWindowElement(),
                binder, at));
    }

    private static Expression function(AnalyticExpression a, ExpressionBinder binder, Position at) {
        if (a.isAllColumns() || a.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns
                || a.getExpression() == null && a.getName().equalsIgnoreCase("count")) {
            return SqlFunctions.countStar();
        }
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
        if (a.isDistinct() && !a.getName().equalsIgnoreCase("count")) {
            throw SqlErrors.invalid(a.getName() + "(DISTINCT ...) OVER (...) is not supported; aggregate the distinct"
                    + " values in a derived table and join it back, or use count(DISTINCT ...) OVER", at);
        }
        // a window-only function has no type until over(...) gives it a window: typed after that
        boolean windowOnly = SqlFunctions.isWindowFunction(a.getName());
        return SqlFunctions.call(a.getName(), args, a.isDistinct(), at.text(), windowOnly ? null : binder.input());
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
