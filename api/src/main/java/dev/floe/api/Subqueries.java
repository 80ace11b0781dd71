package dev.floe.api;

import dev.floe.api.expr.OuterColumn;
import dev.floe.api.expr.Subquery;
import dev.floe.api.types.DataType;

/**
 * Subqueries as expressions, for the SQL binder and for DataFrame code. The inner DataFrame may
 * read columns of the query it is used in through {@link #outer} (a correlated subquery). The
 * optimizer turns every subquery into joins (semi, anti, left joins with aggregates), so none runs
 * once per row; {@code explain()} shows the subquery plans before and the joins after.
 *
 * <pre>{@code
 * DataFrame lines = floe.readParquet("lineitem").where(col("l_orderkey").eq(outer("o_orderkey", DataType.int64()))
 *         .and(col("l_commitdate").lt(col("l_receiptdate"))));
 * orders.where(exists(lines));                                         // TPC-H Q4
 * partsupp.where(Subqueries.in(col("ps_partkey"), forestParts.select(col("p_partkey"))));  // TPC-H Q20
 * lineitem.where(col("l_quantity").lt(scalar(avgQuantityOfOuterPart)));  // TPC-H Q17
 * }</pre>
 */
public final class Subqueries {
    private Subqueries() {
    }

    /**
     * The value of the subquery's single column in its single row; null when it has no row, an error
     * naming the subquery when it has more than one. Its type is the column's type.
     */
    public static Expression scalar(DataFrame subquery) {
        return Expression.of(new Subquery(Subquery.Kind.SCALAR, subquery.plan(), null));
    }

    /** True when the subquery has at least one row (boolean, never null). */
    public static Expression exists(DataFrame subquery) {
        return Expression.of(new Subquery(Subquery.Kind.EXISTS, subquery.plan(), null));
    }

    /** {@code NOT EXISTS}: true when the subquery has no row. */
    public static Expression notExists(DataFrame subquery) {
        return exists(subquery).not();
    }

    /**
     * {@code probe IN (subquery)} with SQL's null semantics: true when a value of the subquery's one
     * column equals the probe (compared in their common type); otherwise null when the probe is null
     * and the subquery has rows, or when the subquery yields a null; otherwise false.
     */
    public static Expression in(Expression probe, DataFrame subquery) {
        return Expression.of(new Subquery(Subquery.Kind.IN, subquery.plan(), probe.node()));
    }

    /**
     * {@code probe NOT IN (subquery)}: {@code NOT} of {@link #in}, so a null in the subquery's result
     * makes it null (no row qualifies in WHERE), and a null probe qualifies only when the subquery is empty.
     */
    public static Expression notIn(Expression probe, DataFrame subquery) {
        return in(probe, subquery).not();
    }

    /**
     * A column of the query around the subquery, used inside the subquery's DataFrame (in where,
     * select, agg); {@code type} is that column's type, so the inner DataFrame type-checks on its own.
     */
    public static Expression outer(String name, DataType type) {
        return Expression.of(new OuterColumn(name, type));
    }
}
