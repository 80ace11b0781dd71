package dev.floe.api;

import dev.floe.api.expr.Expr;
import java.util.List;

/**
 * A DataFrame grouped by key expressions, waiting for aggregations. Output: the keys, then the
 * aggregations in argument order.
 *
 * <pre>{@code df.groupBy("l_returnflag").agg(col("l_quantity").sum(), count())}</pre>
 */
public final class GroupedDataFrame {
    private final DataFrame input;
    private final List<Expr> keys;

    GroupedDataFrame(DataFrame input, List<Expr> keys) {
        this.input = input;
        this.keys = List.copyOf(keys);
    }

    /** {@code grouped.agg(col("v").sum().alias("total"), count())} */
    public DataFrame agg(Expression... aggregations) {
        return input.aggregate(keys, aggregations);
    }

    /** Rows per group, as a column named {@code count}. */
    public DataFrame count() {
        return agg(Functions.count());
    }

    /** {@code grouped.sum("a", "b")} */
    public DataFrame sum(String... columns) {
        return agg(each(columns, Expression::sum));
    }

    public DataFrame mean(String... columns) {
        return agg(each(columns, Expression::mean));
    }

    public DataFrame min(String... columns) {
        return agg(each(columns, Expression::min));
    }

    public DataFrame max(String... columns) {
        return agg(each(columns, Expression::max));
    }

    private static Expression[] each(String[] columns, java.util.function.UnaryOperator<Expression> f) {
        Expression[] out = new Expression[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = f.apply(Functions.col(columns[i]));
        }
        return out;
    }
}
