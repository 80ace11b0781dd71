package dev.floe.api;

import dev.floe.api.expr.Coalesce;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.IfElse;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Udf;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Series;
import dev.floe.arrow.Values;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Expression builders: {@code import static dev.floe.api.Functions.*;}
 *
 * <pre>{@code df.where(col("o_totalprice").gt(lit(1000)))}</pre>
 */
public final class Functions {
    private Functions() {
    }

    /** A column of the input by name. {@code col("o_orderkey")} */
    public static Expression col(String name) {
        if (name == null) {
            throw new PlanException("col(name): the column name is null; pass the name of a column, e.g. col(\"o_orderkey\")");
        }
        return new Expression(new Column(name));
    }

    /**
     * A constant: Integer → int32, Long → int64, Double → float64, BigDecimal → decimal of its own
     * precision and scale, String → string, LocalDate → date, null → nullType, and the other
     * classes of API.md. {@code lit(1000)}
     */
    public static Expression lit(Object value) {
        if (value instanceof Expression e) {
            return e;
        }
        DataType type;
        try {
            type = Values.typeOf(value);
        } catch (IllegalArgumentException e) {
            throw new PlanException("lit() does not accept " + value.getClass().getName() + " (" + value + "): "
                    + e.getMessage());
        }
        return new Expression(new Literal(value, type));
    }

    /** Number of rows, nulls included; named {@code count}. {@code df.groupBy("k").agg(count())} */
    public static Expression count() {
        return Expression.of(new dev.floe.api.expr.AggExpr(dev.floe.arrow.kernels.agg.AggFunction.COUNT_ALL, null, 1));
    }

    /**
     * Sample covariance (n - 1) of two numeric expressions as float64, over the rows where both are
     * non-null; null below two such rows. {@code df.groupBy("k").agg(covariance(col("x"), col("y")))}
     */
    public static Expression covariance(Expression a, Expression b) {
        return Expression.of(new dev.floe.api.expr.AggExpr(dev.floe.arrow.kernels.agg.AggFunction.COVARIANCE,
                a.node(), b.node(), dev.floe.arrow.kernels.agg.AggOptions.DEFAULT));
    }

    /**
     * Pearson correlation of two numeric expressions as float64, over the rows where both are
     * non-null; null without such a row, NaN when either side is constant (as DuckDB's {@code corr}).
     * {@code df.agg(correlation(col("x"), col("y")))}
     */
    public static Expression correlation(Expression a, Expression b) {
        return Expression.of(new dev.floe.api.expr.AggExpr(dev.floe.arrow.kernels.agg.AggFunction.CORRELATION,
                a.node(), b.node(), dev.floe.arrow.kernels.agg.AggOptions.DEFAULT));
    }

    // ---- window functions (use with .over(window)) -----------------------------------------------

    private static Expression window(dev.floe.api.expr.WindowOp op, Expression input, Expression dflt, long param) {
        return new Expression(new dev.floe.api.expr.WindowFunction(op, input == null ? null : input.node(),
                dflt == null ? null : dflt.node(), param));
    }

    /** 1, 2, 3, ... within the partition in the window's order (ties in any order); int64. {@code rowNumber().over(w)} */
    public static Expression rowNumber() { return window(dev.floe.api.expr.WindowOp.ROW_NUMBER, null, null, 0); }

    /** 1 + the number of rows before the row's peers (gaps after ties); int64. {@code rank().over(w)} */
    public static Expression rank() { return window(dev.floe.api.expr.WindowOp.RANK, null, null, 0); }

    /** 1 + the number of distinct order keys before the row (no gaps); int64. */
    public static Expression denseRank() { return window(dev.floe.api.expr.WindowOp.DENSE_RANK, null, null, 0); }

    /** (rank - 1) / (partition rows - 1), 0 for a one-row partition; float64. */
    public static Expression percentRank() { return window(dev.floe.api.expr.WindowOp.PERCENT_RANK, null, null, 0); }

    /** (rows up to and including the row's last peer) / (partition rows); float64. */
    public static Expression cumeDist() { return window(dev.floe.api.expr.WindowOp.CUME_DIST, null, null, 0); }

    /** The bucket 1..n of the row when the partition is split into n buckets as even as possible (first ones larger); int64. */
    public static Expression ntile(int n) { return window(dev.floe.api.expr.WindowOp.NTILE, null, null, n); }

    /** The value one row before in the window's order, null for the first row. {@code lag(col("price")).over(w)} */
    public static Expression lag(Expression input) { return lag(input, 1); }

    /** The value {@code offset} rows before, null where there is none. */
    public static Expression lag(Expression input, int offset) { return window(dev.floe.api.expr.WindowOp.LAG, input, null, offset); }

    /** The value {@code offset} rows before, {@code defaultValue} (cast to the input's type) where there is none. */
    public static Expression lag(Expression input, int offset, Expression defaultValue) {
        return window(dev.floe.api.expr.WindowOp.LAG, input, defaultValue, offset);
    }

    /** The value one row after in the window's order, null for the last row. */
    public static Expression lead(Expression input) { return lead(input, 1); }

    /** The value {@code offset} rows after, null where there is none. */
    public static Expression lead(Expression input, int offset) { return window(dev.floe.api.expr.WindowOp.LEAD, input, null, offset); }

    /** The value {@code offset} rows after, {@code defaultValue} (cast to the input's type) where there is none. */
    public static Expression lead(Expression input, int offset, Expression defaultValue) {
        return window(dev.floe.api.expr.WindowOp.LEAD, input, defaultValue, offset);
    }

    /** The value of the frame's first row (null if that value is null, or the frame is empty). */
    public static Expression firstValue(Expression input) { return window(dev.floe.api.expr.WindowOp.FIRST_VALUE, input, null, 0); }

    /** The value of the frame's last row; with the default frame that is the current row's last peer. */
    public static Expression lastValue(Expression input) { return window(dev.floe.api.expr.WindowOp.LAST_VALUE, input, null, 0); }

    /** The value of the frame's n-th row (from 1), null when the frame is shorter. */
    public static Expression nthValue(Expression input, int n) { return window(dev.floe.api.expr.WindowOp.NTH_VALUE, input, null, n); }

    /** {@code ifElse(col("a").gt(0), col("a"), lit(0))} */
    public static Expression ifElse(Expression predicate, Object then, Object otherwise) {
        return new Expression(new IfElse(predicate.node(), Expression.toExpr(then), Expression.toExpr(otherwise)));
    }

    /** {@code when(col("a").gt(0)).then("pos").otherwise("non-pos")} */
    public static When when(Expression predicate) {
        return new When(List.of(), predicate);
    }

    /** The first non-null argument. {@code coalesce(col("a"), col("b"), lit(0))} */
    public static Expression coalesce(Expression... args) {
        List<Expr> nodes = new ArrayList<>(args.length);
        for (Expression a : args) {
            nodes.add(a.node());
        }
        return new Expression(new Coalesce(nodes));
    }

    /**
     * A vectorized user-defined function: {@code fn} gets one {@link Series} per argument for a
     * whole batch and returns a Series of {@code returnType} with one value per row. The input
     * Series are valid only during the call; Floe takes ownership of the returned Series (build it
     * with {@code Series.of}, or return an input). {@code fn} is serialized and shipped to the
     * TaskManagers, so it may capture only serializable values (checked here: otherwise a
     * {@link PlanException} names the captured class). A failure becomes an
     * {@link ExecutionException} naming the UDF and the batch's first row.
     *
     * <pre>{@code udf("plus_one", DataType.int64(), in -> plusOne(in[0]), col("a"))}</pre>
     */
    public static Expression udf(String name, DataType returnType, SerializableFunction<Series[], Series> fn,
            Expression... args) {
        Udf udf = new Udf(checkedName(name, returnType, fn), returnType, fn, null, nodes(args));
        requireSerializable(name, fn);
        return new Expression(udf);
    }

    /**
     * A row-wise user-defined function: {@code fn} gets the row's argument values as Java objects
     * (the classes of {@code Table.get}; null for null) and returns a value of {@code returnType}'s
     * class or null. Boxes every value: a convenience for code that is not on a hot path.
     * Failures name the UDF, the row and its argument values.
     *
     * <pre>{@code udfRow("initials", DataType.string(), row -> ((String) row[0]).substring(0, 1), col("name"))}</pre>
     */
    public static Expression udfRow(String name, DataType returnType, SerializableFunction<Object[], Object> fn,
            Expression... args) {
        Udf udf = new Udf(checkedName(name, returnType, fn), returnType, null, fn, nodes(args));
        requireSerializable(name, fn);
        return new Expression(udf);
    }

    private static List<Expr> nodes(Expression... args) {
        List<Expr> nodes = new ArrayList<>(args.length);
        for (Expression a : args) {
            nodes.add(a.node());
        }
        return nodes;
    }

    private static String checkedName(String name, DataType returnType, Object fn) {
        if (name == null) {
            throw new PlanException("A UDF needs a non-null name (it names the UDF in plans and errors)");
        }
        if (returnType == null) {
            throw new PlanException("UDF '" + name + "': the return type is null; declare the type it produces, "
                    + "e.g. DataType.int64()");
        }
        if (fn == null) {
            throw new PlanException("UDF '" + name + "': the function is null");
        }
        return name;
    }

    /**
     * The function travels to the TaskManagers by Java serialization; trying it here fails at the
     * user's line, naming the UDF and the captured class that is not serializable, instead of
     * when an action runs.
     */
    private static void requireSerializable(String name, Object fn) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(fn);
        } catch (NotSerializableException e) {
            throw new PlanException("UDF '" + name + "' cannot be shipped to the TaskManagers: its function "
                    + "captures a " + e.getMessage() + ", which is not Serializable. Capture only serializable "
                    + "values (copy what the function needs into local variables), create the object inside the "
                    + "function, or make " + e.getMessage() + " Serializable", e);
        } catch (IOException | RuntimeException e) {
            throw new PlanException("UDF '" + name + "' cannot be serialized to ship it to the TaskManagers: " + e, e);
        }
    }

    /**
     * The string arguments concatenated; any null argument gives null (like SQL {@code ||}).
     * {@code concatStr(col("first"), lit(" "), col("last"))}
     */
    public static Expression concatStr(Expression... args) {
        if (args.length == 0) {
            throw new PlanException("concatStr needs at least one argument");
        }
        Expression out = args[0];
        if (args.length == 1) {
            // type-checks the single argument as a string and passes it through
            return out.str().concat(lit(""));
        }
        for (int i = 1; i < args.length; i++) {
            out = out.str().concat(args[i]);
        }
        return out;
    }

    /** A chain of {@code when(...).then(...)} branches; finish with {@code otherwise}. */
    public static final class When {
        private final List<Expr[]> branches;
        private final Expression pending;

        private When(List<Expr[]> branches, Expression pending) {
            this.branches = branches;
            this.pending = pending;
        }

        public Branch then(Object value) {
            List<Expr[]> next = new ArrayList<>(branches);
            next.add(new Expr[] {pending.node(), Expression.toExpr(value)});
            return new Branch(next);
        }
    }

    /** A complete {@code when ... then} chain. */
    public static final class Branch {
        private final List<Expr[]> branches;

        private Branch(List<Expr[]> branches) {
            this.branches = branches;
        }

        public When when(Expression predicate) {
            return new When(branches, predicate);
        }

        public Expression otherwise(Object value) {
            Expr out = Expression.toExpr(value);
            for (int i = branches.size() - 1; i >= 0; i--) {
                out = new IfElse(branches.get(i)[0], branches.get(i)[1], out);
            }
            return new Expression(out);
        }
    }

    /**
     * In the {@code agg} of {@code rollup}, {@code cube} or {@code groupingSets}: 1 (int32) when the
     * row's grouping set rolls {@code key} up (its null is not a value), 0 when it groups by it;
     * named {@code grouping(key)}. {@code df.rollup(col("a")).agg(col("v").sum(), grouping(col("a")))}
     */
    public static Expression grouping(Expression key) {
        return Expression.of(new dev.floe.api.expr.Grouping(key.node()));
    }

    /**
     * In the {@code agg} of {@code rollup}, {@code cube} or {@code groupingSets}: the int64 whose
     * bits are {@code grouping(k)} of every grouping key, the first key highest (Spark's
     * {@code grouping_id()}); named {@code grouping_id()}. {@code df.cube(col("a"), col("b")).agg(count(), groupingId())}
     */
    public static Expression groupingId() {
        return Expression.of(dev.floe.api.expr.Grouping.id());
    }

    /**
     * One SQL expression as an {@link Expression}, for SQL snippets in the DataFrame API. Its column
     * names resolve when the expression is used, as {@link #col} does: a name matches the column
     * spelled the same (double quotes for names that are not plain identifiers); an {@code AS}
     * alias names the result. Needs {@code floe-sql} on the class path (the translator brings it).
     * {@code df.select(sqlExpr("a + b * 2 AS c"))}, {@code df.where(sqlExpr("price BETWEEN 1 AND 10"))}
     */
    public static Expression sqlExpr(String sql) {
        if (sql == null) {
            throw new PlanException("sqlExpr(sql): the SQL text is null; pass an expression, e.g. sqlExpr(\"a + 1\")");
        }
        return SqlExpressionParsers.get().parse(sql);
    }

    // ---- functions people look for (issue 15): FunctionCall families ------------------------------

    private static Expression call(dev.floe.api.expr.ScalarFn fn, List<Expr> args, Object... params) {
        return new Expression(new dev.floe.api.expr.FunctionCall(fn, args, List.of(params)));
    }

    /**
     * The non-null string arguments joined with {@code separator}; null arguments are skipped
     * (Spark's and DuckDB's {@code concat_ws}). {@code concatWs("-", col("y"), col("m"), col("d"))}
     */
    public static Expression concatWs(String separator, Expression... args) {
        if (separator == null) {
            throw new PlanException("concatWs needs a separator, got null; use \"\" for none");
        }
        if (args.length == 0) {
            throw new PlanException("concatWs needs at least one string argument");
        }
        return call(dev.floe.api.expr.StringFn.CONCAT_WS, nodes(args), separator);
    }

    /**
     * The largest non-null argument in their common type; null only when all are null (Spark,
     * DuckDB). {@code greatest(col("a"), col("b"), lit(0))}
     */
    public static Expression greatest(Expression... args) {
        return call(dev.floe.api.expr.MathFn.GREATEST, nodes(args));
    }

    /** The smallest non-null argument in their common type. {@code least(col("a"), col("b"))} */
    public static Expression least(Expression... args) {
        return call(dev.floe.api.expr.MathFn.LEAST, nodes(args));
    }

    /**
     * Days from {@code start} to {@code end} as int64 (timestamps count by their dates; Spark's
     * {@code datediff(end, start)}). {@code dateDiff(col("shipped"), col("ordered"))}
     */
    public static Expression dateDiff(Expression end, Expression start) {
        return call(dev.floe.api.expr.DateFn.DATE_DIFF, nodes(end, start));
    }

    /**
     * Months from {@code start} to {@code end} as float64 (Spark's {@code months_between}: whole
     * when the days of the month match or both are month ends, else the rest over 31 days, rounded
     * to 8 decimals). {@code monthsBetween(col("end"), col("start"))}
     */
    public static Expression monthsBetween(Expression end, Expression start) {
        return call(dev.floe.api.expr.DateFn.MONTHS_BETWEEN, nodes(end, start));
    }

    /** Whole seconds since the epoch as a timestamp(us, UTC). {@code fromUnixTime(col("epoch"))} */
    public static Expression fromUnixTime(Expression seconds) {
        return call(dev.floe.api.expr.DateFn.FROM_UNIXTIME, nodes(seconds));
    }

    /**
     * Whole seconds since the epoch formatted in UTC with a date pattern (Spark's
     * {@code from_unixtime(s, fmt)}); a string. {@code fromUnixTime(col("epoch"), "yyyy-MM-dd HH:mm:ss")}
     */
    public static Expression fromUnixTime(Expression seconds, String pattern) {
        return fromUnixTime(seconds).dt().dateFormat(pattern);
    }

    /** Today's date in UTC, fixed when the expression is built; named {@code current_date}. {@code currentDate()} */
    public static Expression currentDate() {
        return lit(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).alias("current_date");
    }

    /** The current instant as timestamp(us, UTC), fixed when the expression is built; named {@code now}. {@code now()} */
    public static Expression now() {
        java.time.Instant t = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return new Expression(new Literal(t, DataType.timestamp(dev.floe.api.types.TimeUnit.MICROSECOND, "UTC"))).alias("now");
    }

    /** Spark's {@code get_json_object}: {@code json.str().jsonExtract(path)}. {@code getJsonObject(col("payload"), "$.user.id")} */
    public static Expression getJsonObject(Expression json, String path) {
        return json.str().jsonExtract(path);
    }

    // ---- values that depend on the row's place (Nondeterministic) ---------------------------------

    /**
     * Uniform pseudo-random float64 in [0, 1), never null (Spark's {@code rand(seed)}). Each parallel
     * instance draws its own stream from the seed and its index, and each row the value at its
     * position there: the same plan at the same parallelism over rows in the same order gives the same
     * values (another parallelism or row order gives others). Named {@code rand}. As a sort, group,
     * repartition or join key it is computed once per row in a projection first, as a select would;
     * a join condition refuses it (compute a column first). {@code rand(42)}
     */
    public static Expression rand(long seed) {
        return new Expression(new dev.floe.api.expr.Nondeterministic(dev.floe.api.expr.Nondeterministic.Op.RAND, seed));
    }

    /** {@link #rand(long)} with a seed drawn when the expression is built (shown by explain). {@code rand()} */
    public static Expression rand() {
        return rand(new java.util.SplittableRandom().nextLong());
    }

    /** Standard normal pseudo-random float64 (mean 0, variance 1), as {@link #rand(long)} otherwise. {@code randn(7)} */
    public static Expression randn(long seed) {
        return new Expression(new dev.floe.api.expr.Nondeterministic(dev.floe.api.expr.Nondeterministic.Op.RANDN, seed));
    }

    /** {@link #randn(long)} with a seed drawn when the expression is built. {@code randn()} */
    public static Expression randn() {
        return randn(new java.util.SplittableRandom().nextLong());
    }

    /**
     * Spark's {@code monotonically_increasing_id()}: int64, the parallel instance's index in the upper
     * 31 bits and the row's position within that instance in the lower 33 bits. Unique and increasing
     * within a partition, unique across partitions, not consecutive; which row gets which id follows
     * the same determinism as {@link #rand(long)}. Named {@code monotonically_increasing_id}.
     * {@code df.withColumn("id", monotonicallyIncreasingId())}
     */
    public static Expression monotonicallyIncreasingId() {
        return new Expression(new dev.floe.api.expr.Nondeterministic(
                dev.floe.api.expr.Nondeterministic.Op.MONOTONICALLY_INCREASING_ID, 0));
    }

    /**
     * A map from a list of keys and a list of values paired by position (Spark's
     * {@code map_from_arrays}, DuckDB's {@code map(keys, values)}): null when either list is null;
     * a null key, a repeated key or lists of different lengths fail the query naming the row.
     * {@code mapFromArrays(col("names"), col("scores"))}
     */
    public static Expression mapFromArrays(Expression keys, Expression values) {
        return call(dev.floe.api.expr.MapFn.FROM_ARRAYS, nodes(keys, values));
    }
}
