package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.sql.functions.SqlTypes;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/**
 * {@code CAST(x AS type)}, {@code TRY_CAST}, {@code x::type} and typed literals ({@code DATE
 * '1995-01-01'}, which the parser reads as a cast of a string), through {@link SqlTypes}.
 */
final class Casts {
    private Casts() {
    }

    static Expression bind(CastExpression c, ExpressionBinder binder) {
        ColDataType t = c.getColDataType();
        String at = Position.of(c.getLeftExpression()).text();
        DataType to = SqlTypes.of(t.getDataType(), t.getArgumentsStringList(), at);
        Expression e = binder.bind(c.getLeftExpression());
        return SqlTypes.cast(e, to, "TRY_CAST".equalsIgnoreCase(c.keyword), at, binder.input());
    }
}
