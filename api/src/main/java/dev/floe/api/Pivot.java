package dev.floe.api;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.IfElse;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Table;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code groupBy(keys).pivot(column, values).agg(aggs)}, planned as Spark and Daft do: one
 * aggregation by the keys and the pivot column computes every aggregation once per (keys, value),
 * then a second by the keys alone moves each value's results into its own columns (the one row of
 * that value, {@code anyValue} of {@code if(pivot = value, result, null)}). Any aggregation works,
 * and a value a group does not have gives null in that group, also for counts (Spark's rule;
 * DuckDB's {@code PIVOT} counts 0 there).
 *
 * <pre>
 * Aggregate: any_value(if(__pivot = 'x', __pv0, null)) AS x, ... by k
 *   Aggregate: sum(v) AS __pv0 by k, b AS __pivot
 *     Scan: t
 * </pre>
 */
record Pivot(String column, List<Object> values) {
    /** Spark's {@code spark.sql.pivotMaxValues}: discovering more values than this is an error. */
    static final int MAX_VALUES = 10_000;

    Pivot {
        values = java.util.Collections.unmodifiableList(new ArrayList<>(values)); // may hold null
    }

    /** Checks the column and the values against {@code input}. */
    static Pivot of(DataFrame input, String column, List<?> values) {
        Schema in = input.schema();
        new Column(column).type(in);
        if (values.isEmpty()) {
            throw new PlanException("pivot(\"" + column + "\", values) needs at least one value; pivot(\"" + column
                    + "\") finds them");
        }
        Set<String> names = new HashSet<>();
        for (Object v : values) {
            if (!names.add(String.valueOf(v))) {
                throw new PlanException("pivot(\"" + column + "\", values) lists " + valueText(v)
                        + " twice; each value becomes a column, so list it once");
            }
            Expr match = match(new Column(column), v);
            try {
                match.type(in);
            } catch (PlanException e) {
                throw new PlanException("pivot value " + valueText(v) + " does not compare with column '" + column
                        + "' (" + in.field(in.indexOf(column)).type() + "): " + e.getMessage());
            }
        }
        return new Pivot(column, new ArrayList<Object>(values));
    }

    /**
     * The distinct values of the column in ascending order (nulls last), found by running a job
     * now, as Spark's {@code pivot(column)} does.
     */
    static Pivot discover(DataFrame input, String column) {
        new Column(column).type(input.schema());
        List<Object> values = new ArrayList<>();
        try (Table t = input.select(column).distinct().sort(column).limit(MAX_VALUES + 1L).toTable()) {
            for (List<Object> row : t.toRows()) {
                values.add(row.get(0));
            }
        }
        if (values.size() > MAX_VALUES) {
            throw new PlanException("pivot(\"" + column + "\") found more than " + MAX_VALUES
                    + " distinct values; filter the rows first or pass the values with pivot(\"" + column
                    + "\", List.of(...))");
        }
        if (values.isEmpty()) {
            throw new PlanException("pivot(\"" + column + "\") found no values: the input has no rows; pass the values"
                    + " with pivot(\"" + column + "\", List.of(...))");
        }
        return of(input, column, values);
    }

    private static String valueText(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    /** True where {@code pivot} holds {@code value} (null matches null). */
    private static Expr match(Expr pivot, Object value) {
        return value == null ? new Unary(UnaryOp.IS_NULL, pivot) : new Binary(BinaryOp.EQ, pivot, Functions.lit(value).node());
    }

    /** See the class comment. */
    DataFrame aggregate(DataFrame input, List<Expr> keys, Expression... aggregations) {
        if (aggregations.length == 0) {
            throw new PlanException("pivot(...).agg() needs at least one aggregation, e.g. agg(col(\"v\").sum())");
        }
        Set<String> taken = new HashSet<>(input.schema().names());
        keys.forEach(k -> taken.add(k.name()));
        String pivot = GroupingSets.fresh("__pivot", taken);
        List<Expr> byValue = new ArrayList<>(keys);
        byValue.add(new Alias(new Column(column), pivot));
        Expression[] results = new Expression[aggregations.length];
        List<String> hidden = new ArrayList<>();
        for (int j = 0; j < aggregations.length; j++) {
            Expr a = aggregations[j].node();
            if (!AggExpr.containsAgg(a)) {
                throw new PlanException(a.display() + " is not an aggregation: pivot(...).agg(...) takes aggregations such"
                        + " as col(\"v\").sum() or count()");
            }
            hidden.add(GroupingSets.fresh("__pv" + j, taken));
            results[j] = Expression.of(new Alias(a.unalias(), hidden.get(j)));
        }
        DataFrame perValue = input.aggregate(byValue, results);
        Schema schema = perValue.schema();

        List<Expr> outKeys = new ArrayList<>();
        for (Expr k : keys) {
            outKeys.add(new Column(k.name()));
        }
        List<Expression> columns = new ArrayList<>();
        for (Object v : values) {
            Expr match = match(new Column(pivot), v);
            for (int j = 0; j < aggregations.length; j++) {
                Column result = new Column(hidden.get(j));
                Expr picked = new IfElse(match, result, new Literal(null, result.type(schema)));
                String name = aggregations.length == 1 ? String.valueOf(v)
                        : v + "_" + aggregations[j].node().name();
                columns.add(Expression.of(new Alias(AggExpr.of(AggFunction.ANY_VALUE, picked), name)));
            }
        }
        return perValue.aggregate(outKeys, columns.toArray(new Expression[0]));
    }

    @Override
    public String toString() {
        return "pivot(" + column + ", " + Arrays.toString(values.toArray()) + ")";
    }
}
