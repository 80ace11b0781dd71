package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.expr.Column;

/** Output naming that keeps plans readable. */
final class Names {
    private Names() {
    }

    /** The expression named {@code name}; a column of that name stays as it is (no {@code a AS a}). */
    static Expression named(Expression e, String name) {
        if (e.node() instanceof Column c && c.name().equals(name)) {
            return e;
        }
        return e.alias(name);
    }
}
