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

    /** Rounds half away from zero; keeps the type. {@code col("price").round(2)} */
    public Expression round(int decimals) { return new Expression(new Round(node, decimals)); }

    /** {@code col("price").round()} rounds to an integer value. */
    public Expression round() { return round(0); }

    /** {@code col("a").ceil()} */
    public Expression ceil() { return unary(UnaryOp.CEIL); }

    /** {@code col("a").floor()} */
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
