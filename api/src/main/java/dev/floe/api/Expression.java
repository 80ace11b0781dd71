package dev.floe.api;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Between;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.FillNull;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Round;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import dev.floe.api.types.DataType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column expression, built with {@link Functions} and combined with the methods here. Nothing
 * is evaluated until an action runs; types resolve when the expression is used in a DataFrame.
 *
 * <pre>{@code col("o_totalprice").gt(lit(1000)).and(col("o_orderstatus").eq(lit("F")))}</pre>
 *
 * Methods taking {@code Object} accept an {@code Expression} or a Java value (wrapped with
 * {@link Functions#lit}).
 */
public final class Expression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Expr node;

    Expression(Expr node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Wraps an IR node (for planners and tests). */
    public static Expression of(Expr node) {
        return new Expression(node);
    }

    /** The IR node. */
    public Expr node() {
        return node;
    }

    static Expr toExpr(Object o) {
        if (o instanceof Expression e) {
            return e.node;
        }
        return Functions.lit(o).node;
    }

    private Expression binary(BinaryOp op, Object other) {
        return new Expression(new Binary(op, node, toExpr(other)));
    }

    private Expression unary(UnaryOp op) {
        return new Expression(new Unary(op, node));
    }

    // ---- arithmetic ------------------------------------------------------------------------

    /** {@code col("a").add(1)} */
    public Expression add(Object other) { return binary(BinaryOp.ADD, other); }

    /** {@code col("a").sub(col("b"))} */
    public Expression sub(Object other) { return binary(BinaryOp.SUB, other); }

    /** {@code col("price").mul(col("qty"))} */
    public Expression mul(Object other) { return binary(BinaryOp.MUL, other); }

    /** True division; integer or decimal operands give float64. {@code col("a").div(2)} */
    public Expression div(Object other) { return binary(BinaryOp.DIV, other); }

    /** Remainder with the sign of the dividend; integer mod by zero gives null. {@code col("a").mod(3)} */
    public Expression mod(Object other) { return binary(BinaryOp.MOD, other); }

    /** Division rounded toward negative infinity, keeping the integer type. {@code col("a").floorDiv(2)} */
    public Expression floorDiv(Object other) { return binary(BinaryOp.FLOOR_DIV, other); }

    /** {@code col("a").neg()} */
    public Expression neg() { return unary(UnaryOp.NEG); }

    // ---- comparison ------------------------------------------------------------------------

    /** {@code col("status").eq("F")} */
    public Expression eq(Object other) { return binary(BinaryOp.EQ, other); }

    /** {@code col("status").neq("F")} */
    public Expression neq(Object other) { return binary(BinaryOp.NEQ, other); }

    /** {@code col("a").lt(10)} */
    public Expression lt(Object other) { return binary(BinaryOp.LT, other); }

    /** {@code col("a").le(10)} */
    public Expression le(Object other) { return binary(BinaryOp.LE, other); }

    /** {@code col("a").gt(10)} */
    public Expression gt(Object other) { return binary(BinaryOp.GT, other); }

    /** {@code col("a").ge(10)} */
    public Expression ge(Object other) { return binary(BinaryOp.GE, other); }

    /** Equality where null equals null (never null itself). {@code col("a").eqNullSafe(col("b"))} */
    public Expression eqNullSafe(Object other) { return binary(BinaryOp.EQ_NULL_SAFE, other); }

    /** Inclusive range. {@code col("d").between(LocalDate.of(1994,1,1), LocalDate.of(1994,12,31))} */
    public Expression between(Object lower, Object upper) {
        return new Expression(new Between(node, toExpr(lower), toExpr(upper)));
    }

    /** Membership in a list of values. {@code col("mode").isIn("MAIL", "SHIP")} */
    public Expression isIn(Object... values) {
        List<Literal> lits = new ArrayList<>(values.length);
        for (Object v : values) {
            Expr e = toExpr(v);
            if (!(e instanceof Literal l)) {
                throw new PlanException("isIn takes literal values, got " + e.display());
            }
            lits.add(l);
        }
        return new Expression(new IsIn(node, lits));
    }

    // ---- boolean ---------------------------------------------------------------------------

    /** Kleene AND: false wins over null. {@code a.and(b)} */
    public Expression and(Object other) { return binary(BinaryOp.AND, other); }

    /** Kleene OR: true wins over null. {@code a.or(b)} */
    public Expression or(Object other) { return binary(BinaryOp.OR, other); }

    /** {@code col("flag").not()} */
    public Expression not() { return unary(UnaryOp.NOT); }

    // ---- nulls -----------------------------------------------------------------------------

    /** {@code col("a").isNull()} */
    public Expression isNull() { return unary(UnaryOp.IS_NULL); }

    /** {@code col("a").notNull()} */
    public Expression notNull() { return unary(UnaryOp.NOT_NULL); }

    /** Replaces nulls. {@code col("a").fillNull(0)} */
    public Expression fillNull(Object value) { return new Expression(new FillNull(node, toExpr(value))); }

    // ---- naming and types ------------------------------------------------------------------

    /** Names the result. {@code col("a").add(1).alias("a_plus_1")} */
    public Expression alias(String name) { return new Expression(new Alias(node, name)); }

    /** Converts; a value that does not convert fails the job. {@code col("s").cast(DataType.int64())} */
    public Expression cast(DataType type) { return new Expression(new Cast(node, type, false)); }

    /** Converts; a value that does not convert becomes null. {@code col("s").tryCast(DataType.int64())} */
    public Expression tryCast(DataType type) { return new Expression(new Cast(node, type, true)); }

    // ---- math ------------------------------------------------------------------------------

    /** {@code col("a").abs()} */
    public Expression abs() { return unary(UnaryOp.ABS); }

    /**
     * Rounds half away from zero; keeps the input type. {@code col("price").round(2)}. A decimal(p, s)
     * stays decimal(p, s), the rounded value at scale s (round(1.257, 2) = 1.260); a value whose carry
     * does not fit p digits (round(9.995, 2) in decimal(4, 3) is 10.000) is an error naming the expression
     * and the row, never an out-of-range value: cast to a wider decimal first. An integer rounded to
     * tens that leaves its type is an error too.
     */
    public Expression round(int decimals) { return new Expression(new Round(node, decimals)); }

    /** {@code col("price").round()} rounds to an integer value. */
    public Expression round() { return round(0); }

    /**
     * {@code col("a").ceil()}; keeps the input type: a decimal(p, s) gives decimal(p, s) (ceil(1.25) = 2.00),
     * and a value whose carry does not fit p digits (ceil(9.01) in decimal(3, 2)) is an error naming the
     * expression and the row: cast to a wider decimal first.
     */
    public Expression ceil() { return unary(UnaryOp.CEIL); }

    /**
     * {@code col("a").floor()}; keeps the input type: a decimal(p, s) gives decimal(p, s) (floor(-1.25) = -2.00),
     * and a value whose carry does not fit p digits (floor(-9.59) in decimal(3, 2)) is an error naming the
     * expression and the row: cast to a wider decimal first.
     */
    public Expression floor() { return unary(UnaryOp.FLOOR); }

    /** NaN for negatives. {@code col("a").sqrt()} */
    public Expression sqrt() { return unary(UnaryOp.SQRT); }

    /** {@code col("a").exp()} */
    public Expression exp() { return unary(UnaryOp.EXP); }

    /** Natural logarithm; NaN for negatives. {@code col("a").log()} */
    public Expression log() { return unary(UnaryOp.LOG); }

    /** -1, 0 or 1. {@code col("a").sign()} */
    public Expression sign() { return unary(UnaryOp.SIGN); }

    // ---- namespaces ------------------------------------------------------------------------

    /** String functions. {@code col("name").str().upper()} */
    public StringExpressions str() { return new StringExpressions(node); }

    /** Date and timestamp functions. {@code col("o_orderdate").dt().year()} */
    public TemporalExpressions dt() { return new TemporalExpressions(node); }

    /** List functions. {@code col("tags").list().length()} */
    public ListExpressions list() { return new ListExpressions(node); }

    /** Struct functions. {@code col("address").struct().get("city")} */
    public StructExpressions struct() { return new StructExpressions(node); }

    /** Map functions. {@code col("attrs").map().get(lit("color"))} */
    public MapExpressions map() { return new MapExpressions(node); }

    /**
     * A 64-bit hash of the value as uint64 (Floe's shuffle hash: stable across runs, null hashes
     * to a fixed value, values differ from other engines'). {@code col("user_id").hash()}
     */
    public Expression hash() { return new Expression(new dev.floe.api.expr.Hash(node)); }

    // ---- aggregations (inside agg(...) or groupBy(...).agg(...)) -----------------------------

    private Expression agg(dev.floe.arrow.kernels.agg.AggFunction f) {
        return new Expression(dev.floe.api.expr.AggExpr.of(f, node));
    }

    /**
     * Sum; integers give int64 (overflow fails the job), floats float64, decimal(p, s) decimal(38, s),
     * booleans int64 = the number of true values (as DuckDB's {@code sum(bool)}). Nulls are skipped; a
     * group with no non-null value gives null. Any other input type (strings, dates, an all-null
     * column of type null, ...) is a {@link PlanException} when the DataFrame is built.
     * {@code col("qty").sum()}, {@code col("shipped").sum()}
     */
    public Expression sum() { return agg(dev.floe.arrow.kernels.agg.AggFunction.SUM); }

    /** Arithmetic mean as float64. {@code col("price").mean()} */
    public Expression mean() { return agg(dev.floe.arrow.kernels.agg.AggFunction.MEAN); }

    /** Smallest value (keeps the type). {@code col("d").min()} */
    public Expression min() { return agg(dev.floe.arrow.kernels.agg.AggFunction.MIN); }

    /** Largest value (keeps the type). {@code col("d").max()} */
    public Expression max() { return agg(dev.floe.arrow.kernels.agg.AggFunction.MAX); }

    /** Number of non-null values. {@code col("a").count()} */
    public Expression count() { return agg(dev.floe.arrow.kernels.agg.AggFunction.COUNT); }

    /** Number of distinct non-null values. {@code col("a").countDistinct()} */
    public Expression countDistinct() { return agg(dev.floe.arrow.kernels.agg.AggFunction.COUNT_DISTINCT); }

    /** Any non-null value of the group. {@code col("name").anyValue()} */
    public Expression anyValue() { return agg(dev.floe.arrow.kernels.agg.AggFunction.ANY_VALUE); }

    /** The group's values as a list (nulls kept, order unspecified). {@code col("a").aggList()} */
    public Expression aggList() { return agg(dev.floe.arrow.kernels.agg.AggFunction.AGG_LIST); }

    /** Sample standard deviation (ddof = 1). {@code col("a").stddev()} */
    public Expression stddev() { return stddev(1); }

    /** Standard deviation with the given delta degrees of freedom (0 = population). */
    public Expression stddev(int ddof) {
        return new Expression(new dev.floe.api.expr.AggExpr(dev.floe.arrow.kernels.agg.AggFunction.STDDEV, node, ddof));
    }

    /** Sample variance (ddof = 1). {@code col("a").variance()} */
    public Expression variance() { return variance(1); }

    /** Variance with the given delta degrees of freedom (0 = population). */
    public Expression variance(int ddof) {
        return new Expression(new dev.floe.api.expr.AggExpr(dev.floe.arrow.kernels.agg.AggFunction.VARIANCE, node, ddof));
    }

    private Expression agg(dev.floe.arrow.kernels.agg.AggFunction f, dev.floe.arrow.kernels.agg.AggOptions options) {
        return new Expression(dev.floe.api.expr.AggExpr.of(f, node, options));
    }

    private static dev.floe.arrow.kernels.agg.AggOptions fractions(String method, double... p) {
        if (p == null || p.length == 0) {
            throw new PlanException(method + " needs at least one fraction in [0, 1], e.g. " + method + "(0.5)");
        }
        List<Double> list = new ArrayList<>(p.length);
        for (double x : p) {
            if (!(x >= 0 && x <= 1)) {
                throw new PlanException(method + " fractions must be in [0, 1], got " + x + " in " + method
                        + java.util.Arrays.toString(p) + "; write 0.9 for the 90th percentile");
            }
            list.add(x);
        }
        return dev.floe.arrow.kernels.agg.AggOptions.fractions(list);
    }

    /**
     * The value of the group's first row, null if that row's value is null (keeps the type). Without
     * a sort the first row is whichever arrives first: any row at parallelism above 1.
     * {@code col("name").first()}
     */
    public Expression first() { return first(false); }

    /** The first value; with {@code ignoreNulls} the first non-null one (null when there is none). {@code col("name").first(true)} */
    public Expression first(boolean ignoreNulls) {
        return agg(dev.floe.arrow.kernels.agg.AggFunction.FIRST, dev.floe.arrow.kernels.agg.AggOptions.ignoreNulls(ignoreNulls));
    }

    /** The value of the group's last row (arrival order, as {@link #first()}). {@code col("name").last()} */
    public Expression last() { return last(false); }

    /** The last value; with {@code ignoreNulls} the last non-null one. {@code col("name").last(true)} */
    public Expression last(boolean ignoreNulls) {
        return agg(dev.floe.arrow.kernels.agg.AggFunction.LAST, dev.floe.arrow.kernels.agg.AggOptions.ignoreNulls(ignoreNulls));
    }

    /**
     * Exact median of a numeric column as float64, the mean of the two middle values for an even
     * count (DuckDB's {@code median}); nulls skipped, null without a value. Keeps every value of a
     * group in memory. {@code col("price").median()}
     */
    public Expression median() { return agg(dev.floe.arrow.kernels.agg.AggFunction.MEDIAN); }

    /**
     * Exact percentiles with linear interpolation (DuckDB's {@code quantile_cont}): one fraction
     * gives float64, several a list(float64) in the order given; nulls skipped, null without a
     * value. {@code col("latency").percentile(0.5, 0.9, 0.99)}
     */
    public Expression percentile(double... p) {
        return agg(dev.floe.arrow.kernels.agg.AggFunction.PERCENTILE, fractions("percentile", p));
    }

    /**
     * Approximate number of distinct non-null values (int64) from an HLL sketch (Apache
     * DataSketches, lgK 14): relative standard error 0.8%, within 2% of the exact count with about
     * 98% confidence, exact for small groups. {@code col("user_id").approxCountDistinct()}
     */
    public Expression approxCountDistinct() { return agg(dev.floe.arrow.kernels.agg.AggFunction.APPROX_COUNT_DISTINCT); }

    /**
     * Approximate percentiles from a KLL sketch (Apache DataSketches, k 200; rank error about 1.3%):
     * each result is a value of the group whose rank is near p, float64 (a list for several p).
     * {@code col("latency").approxPercentile(0.5, 0.99)}
     */
    public Expression approxPercentile(double... p) {
        return agg(dev.floe.arrow.kernels.agg.AggFunction.APPROX_PERCENTILE, fractions("approxPercentile", p));
    }

    /** True when every non-null boolean is true; null without one. {@code col("shipped").boolAnd()} */
    public Expression boolAnd() { return agg(dev.floe.arrow.kernels.agg.AggFunction.BOOL_AND); }

    /** True when any non-null boolean is true; null without one. {@code col("late").boolOr()} */
    public Expression boolOr() { return agg(dev.floe.arrow.kernels.agg.AggFunction.BOOL_OR); }

    /** The number of true values of a boolean as int64 (0 without one). {@code col("price").gt(100).countIf()} */
    public Expression countIf() { return agg(dev.floe.arrow.kernels.agg.AggFunction.COUNT_IF); }

    /**
     * The distinct non-null values as a list (order unspecified); a group with only nulls gives an
     * empty list. {@code col("tag").aggSet()}
     */
    public Expression aggSet() { return agg(dev.floe.arrow.kernels.agg.AggFunction.AGG_SET); }

    /**
     * The non-null strings joined with {@code separator} (order unspecified); null without one.
     * {@code col("name").stringAgg(", ")}
     */
    public Expression stringAgg(String separator) {
        if (separator == null) {
            throw new PlanException("stringAgg needs a separator; use \"\" to join without one");
        }
        return agg(dev.floe.arrow.kernels.agg.AggFunction.STRING_AGG, dev.floe.arrow.kernels.agg.AggOptions.separator(separator));
    }

    /** The non-null strings concatenated without a separator (Daft's agg_concat). {@code col("s").aggConcat()} */
    public Expression aggConcat() { return stringAgg(""); }

    /** Product of the non-null values as float64; null without one. {@code col("growth").product()} */
    public Expression product() { return agg(dev.floe.arrow.kernels.agg.AggFunction.PRODUCT); }

    /**
     * Sample skewness as float64, bias-corrected as DuckDB's {@code skewness} (Spark's
     * {@code skewness} is the uncorrected population one); null below 3 values or for a constant
     * group. {@code col("x").skew()}
     */
    public Expression skew() { return agg(dev.floe.arrow.kernels.agg.AggFunction.SKEW); }

    /**
     * Sample excess kurtosis as float64, bias-corrected as DuckDB's {@code kurtosis} (Spark's is
     * the population one); null below 4 values or for a constant group. {@code col("x").kurtosis()}
     */
    public Expression kurtosis() { return agg(dev.floe.arrow.kernels.agg.AggFunction.KURTOSIS); }

    // ---- windows ---------------------------------------------------------------------------------

    /**
     * This window function or aggregation evaluated over a window, one value per row; allowed in
     * {@code select}/{@code withColumn} (in {@code where} or {@code agg} it is a {@link
     * PlanException}). {@code col("salary").sum().over(Window.partitionBy("dept"))},
     * {@code rank().over(Window.partitionBy("dept").orderBy(col("salary").desc()))}
     */
    public Expression over(Window window) {
        Objects.requireNonNull(window, "window");
        Expr f = node instanceof Alias a ? a.child() : node;
        Expression over = new Expression(new dev.floe.api.expr.WindowExpr(f, window.partitionKeys(),
                window.orderKeys(), window.frame()));
        return node instanceof Alias a ? over.alias(a.name()) : over;
    }

    // ---- sort markers (inside sort(...)) -----------------------------------------------------

    private dev.floe.api.expr.SortKey key() {
        return dev.floe.api.expr.SortKey.of(node);
    }

    /** Ascending, nulls last. {@code df.sort(col("a").asc())} */
    public Expression asc() {
        return new Expression(new dev.floe.api.expr.SortKey(key().child(), false, false));
    }

    /** Descending, nulls first. {@code df.sort(col("a").desc())} */
    public Expression desc() {
        return new Expression(new dev.floe.api.expr.SortKey(key().child(), true, true));
    }

    /** Nulls before every value. {@code df.sort(col("a").desc().nullsLast())} */
    public Expression nullsFirst() {
        dev.floe.api.expr.SortKey k = key();
        return new Expression(new dev.floe.api.expr.SortKey(k.child(), k.descending(), true));
    }

    /** Nulls after every value. */
    public Expression nullsLast() {
        dev.floe.api.expr.SortKey k = key();
        return new Expression(new dev.floe.api.expr.SortKey(k.child(), k.descending(), false));
    }

    // ---- more math (issue 15): FunctionCall with MathFn ------------------------------------------

    private Expression math(dev.floe.api.expr.MathFn f, Object... more) {
        List<Expr> args = new ArrayList<>(1 + more.length);
        args.add(node);
        for (Object o : more) {
            args.add(toExpr(o));
        }
        return new Expression(new dev.floe.api.expr.FunctionCall(f, args, List.of()));
    }

    /** This number raised to {@code exponent}, float64. {@code col("x").pow(2)} */
    public Expression pow(Object exponent) { return math(dev.floe.api.expr.MathFn.POW, exponent); }

    /** Base-10 logarithm, float64 (NaN for negatives, -Infinity for 0). {@code col("x").log10()} */
    public Expression log10() { return math(dev.floe.api.expr.MathFn.LOG10); }

    /** Base-2 logarithm, float64. {@code col("x").log2()} */
    public Expression log2() { return math(dev.floe.api.expr.MathFn.LOG2); }

    /** Natural logarithm, float64 (the same as {@link #log()}). {@code col("x").ln()} */
    public Expression ln() { return math(dev.floe.api.expr.MathFn.LN); }

    /** Sine of radians, float64. {@code col("a").sin()} */
    public Expression sin() { return math(dev.floe.api.expr.MathFn.SIN); }

    /** Cosine of radians, float64. {@code col("a").cos()} */
    public Expression cos() { return math(dev.floe.api.expr.MathFn.COS); }

    /** Tangent of radians, float64. {@code col("a").tan()} */
    public Expression tan() { return math(dev.floe.api.expr.MathFn.TAN); }

    /** Arc sine in radians, NaN outside [-1, 1]. {@code col("x").asin()} */
    public Expression asin() { return math(dev.floe.api.expr.MathFn.ASIN); }

    /** Arc cosine in radians, NaN outside [-1, 1]. {@code col("x").acos()} */
    public Expression acos() { return math(dev.floe.api.expr.MathFn.ACOS); }

    /** Arc tangent in radians. {@code col("x").atan()} */
    public Expression atan() { return math(dev.floe.api.expr.MathFn.ATAN); }

    /** The angle in radians of the point (x = {@code x}, y = this). {@code col("y").atan2(col("x"))} */
    public Expression atan2(Object x) { return math(dev.floe.api.expr.MathFn.ATAN2, x); }

    /** Hyperbolic sine. {@code col("x").sinh()} */
    public Expression sinh() { return math(dev.floe.api.expr.MathFn.SINH); }

    /** Hyperbolic cosine. {@code col("x").cosh()} */
    public Expression cosh() { return math(dev.floe.api.expr.MathFn.COSH); }

    /** Hyperbolic tangent. {@code col("x").tanh()} */
    public Expression tanh() { return math(dev.floe.api.expr.MathFn.TANH); }

    /** Radians to degrees. {@code col("a").degrees()} */
    public Expression degrees() { return math(dev.floe.api.expr.MathFn.DEGREES); }

    /** Degrees to radians. {@code col("deg").radians()} */
    public Expression radians() { return math(dev.floe.api.expr.MathFn.RADIANS); }

    /** Cube root. {@code col("x").cbrt()} */
    public Expression cbrt() { return math(dev.floe.api.expr.MathFn.CBRT); }

    /**
     * The value limited to [lo, hi] in the common type of the three; a null bound is no bound
     * (Daft's {@code clip}). {@code col("x").clip(0, 100)}
     */
    public Expression clip(Object lo, Object hi) { return math(dev.floe.api.expr.MathFn.CLIP, lo, hi); }

    /**
     * Positive remainder (Spark's {@code pmod}): int64 for integers (division by zero gives null),
     * float64 otherwise. {@code col("x").pmod(7)}
     */
    public Expression pmod(Object divisor) { return math(dev.floe.api.expr.MathFn.PMOD, divisor); }

    /** Whether the number is NaN (false for integers; null stays null). {@code col("x").isNan()} */
    public Expression isNan() { return math(dev.floe.api.expr.MathFn.IS_NAN); }

    /** NaN replaced by {@code value}, as float64 (null stays null). {@code col("x").fillNan(0.0)} */
    public Expression fillNan(Object value) { return math(dev.floe.api.expr.MathFn.FILL_NAN, value); }

    @Override
    public String toString() {
        return node.display();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression e && node.equals(e.node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }
}
