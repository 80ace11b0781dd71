package dev.floe.api;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.FunctionCall;
import dev.floe.api.expr.ListFn;
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

    // ---- functions called through FunctionCall (ListFn) -------------------------------------------

    private Expression call(ListFn f, List<Expr> more, Object... params) {
        List<Expr> args = new java.util.ArrayList<>();
        args.add(node);
        args.addAll(more);
        return new Expression(new FunctionCall(f, args, List.of(params)));
    }

    /**
     * Whether the list holds the value (converted to the element type; null elements never match);
     * null when the list or the value is null (DuckDB's {@code list_contains}). {@code col("tags").list().contains("red")}
     */
    public Expression contains(Object value) { return call(ListFn.CONTAINS, List.of(Expression.toExpr(value))); }

    /** The elements in ascending order, nulls last. {@code col("xs").list().sort()} */
    public Expression sort() { return sort(false); }

    /** The elements in ascending or descending order, nulls last either way. {@code col("xs").list().sort(true)} */
    public Expression sort(boolean descending) { return call(ListFn.SORT, List.of(), descending); }

    /** The distinct non-null elements in the order they first appear. {@code col("tags").list().distinct()} */
    public Expression distinct() { return call(ListFn.DISTINCT, List.of()); }

    /**
     * Elements [start, end): 0-based, end exclusive, negative positions count from the end, both
     * clamped to the list (Daft's {@code list.slice}). {@code col("xs").list().slice(1, -1)}
     */
    public Expression slice(int start, int end) { return call(ListFn.SLICE, List.of(), start, end); }

    /** Elements from {@code start} to the end. {@code col("xs").list().slice(2)} */
    public Expression slice(int start) { return call(ListFn.SLICE, List.of(), start, Integer.MAX_VALUE); }

    /** A list of lists made one list; null inner lists are skipped. {@code col("xss").list().flatten()} */
    public Expression flatten() { return call(ListFn.FLATTEN, List.of()); }

    /** Number of non-null elements as int64. {@code col("xs").list().count()} */
    public Expression count() { return call(ListFn.COUNT, List.of()); }

    /** Mean of the non-null numeric elements as float64; null for none. {@code col("xs").list().mean()} */
    public Expression mean() { return call(ListFn.MEAN, List.of()); }
}
