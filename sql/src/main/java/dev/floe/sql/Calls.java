package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.sql.functions.SqlFunctions;
import java.util.List;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.statement.select.AllColumns;

/**
 * Function calls by name, through the SQL function registry {@link SqlFunctions}: scalar and
 * aggregate calls here, {@code OVER} in {@link Windows}, {@code EXTRACT}.
 */
final class Calls {
    private Calls() {
    }

    static Expression function(Function f, ExpressionBinder binder) {
        Position at = Position.of(f);
        boolean star = isStar(f);
        if (star && !f.getName().equalsIgnoreCase("count")) {
            throw SqlErrors.invalid(f.getName() + "(*) is not a function call; only count(*) takes *", at);
        }
        if (SqlFunctions.isWindowFunction(f.getName())) {
            throw SqlErrors.invalid(f.getName() + "(...) is a window function: it needs OVER (...)", at);
        }
        // grouping(k) has a type only inside the aggregation of grouping sets: typed there
        if (f.getName().toLowerCase(java.util.Locale.ROOT).startsWith("grouping")) {
            return SqlFunctions.call(f.getName(), arguments(f, binder), f.isDistinct(), at.text(), null);
        }
        return AggregateCalls.call(f.getName(), star ? List.of() : arguments(f, binder), star, f.isDistinct(), null,
                f.getOrderByElements(), at, binder, binder.plansDistinctAggregates());
    }

    static boolean isStar(Function f) {
        return f.isAllColumns() || f.getParameters() != null && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof AllColumns;
    }

    static Expression window(net.sf.jsqlparser.expression.AnalyticExpression a, ExpressionBinder binder) {
        return Windows.bind(a, binder);
    }

    static Expression extract(ExtractExpression e, ExpressionBinder binder) {
        return SqlFunctions.extract(e.getName(), binder.bind(e.getExpression()), Position.of(e.getExpression()).text(),
                binder.input());
    }

    /** The arguments, also of {@code substring(x FROM 1 FOR 2)}, which the parser keeps as named ones. */
    static List<Expression> arguments(Function f, ExpressionBinder binder) {
        ExpressionList<?> params = f.getParameters();
        if (params != null) {
            return binder.bindAll(params);
        }
        NamedExpressionList<?> named = f.getNamedParameters();
        return named == null ? List.of() : binder.bindAll(named);
    }
}
