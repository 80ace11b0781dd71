package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.spi.SqlExpressionParser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Functions.sqlExpr}: one SQL expression, optionally {@code AS name}, with its columns left
 * unresolved (each name as written, without quotes) until the DataFrame that uses it resolves
 * them. Found through {@link java.util.ServiceLoader}.
 */
public final class SqlExpressions implements SqlExpressionParser {
    private static final Pattern ALIAS = Pattern.compile("(?is)^(.*\\S)\\s+AS\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z_0-9]*)\\s*$");

    @Override
    public Expression parse(String sql) {
        String text = sql;
        String alias = null;
        Matcher m = ALIAS.matcher(sql);
        if (m.matches()) {
            text = m.group(1);
            alias = Identifier.of(m.group(2)).text();
        }
        Expression e = new ExpressionBinder(new FreeScope(), null).bind(SqlParser.expression(text));
        return alias == null ? e : e.alias(alias);
    }

    /** A scope in which every unqualified name is a column of that name. */
    private static final class FreeScope extends Scope {
        FreeScope() {
            super(List.of(), null);
        }

        @Override
        List<Entry> matches(Identifier qualifier, Identifier name) {
            if (qualifier != null) {
                throw SqlErrors.unsupported("a qualified column (" + qualifier + "." + name + ") in sqlExpr",
                        Position.UNKNOWN);
            }
            return List.of(new Entry(null, name.text(), name.text(), null, false));
        }

        /** No types yet: functions and operators are built untyped and typed by the DataFrame that uses them. */
        @Override
        dev.floe.api.types.Schema schema() {
            return null;
        }
    }
}
