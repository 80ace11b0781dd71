package dev.floe.api;

import dev.floe.api.expr.Expr;
import java.util.List;

/**
 * A DataFrame grouped by key expressions, waiting for aggregations. Output: the keys, then the
 * aggregations in argument order. After {@code rollup}, {@code cube} or {@code groupingSets} the
 * rows of each grouping set follow one another, and {@link Functions#grouping} and
 * {@link Functions#groupingId} tell them apart; after {@link #pivot} each pivot value has its
 * own columns.
 *
 * <pre>{@code df.groupBy("l_returnflag").agg(col("l_quantity").sum(), count())}</pre>
 */
public final class GroupedDataFrame {
    private final DataFrame input;
    private final List<Expr> keys;
    /** Grouping sets as indexes into {@code keys}; null for a plain groupBy. */
    private final List<List<Integer>> sets;
    /** Set by {@link #pivot}; null otherwise. */
    private final Pivot pivot;

    GroupedDataFrame(DataFrame input, List<Expr> keys) {
        this(input, keys, null, null);
    }

    GroupedDataFrame(DataFrame input, List<Expr> keys, List<List<Integer>> sets, Pivot pivot) {
        this.input = input;
        this.keys = List.copyOf(keys);
        this.sets = sets == null ? null : List.copyOf(sets);
        this.pivot = pivot;
    }

    /** {@code grouped.agg(col("v").sum().alias("total"), count())} */
    public DataFrame agg(Expression... aggregations) {
        if (sets != null) {
            return GroupingSets.aggregate(input, keys, sets, aggregations);
        }
        GroupingSets.rejectGrouping(aggregations);
        if (pivot != null) {
            return pivot.aggregate(input, keys, aggregations);
        }
        return input.aggregate(keys, aggregations);
    }

    /**
     * One output column per value (and aggregation) instead of one row: named {@code <value>} for
     * one aggregation and {@code <value>_<name>} for several; a group without rows of a value
     * gets null there (also for counts, as Spark). {@code df.groupBy("year").pivot("quarter", List.of(1, 2, 3, 4)).agg(col("sales").sum())}
     */
    public GroupedDataFrame pivot(String pivotColumn, List<?> values) {
        checkPivot();
        return new GroupedDataFrame(input, keys, null, Pivot.of(input, pivotColumn, values));
    }

    /**
     * Like {@link #pivot(String, List)} with the column's distinct values (ascending, null last),
     * which this call finds by running a job at once, as Spark does; at most 10,000 values. Pass
     * the values to avoid that job. {@code df.groupBy("year").pivot("quarter").agg(col("sales").sum())}
     */
    public GroupedDataFrame pivot(String pivotColumn) {
        checkPivot();
        return new GroupedDataFrame(input, keys, null, Pivot.discover(input, pivotColumn));
    }

    private void checkPivot() {
        if (sets != null) {
            throw new PlanException("pivot(...) follows groupBy(...) only, not rollup, cube or groupingSets (as in Spark)");
        }
        if (pivot != null) {
            throw new PlanException("pivot(...) is called once per groupBy(...); this one already pivots on "
                    + pivot.column());
        }
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
