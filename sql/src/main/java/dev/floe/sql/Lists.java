package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.types.DataType;
import dev.floe.sql.functions.SqlFunctions;
import java.util.List;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.RangeExpression;

/**
 * DuckDB's subscripts: {@code l[i]} (1-based, negative from the end; {@code m[key]} on a map gives the key's
 * value) and the slice {@code l[begin:end]} (both included, either left out), through the SQL
 * functions {@code list_extract}, {@code map_extract_value} and {@code list_slice}.
 */
final class Lists {
    private Lists() {
    }

    /** {@code x[i]}, {@code x[begin:end]} as JSqlParser gives it for an expression. */
    static Expression subscript(ArrayExpression a, ExpressionBinder binder) {
        Expression subject = binder.bind(a.getObjExpression());
        String at = Position.of(a.getObjExpression()).text();
        if (a.getIndexExpression() != null) {
            return element(subject, binder.bind(a.getIndexExpression()), at, binder);
        }
        return slice(subject, a.getStartIndexExpression(), a.getStopIndexExpression(), at, binder);
    }

    /** {@code col[i]}, {@code col[begin:end]}: JSqlParser keeps a column's subscript on the column. */
    static Expression subscript(Expression column, ArrayConstructor brackets, Position position,
            ExpressionBinder binder) {
        String at = position.text();
        if (brackets.getExpressions() == null || brackets.getExpressions().size() != 1) {
            throw SqlErrors.unsupported("the subscript " + brackets + " (one index or one begin:end range)", position);
        }
        net.sf.jsqlparser.expression.Expression inside = brackets.getExpressions().get(0);
        if (inside instanceof RangeExpression r) {
            return slice(column, r.getStartExpression(), r.getEndExpression(), at, binder);
        }
        return element(column, binder.bind(inside), at, binder);
    }

    private static Expression element(Expression subject, Expression index, String at, ExpressionBinder binder) {
        DataType t = binder.input() == null ? null : subject.node().type(binder.input());
        String function = t instanceof DataType.MapOf ? "map_extract_value" : "list_extract";
        return SqlFunctions.call(function, List.of(subject, index), false, at, binder.input());
    }

    private static Expression slice(Expression subject, net.sf.jsqlparser.expression.Expression from,
            net.sf.jsqlparser.expression.Expression to, String at, ExpressionBinder binder) {
        Expression begin = from == null ? Functions.lit(1) : binder.bind(from);
        Expression end = to == null ? Functions.lit(-1) : binder.bind(to);
        return SqlFunctions.call("list_slice", List.of(subject, begin, end), false, at, binder.input());
    }
}
