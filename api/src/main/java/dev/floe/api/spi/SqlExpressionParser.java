package dev.floe.api.spi;

import dev.floe.api.Expression;

/**
 * Parses one SQL expression into an {@link Expression}: the bridge from {@code api}'s
 * {@code Functions.sqlExpr} to the SQL frontend ({@code floe-sql}), which {@code api} cannot
 * depend on. {@code floe-sql} registers its implementation in
 * {@code META-INF/services/dev.floe.api.spi.SqlExpressionParser}; {@code Functions.sqlExpr} finds
 * it with {@link java.util.ServiceLoader}.
 */
public interface SqlExpressionParser {

    /** The expression of {@code sql} (e.g. {@code "a + b * 2 AS c"}), its column names unresolved. */
    Expression parse(String sql);
}
