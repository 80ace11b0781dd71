package dev.floe.api;

import dev.floe.api.spi.SqlExpressionParser;
import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the {@link SqlExpressionParser} of {@code floe-sql} once, for {@link Functions#sqlExpr}. */
final class SqlExpressionParsers {
    private static volatile SqlExpressionParser parser;

    private SqlExpressionParsers() {
    }

    static SqlExpressionParser get() {
        SqlExpressionParser p = parser;
        if (p == null) {
            Iterator<SqlExpressionParser> found = ServiceLoader.load(SqlExpressionParser.class,
                    SqlExpressionParsers.class.getClassLoader()).iterator();
            if (!found.hasNext()) {
                throw new PlanException("sqlExpr(...) needs the SQL frontend, which is not on the class path: add the"
                        + " dependency dev.floe:floe-sql (the artifact dev.floe:floe-translator brings it)");
            }
            p = found.next();
            parser = p;
        }
        return p;
    }
}
