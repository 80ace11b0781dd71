package dev.floe.api;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ListFunction;
import dev.floe.api.expr.ListOp;
import java.io.Serializable;
import java.util.List;

/**
 * List functions of an expression, reached with {@link Expression#list()}. A null list gives
 * null; the aggregations skip null elements and give null for an empty or all-null list.
 *
 * <pre>{@code df.select(col("tags").list().length(), col("tags").list().get(0))}</pre>
 */
public final class ListExpressions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Expr node;

    ListExpressions(Expr node) {
        this.node = node;
    }

    private Expression fn(ListOp op, Object... params) {
        return new Expression(new ListFunction(op, node, List.of(params)));
    }

    /** Number of elements (nulls included) as int64. {@code col("tags").list().length()} */
    public Expression length() { return fn(ListOp.LENGTH); }

    /**
     * The element at a 0-based index; negative counts from the end (-1 is the last); out of
     * range gives null. {@code col("tags").list().get(-1)}
     */
    public Expression get(int index) { return fn(ListOp.GET, index); }

    /** The string elements joined with a separator, skipping nulls. {@code col("tags").list().join(", ")} */
    public Expression join(String separator) {
        if (separator == null) {
            throw new PlanException("list().join needs a separator, got null; use \"\" for none");
        }
        return fn(ListOp.JOIN, separator);
    }

    /** Sum of the elements: integers give int64, floats float64, decimal(p, s) decimal(38, s). {@code col("xs").list().sum()} */
    public Expression sum() { return fn(ListOp.SUM); }

    /** Smallest element (keeps the type; NaN only when all are NaN). {@code col("xs").list().min()} */
    public Expression min() { return fn(ListOp.MIN); }

    /** Largest element (keeps the type; NaN above every number). {@code col("xs").list().max()} */
    public Expression max() { return fn(ListOp.MAX); }
}
