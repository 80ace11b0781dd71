package dev.floe.api;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.StructField;
import java.io.Serializable;

/**
 * Struct functions of an expression, reached with {@link Expression#struct()}.
 *
 * <pre>{@code df.select(col("address").struct().get("city"))}</pre>
 */
public final class StructExpressions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Expr node;

    StructExpressions(Expr node) {
        this.node = node;
    }

    /**
     * The named field, null where the struct is null; the column is named after the field. An
     * unknown field is a {@link PlanException} listing the struct's fields. {@code col("a").struct().get("city")}
     */
    public Expression get(String field) {
        return new Expression(new StructField(node, field));
    }
}
