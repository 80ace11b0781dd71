package dev.floe.api;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Names;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Sort;
import dev.floe.api.plan.Write;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.Schema;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, lazy table: each transform returns a new DataFrame whose schema is resolved at
 * once (bad names and types fail at the line that builds them); actions ({@link #toTable},
 * {@link #collect}, {@link #show}, {@link #countRows}) run the optimized plan as a Flink batch job.
 *
 * <pre>{@code
 * DataFrame df = floe.readParquet("data/orders/*.parquet")
 *     .where(col("o_totalprice").gt(lit(1000)))
 *     .select(col("o_orderkey"), col("o_totalprice").div(lit(1000)).alias("price_k"))
 *     .limit(20);
 * df.show();
 * }</pre>
 */
public final class DataFrame {
    private final Executor executor;
    private final LogicalPlan plan;

    private DataFrame(Executor executor, LogicalPlan plan) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /** A DataFrame over a plan, run by the executor (for sources and the Floe entry point). */
    public static DataFrame of(Executor executor, LogicalPlan plan) {
        return new DataFrame(executor, plan);
    }

    DataFrame with(LogicalPlan newPlan) {
        return new DataFrame(executor, newPlan);
    }

    /** The unoptimized logical plan. */
    public LogicalPlan plan() {
        return plan;
    }

    // ---- schema, no execution ----------------------------------------------------------------

    public Schema schema() {
        return plan.schema();
    }

    public List<String> columnNames() {
        return plan.schema().names();
    }

    // ---- transforms --------------------------------------------------------------------------

    /** Projection; expressions may compute new columns. {@code df.select(col("a"), col("b").mul(2).alias("b2"))} */
    public DataFrame select(Expression... exprs) {
        List<Expr> nodes = new ArrayList<>(exprs.length);
        for (Expression e : exprs) {
            nodes.add(e.node());
        }
        return with(dev.floe.api.plan.WindowExtraction.project(plan, nodes));
    }

    /**
     * Projection of SQL expressions, each parsed by {@link Functions#sqlExpr} (Spark's
     * {@code selectExpr}); an {@code AS} alias names the column. Needs {@code floe-sql} on the
     * class path (the translator brings it). {@code df.selectExpr("a", "b * 2 AS b2", "upper(name)")}
     */
    public DataFrame selectExpr(String... sqlExpressions) {
        Expression[] exprs = new Expression[sqlExpressions.length];
        for (int i = 0; i < exprs.length; i++) {
            exprs[i] = Functions.sqlExpr(sqlExpressions[i]);
        }
        return select(exprs);
    }

    /** {@code df.select("a", "b")} */
    public DataFrame select(String... columns) {
        List<Expr> nodes = new ArrayList<>(columns.length);
        for (String c : columns) {
            nodes.add(new Column(c));
        }
        return with(Project.of(plan, nodes));
    }

    /** Adds or replaces a column. {@code df.withColumn("price_k", col("price").div(1000))} */
    public DataFrame withColumn(String name, Expression expr) {
        Map<String, Expression> m = new LinkedHashMap<>();
        m.put(name, expr);
        return withColumns(m);
    }

    /**
     * Adds or replaces columns; every expression sees the input columns; new columns are appended
     * in map order, replaced ones keep their position.
     */
    public DataFrame withColumns(Map<String, Expression> columns) {
        Schema schema = plan.schema();
        List<Expr> out = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        for (String existing : schema.names()) {
            Expression e = columns.get(existing);
            if (e != null) {
                out.add(new Alias(e.node(), existing));
                replaced.add(existing);
            } else {
                out.add(new Column(existing));
            }
        }
        for (Map.Entry<String, Expression> entry : columns.entrySet()) {
            if (!replaced.contains(entry.getKey())) {
                out.add(new Alias(entry.getValue().node(), entry.getKey()));
            }
        }
        return with(dev.floe.api.plan.WindowExtraction.project(plan, out));
    }

    /** {@code df.withColumnRenamed("o_orderkey", "key")} */
    public DataFrame withColumnRenamed(String from, String to) {
        Schema schema = plan.schema();
        if (!schema.contains(from)) {
            throw new PlanException(Names.unknownColumn(from, schema.names()));
        }
        List<Expr> out = new ArrayList<>();
        for (String c : schema.names()) {
            out.add(c.equals(from) ? new Alias(new Column(c), to) : new Column(c));
        }
        return with(Project.of(plan, out));
    }

    /** Drops columns. {@code df.exclude("comment")} */
    public DataFrame exclude(String... columns) {
        Schema schema = plan.schema();
        Set<String> drop = new HashSet<>();
        for (String c : columns) {
            if (!schema.contains(c)) {
                throw new PlanException(Names.unknownColumn(c, schema.names()));
            }
            drop.add(c);
        }
        List<Expr> out = new ArrayList<>();
        for (String c : schema.names()) {
            if (!drop.contains(c)) {
                out.add(new Column(c));
            }
        }
        return with(Project.of(plan, out));
    }

    /** Keeps rows where the predicate is true (null drops). {@code df.where(col("a").gt(0))} */
    public DataFrame where(Expression predicate) {
        return with(new Filter(plan, predicate.node()));
    }

    /** Same as {@link #where}. */
    public DataFrame filter(Expression predicate) {
        return where(predicate);
    }

    /** The first n rows (any n rows when unsorted). {@code df.limit(20)} */
    public DataFrame limit(long n) {
        return with(new Limit(plan, n));
    }

    /** Rows ordered by the keys: ascending unless wrapped with {@code .desc()}. {@code df.sort(col("a").desc(), col("b"))} */
    public DataFrame sort(Expression... keys) {
        List<SortKey> ks = new ArrayList<>(keys.length);
        for (Expression k : keys) {
            ks.add(SortKey.of(k.node()));
        }
        return with(new Sort(plan, ks));
    }

    /** Daft-style: {@code df.sort(List.of(col("a"), col("b")), List.of(true, false))} sorts a descending. */
    public DataFrame sort(List<Expression> keys, List<Boolean> descending) {
        if (keys.size() != descending.size()) {
            throw new PlanException("sort got " + keys.size() + " keys but " + descending.size() + " descending flags");
        }
        List<SortKey> ks = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            SortKey k = SortKey.of(keys.get(i).node());
            boolean desc = descending.get(i);
            ks.add(new SortKey(k.child(), desc, desc));
        }
        return with(new Sort(plan, ks));
    }

    /** Sorts by column names, ascending. */
    public DataFrame sort(String... columns) {
        Expression[] keys = new Expression[columns.length];
        for (int i = 0; i < columns.length; i++) {
            keys[i] = Functions.col(columns[i]);
        }
        return sort(keys);
    }

    /** Unique rows (nulls equal each other). */
    public DataFrame distinct() {
        List<Expr> keys = new ArrayList<>();
        for (String c : columnNames()) {
            keys.add(new Column(c));
        }
        return with(Aggregate.of(plan, keys, List.of()));
    }

    /** Groups by expressions. {@code df.groupBy(col("k")).agg(col("v").sum())} */
    public GroupedDataFrame groupBy(Expression... keys) {
        List<Expr> ks = new ArrayList<>(keys.length);
        for (Expression k : keys) {
            Expr e = k.node();
            e.type(schema());
            ks.add(e);
        }
        return new GroupedDataFrame(this, ks);
    }

    /** Groups by columns. {@code df.groupBy("k").sum("v")} */
    public GroupedDataFrame groupBy(String... columns) {
        Expression[] keys = new Expression[columns.length];
        for (int i = 0; i < columns.length; i++) {
            keys[i] = Functions.col(columns[i]);
        }
        return groupBy(keys);
    }

    /** Global aggregation: one row. {@code df.agg(col("v").sum(), count())} */
    public DataFrame agg(Expression... aggregations) {
        GroupingSets.rejectGrouping(aggregations);
        return aggregate(List.of(), aggregations);
    }

    /**
     * Aggregates per key prefix, as Spark and SQL's {@code ROLLUP}: the sets (a, b, c), (a, b), (a)
     * and (); a rolled-up key is null, which {@link Functions#grouping} tells from a null key.
     * Over no rows the result has no rows (Spark's rule; SQL engines give the () row).
     * {@code df.rollup(col("region"), col("city")).agg(col("sales").sum(), grouping(col("city")))}
     */
    public GroupedDataFrame rollup(Expression... keys) {
        List<Expr> given = nodes(keys);
        List<Expr> distinct = new ArrayList<>();
        List<List<Integer>> sets = GroupingSets.onDistinct(given, GroupingSets.rollup(given.size()), distinct);
        return new GroupedDataFrame(this, distinct, sets, null);
    }

    /**
     * Aggregates per subset of the keys, as SQL's {@code CUBE} (at most 12 keys); see
     * {@link #rollup}. {@code df.cube(col("region"), col("product")).agg(col("sales").sum(), groupingId())}
     */
    public GroupedDataFrame cube(Expression... keys) {
        List<Expr> given = nodes(keys);
        List<Expr> distinct = new ArrayList<>();
        List<List<Integer>> sets = GroupingSets.onDistinct(given, GroupingSets.cube(given.size()), distinct);
        return new GroupedDataFrame(this, distinct, sets, null);
    }

    /**
     * Aggregates per listed set of keys, as SQL's {@code GROUPING SETS}: the grouping keys are the
     * distinct expressions of all sets in order of first appearance (the bit order of
     * {@link Functions#groupingId}); a set listed twice gives its rows twice; see {@link #rollup}.
     * {@code df.groupingSets(List.of(List.of(col("a"), col("b")), List.of(col("a")), List.of())).agg(count())}
     */
    public GroupedDataFrame groupingSets(List<List<Expression>> sets) {
        List<Expr> keys = new ArrayList<>();
        List<List<Integer>> indexes = GroupingSets.sets(sets, schema(), keys);
        return new GroupedDataFrame(this, keys, indexes, null);
    }

    private List<Expr> nodes(Expression... exprs) {
        List<Expr> out = new ArrayList<>(exprs.length);
        for (Expression e : exprs) {
            Expr node = e.node();
            node.type(schema());
            out.add(node);
        }
        return out;
    }

    /**
     * Turns columns into rows (Spark's {@code unpivot}, pandas' {@code melt}): per input row, one
     * row per value column holding the id columns, the value column's name in {@code variableName}
     * (string) and its value in {@code valueName}. The value columns must coerce to one type
     * (otherwise a {@link PlanException} names them); null values are kept (Spark; DuckDB's
     * UNPIVOT drops them unless {@code INCLUDE NULLS}); no value columns means every column that is
     * not an id. {@code df.unpivot(List.of("id"), List.of("q1", "q2"), "quarter", "sales")}
     */
    public DataFrame unpivot(List<String> ids, List<String> values, String variableName, String valueName) {
        return with(Unpivot.plan(plan, ids, values, variableName, valueName));
    }

    /** Same as {@link #unpivot}. {@code df.melt(List.of("id"), List.of("q1", "q2"), "quarter", "sales")} */
    public DataFrame melt(List<String> ids, List<String> values, String variableName, String valueName) {
        return unpivot(ids, values, variableName, valueName);
    }

    /**
     * An aggregation; expressions over aggregations ({@code col("a").sum().div(col("b").sum())}) are
     * computed by a projection after it, from hidden aggregate columns.
     */
    DataFrame aggregate(List<Expr> keys, Expression... aggregations) {
        List<Expr> aggs = new ArrayList<>(aggregations.length);
        boolean nested = false;
        for (Expression a : aggregations) {
            dev.floe.api.plan.WindowExtraction.rejectWindows(a.node(), "agg(...)");
            dev.floe.api.expr.AggregationPlacement.checkNotNested(a.node());
            aggs.add(a.node());
            nested |= !(a.node().unalias() instanceof AggExpr) && AggExpr.containsAgg(a.node());
        }
        if (!nested) {
            return with(Aggregate.of(plan, keys, aggs));
        }
        List<Expr> hidden = new ArrayList<>();
        List<Expr> outputs = new ArrayList<>();
        for (Expr a : aggs) {
            if (!AggExpr.containsAgg(a)) {
                throw new PlanException(a.display() + " is not an aggregation: group by it with groupBy(...) or"
                        + " aggregate it, e.g. " + a.display() + ".anyValue()");
            }
            Expr rewritten = a.transformUp(e -> {
                if (!(e instanceof AggExpr agg)) {
                    return e;
                }
                int at = -1;
                for (int i = 0; i < hidden.size(); i++) {
                    if (((Alias) hidden.get(i)).child().equals(agg)) {
                        at = i;
                    }
                }
                if (at < 0) {
                    at = hidden.size();
                    hidden.add(new Alias(agg, "__agg" + at));
                }
                return new Column("__agg" + at);
            });
            outputs.add(rewritten.equals(a) ? a : new Alias(rewritten, a.name()));
        }
        Aggregate aggregate = Aggregate.of(plan, keys, hidden);
        List<Expr> projection = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            projection.add(new Column(aggregate.schema().field(i).name()));
        }
        projection.addAll(outputs);
        return with(Project.of(aggregate, projection));
    }

    /** Inner equi-join on same-named columns. {@code orders.join(customers, "custkey")} */
    public DataFrame join(DataFrame right, String... on) {
        List<Expression> keys = new ArrayList<>(on.length);
        for (String c : on) {
            keys.add(Functions.col(c));
        }
        return join(right, keys, keys, JoinType.INNER);
    }

    /** {@code l.join(r, List.of(col("a")), List.of(col("b")), JoinType.LEFT)} */
    public DataFrame join(DataFrame right, List<Expression> leftOn, List<Expression> rightOn, JoinType how) {
        return join(right, leftOn, rightOn, how, JoinStrategy.AUTO);
    }

    /** With an explicit strategy. */
    public DataFrame join(DataFrame right, List<Expression> leftOn, List<Expression> rightOn, JoinType how,
            JoinStrategy strategy) {
        if (right.executor != executor) {
            throw new PlanException("Both sides of a join must come from the same Floe session");
        }
        if (leftOn.isEmpty()) {
            throw new PlanException("join needs at least one key; use crossJoin for a cartesian product");
        }
        List<Expr> l = new ArrayList<>();
        List<Expr> r = new ArrayList<>();
        leftOn.forEach(e -> l.add(e.node()));
        rightOn.forEach(e -> r.add(e.node()));
        return with(Join.of(plan, right.plan, l, r, how, strategy));
    }

    /** Cartesian product. */
    public DataFrame crossJoin(DataFrame right) {
        if (right.executor != executor) {
            throw new PlanException("Both sides of a join must come from the same Floe session");
        }
        return with(Join.of(plan, right.plan, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO));
    }

    /**
     * A join on any boolean condition; a right column whose name the left has is {@code col("right.x")}.
     * Equalities between the sides become hash keys, the rest is checked on each key-equal pair (for
     * LEFT/RIGHT/OUTER/SEMI/ANTI it decides what matched); without an equality it is a nested-loop join
     * that broadcasts one side, guarded by {@code floe.join.nested-loop-max-bytes}. Both sides' columns
     * stay in the output (no key is merged). {@code l.join(r, col("t").between(col("start"), col("end")), JoinType.LEFT)}
     */
    public DataFrame join(DataFrame right, Expression condition, JoinType how) {
        if (right.executor != executor) {
            throw new PlanException("Both sides of a join must come from the same Floe session");
        }
        return with(dev.floe.api.plan.ConditionJoins.of(plan, right.plan, condition.node(), how));
    }

    /**
     * For each left row, the right row with the greatest {@code rightOn <= leftOn} among those with
     * the same {@code by} values (a LEFT join: no such row gives nulls; null keys never match); the
     * {@code by} columns appear once, the right {@code rightOn} column stays (as {@code right.t} when
     * the names collide). Runs hash-partitioned on {@code by}, in one task without {@code by}.
     * {@code trades.joinAsof(quotes, "time", "time", "symbol")}
     */
    public DataFrame joinAsof(DataFrame right, String leftOn, String rightOn, String... by) {
        if (right.executor != executor) {
            throw new PlanException("Both sides of a join must come from the same Floe session");
        }
        return with(dev.floe.api.plan.ConditionJoins.asof(plan, right.plan, leftOn, rightOn, List.of(by)));
    }

    /**
     * One row per list element of the list columns (exploded together; their lengths must match
     * in each row); other columns repeat. A null or empty list gives one row with null, like Daft.
     * An expression that is not a plain column replaces the column of its name first.
     * {@code df.explode(col("tags"))}
     */
    public DataFrame explode(Expression... listColumns) {
        List<Expr> nodes = new ArrayList<>(listColumns.length);
        for (Expression e : listColumns) {
            nodes.add(e.node());
        }
        return with(dev.floe.api.plan.Explode.fromExprs(plan, nodes));
    }

    /**
     * Spark's {@code posexplode}: one row per element of the list, which becomes its element in
     * place, with the element's position (int32, from 0) in a new column {@code pos} right before
     * it; a row whose list is null or empty gives no row (unlike {@link #explode}). An expression
     * that is not a plain column replaces the column of its name first.
     * {@code df.posexplode(col("tags"))  // ..., pos, tags}
     */
    public DataFrame posexplode(Expression listColumn) {
        return posexplode(listColumn, "pos");
    }

    /** {@link #posexplode(Expression)} with the position column named {@code positionName}. */
    public DataFrame posexplode(Expression listColumn, String positionName) {
        return with(dev.floe.api.plan.Explode.positional(plan, listColumn.node(), positionName, false));
    }

    /**
     * Spark's {@code posexplode_outer}: as {@link #posexplode(Expression)}, but a null or empty list
     * gives one row whose position and element are null. {@code df.posexplodeOuter(col("tags"))}
     */
    public DataFrame posexplodeOuter(Expression listColumn) {
        return posexplodeOuter(listColumn, "pos");
    }

    /** {@link #posexplodeOuter(Expression)} with the position column named {@code positionName}. */
    public DataFrame posexplodeOuter(Expression listColumn, String positionName) {
        return with(dev.floe.api.plan.Explode.positional(plan, listColumn.node(), positionName, true));
    }

    /** Hash partitioning by keys into n partitions; no keys spreads rows evenly. */
    public DataFrame repartition(int n, Expression... keys) {
        List<Expr> ks = new ArrayList<>();
        for (Expression k : keys) {
            ks.add(k.node());
        }
        return with(new Repartition(plan, n, ks));
    }

    /** Splits or coalesces into n partitions without a key. */
    public DataFrame intoPartitions(int n) {
        return with(new Repartition(plan, n, List.of()));
    }

    // ---- set operations (SetOperations) --------------------------------------------------------

    /**
     * Union all by position: this frame's rows, then the other's, duplicates kept; names and types
     * must be equal column by column (API.md). {@code q1.concat(q2)}
     */
    public DataFrame concat(DataFrame other) {
        sameSession(other, "concat");
        return with(SetOperations.concat(plan, other.plan));
    }

    /**
     * Union all by column name: the columns of this frame, then (with {@code allowMissing}) the
     * other's columns it lacks; a column missing on one side is null there (without
     * {@code allowMissing} that is a {@link PlanException}); types coerce to a common type.
     * {@code jan.unionByName(feb, true)}
     */
    public DataFrame unionByName(DataFrame other, boolean allowMissing) {
        sameSession(other, "unionByName");
        return with(SetOperations.byName(plan, other.plan, allowMissing));
    }

    /**
     * The distinct rows of both frames (SQL {@code UNION}; nulls equal), matched by position with
     * the left's names, types coerced to a common type. {@code a.union(b)}
     */
    public DataFrame union(DataFrame other) {
        sameSession(other, "union");
        return with(SetOperations.distinctUnion(plan, other.plan));
    }

    /** The distinct rows found in both (SQL {@code INTERSECT}; nulls equal; by position). {@code a.intersect(b)} */
    public DataFrame intersect(DataFrame other) {
        return setOperation(SetOperations.Kind.INTERSECT, other);
    }

    /**
     * Rows found in both, each as many times as the smaller of its counts on the two sides (SQL
     * {@code INTERSECT ALL}). {@code a.intersectAll(b)}
     */
    public DataFrame intersectAll(DataFrame other) {
        return setOperation(SetOperations.Kind.INTERSECT_ALL, other);
    }

    /** The distinct rows of this frame not found in the other (SQL {@code EXCEPT}; nulls equal). {@code a.except(b)} */
    public DataFrame except(DataFrame other) {
        return setOperation(SetOperations.Kind.EXCEPT, other);
    }

    /**
     * Rows of this frame, each as many times as its count here minus its count in the other when
     * that is positive (SQL {@code EXCEPT ALL}). {@code a.exceptAll(b)}
     */
    public DataFrame exceptAll(DataFrame other) {
        return setOperation(SetOperations.Kind.EXCEPT_ALL, other);
    }

    private DataFrame setOperation(SetOperations.Kind kind, DataFrame other) {
        sameSession(other, kind.method);
        return with(SetOperations.of(kind, plan, other.plan));
    }

    private void sameSession(DataFrame other, String method) {
        if (other.executor != executor) {
            throw new PlanException("Both sides of " + method + " must come from the same Floe session");
        }
    }

    // ---- rows --------------------------------------------------------------------------------

    /**
     * A random sample: without replacement each row is kept with probability {@code fraction}
     * (Bernoulli, fraction in [0, 1]); with replacement each row appears Poisson({@code fraction})
     * times (fraction in [0, 100]), as Spark samples. A row's draw is a hash of its values and the
     * seed, so a seed gives the same sample at every parallelism and partitioning; unlike Spark,
     * equal rows get equal draws (all of them are kept, or none). {@code df.sample(0.1, false, 42)}
     */
    public DataFrame sample(double fraction, boolean withReplacement, long seed) {
        if (withReplacement && fraction > 100) {
            throw new PlanException("sample with replacement takes a fraction in [0, 100], got " + fraction);
        }
        return with(new dev.floe.api.plan.Sample(plan, fraction, withReplacement, seed));
    }

    /**
     * One row per distinct value of the subset's columns (nulls equal); all of the kept row's columns
     * come from one input row, which one is unspecified. No arguments = every column ({@link #distinct}).
     * {@code df.dropDuplicates("user_id")}
     */
    public DataFrame dropDuplicates(String... subset) {
        if (subset.length == 0) {
            return distinct();
        }
        return with(new dev.floe.api.plan.Deduplicate(plan, List.of(subset)));
    }

    /**
     * Drops rows with a null in any of the columns (no arguments = any column); NaN is not null.
     * {@code df.dropNull("email", "phone")}
     */
    public DataFrame dropNull(String... subset) {
        List<String> cols = subset.length == 0 ? columnNames() : List.of(subset);
        Expression keep = null;
        for (String c : cols) {
            if (!schema().contains(c)) {
                throw new PlanException(Names.unknownColumn(c, columnNames()));
            }
            Expression notNull = Functions.col(c).notNull();
            keep = keep == null ? notNull : keep.and(notNull);
        }
        return keep == null ? this : where(keep);
    }

    /**
     * Replaces nulls per column with the given value (as {@link Expression#fillNull}: the column's
     * type and the value's widen to a common type); other columns are unchanged.
     * {@code df.fillNull(Map.of("qty", 0, "note", ""))}
     */
    public DataFrame fillNull(Map<String, Object> valuesByColumn) {
        Map<String, Expression> replaced = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : valuesByColumn.entrySet()) {
            if (!schema().contains(e.getKey())) {
                throw new PlanException(Names.unknownColumn(e.getKey(), columnNames()));
            }
            replaced.put(e.getKey(), Functions.col(e.getKey()).fillNull(e.getValue()));
        }
        return replaced.isEmpty() ? this : withColumns(replaced);
    }

    /**
     * Every row after the first n: of the sort order when the frame is sorted, else any n rows are
     * skipped. {@code df.sort(col("score").desc()).offset(10).limit(10)} is the second page.
     */
    public DataFrame offset(long n) {
        return with(new dev.floe.api.plan.Offset(plan, n));
    }

    /**
     * Summary statistics, one job: rows {@code count}, {@code null_count}, {@code mean},
     * {@code stddev} (sample), {@code min}, {@code max} in a {@code statistic} column, then one string
     * column per described column (no arguments = every column); a statistic a type does not have
     * (the mean of a string) is null. No approximate quantiles. {@code df.describe("price", "qty").show()}
     */
    public DataFrame describe(String... cols) {
        return with(Describe.plan(plan, cols));
    }

    /**
     * Renames several columns at once (each name maps from its old name; unknown names are a
     * {@link PlanException}). {@code df.withColumnsRenamed(Map.of("a", "x", "b", "y"))}
     */
    public DataFrame withColumnsRenamed(Map<String, String> renames) {
        Schema schema = plan.schema();
        for (String from : renames.keySet()) {
            if (!schema.contains(from)) {
                throw new PlanException(Names.unknownColumn(from, schema.names()));
            }
        }
        List<Expr> out = new ArrayList<>();
        for (String c : schema.names()) {
            String to = renames.get(c);
            out.add(to == null || to.equals(c) ? new Column(c) : new Alias(new Column(c), to));
        }
        return with(Project.of(plan, out));
    }

    /** Applies a function to this frame, for chaining reusable steps: {@code df.transform(Cleaning::dropTestUsers)} */
    public DataFrame transform(java.util.function.Function<DataFrame, DataFrame> fn) {
        return fn.apply(this);
    }

    // ---- actions -----------------------------------------------------------------------------

    /**
     * The plan after the logical optimizer. Caches the plan reads that no action has filled yet are
     * filled first (each runs as a job), so that the plan reads them.
     */
    public LogicalPlan optimizedPlan() {
        Caching.fill(plan, executor);
        return Optimizer.standard().optimize(plan);
    }

    /**
     * Keeps this DataFrame's result for later actions of the session: the first action computes it
     * (as a job of its own) into local Arrow files, later actions read those instead of computing it
     * again, until {@link #unpersist()} or the session's close. The optimizer does not look inside a
     * cached plan (no filter or column pruning across it). {@code DataFrame hot = orders.where(col("o_totalprice").gt(1000)).cache();}
     */
    public DataFrame cache() {
        if (plan instanceof dev.floe.api.plan.Cache) {
            return this;
        }
        return with(new dev.floe.api.plan.Cache(dev.floe.api.plan.CacheEntry.register(executor, plan)));
    }

    /** The same as {@link #cache()} (one storage level: local files). {@code DataFrame hot = df.persist();} */
    public DataFrame persist() {
        return cache();
    }

    /**
     * Deletes what {@link #cache()} kept; later actions compute the plan again. No effect on a
     * DataFrame that is not itself a cache. Returns this DataFrame. {@code hot.unpersist();}
     */
    public DataFrame unpersist() {
        if (plan instanceof dev.floe.api.plan.Cache c) {
            c.entry().release();
        }
        return this;
    }

    /** Runs the plan; the caller owns the returned table and closes it. */
    public Table toTable() {
        return executor.execute(optimizedPlan(), "toTable");
    }

    /**
     * Runs the plan and returns a DataFrame over the results (reusing it does not recompute). The
     * results stream to the client and stay on its heap up to {@code floe.collect.spill-threshold}
     * (default 64 MiB); a larger result goes to local files under {@code java.io.tmpdir}, owned by
     * the session and deleted by {@code Floe.close()}.
     */
    public DataFrame collect() {
        LogicalPlan optimized = optimizedPlan();
        // a sorted result stays one partition, read in order, so its order survives
        int partitions = isOrdered(optimized) ? 1 : executor.parallelism();
        return with(Scan.of(Collecting.collect(executor, optimized, partitions)));
    }

    /** True when the plan's output order is defined (a sort, possibly under order-keeping nodes). */
    static boolean isOrdered(LogicalPlan p) {
        return p.establishesOrder() || p.maintainsInputOrder() && isOrdered(p.children().get(0));
    }

    /** Rows per in-memory batch at most (the design's target batch size). */
    static final int MAX_BATCH_ROWS = 65_536;

    /**
     * Splits a table into {@code partitions} in-memory partitions of encoded batches: rows are cut
     * into slices so that each partition gets about 16 batches when there are enough rows (so that
     * parallel readers have work), each at most {@link #MAX_BATCH_ROWS} rows.
     */
    public static InMemorySource inMemory(String name, Table table, int partitions) {
        int parts = Math.max(1, partitions);
        List<List<EncodedBatch>> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(new ArrayList<>());
        }
        long total = table.numRows();
        // several batches per partition (parallel readers have work, blocking operators see a stream)
        int sliceRows = (int) Math.max(1, Math.min(MAX_BATCH_ROWS, (total + parts * 16L - 1) / (parts * 16L)));
        int next = 0;
        for (RecordBatch b : table.batches()) {
            if (b.numRows() <= sliceRows) {
                out.get(next++ % parts).add(BatchCodec.encode(b));
                continue;
            }
            for (int offset = 0; offset < b.numRows(); offset += sliceRows) {
                int len = Math.min(sliceRows, b.numRows() - offset);
                try (RecordBatch slice = b.slice(offset, len, dev.floe.arrow.Allocators.root())) {
                    out.get(next++ % parts).add(BatchCodec.encode(slice));
                }
            }
        }
        return new InMemorySource(name, table.schema(), out);
    }

    /**
     * Writes Parquet files (snappy) under {@code dir}, hive-partitioned by the given columns, and
     * returns one row per file written ({@code path}, then the partition columns). Appends to what is
     * there; nothing is visible until the job succeeds. Concurrent writes to one directory commit one
     * at a time through its manifest, so readers see whole writes only ({@link WriteMode} says what
     * racing writers get). {@code df.writeParquet("out/orders", "o_orderstatus")}
     */
    public DataFrame writeParquet(String dir, String... partitionCols) {
        return writeParquet(dir, WriteMode.APPEND, partitionCols);
    }

    /** {@code df.writeParquet("out/orders", WriteMode.OVERWRITE)} replaces the directory once the job succeeds. */
    public DataFrame writeParquet(String dir, WriteMode mode, String... partitionCols) {
        return writeParquet(dir, mode, ParquetWriteOptions.defaults(), partitionCols);
    }

    /**
     * With Parquet options (codec, row-group and page size):
     * {@code df.writeParquet("out/t", WriteMode.OVERWRITE, ParquetWriteOptions.builder().compression("zstd").build())}
     */
    public DataFrame writeParquet(String dir, WriteMode mode, ParquetWriteOptions options, String... partitionCols) {
        java.util.Objects.requireNonNull(options, "options");
        return write(Write.of(plan, Write.Format.PARQUET, dir, mode, List.of(partitionCols), null, options),
                "writeParquet");
    }

    /** Writes CSV files with a header row; like {@link #writeParquet(String, String...)}. */
    public DataFrame writeCsv(String dir, String... partitionCols) {
        return writeCsv(dir, WriteMode.APPEND, partitionCols);
    }

    /** {@code df.writeCsv("out/orders", WriteMode.OVERWRITE)} */
    public DataFrame writeCsv(String dir, WriteMode mode, String... partitionCols) {
        return writeCsv(dir, mode, CsvOptions.defaults(), partitionCols);
    }

    /** With CSV options (delimiter, header, null string). */
    public DataFrame writeCsv(String dir, WriteMode mode, CsvOptions options, String... partitionCols) {
        return write(Write.of(plan, Write.Format.CSV, dir, mode, List.of(partitionCols), options), "writeCsv");
    }

    /**
     * Writes newline-delimited JSON files (one object per row, nulls as {@code null}); like
     * {@link #writeParquet(String, String...)}. {@code df.writeJson("out/events")}
     */
    public DataFrame writeJson(String dir, String... partitionCols) {
        return writeJson(dir, WriteMode.APPEND, partitionCols);
    }

    /** {@code df.writeJson("out/events", WriteMode.OVERWRITE)} */
    public DataFrame writeJson(String dir, WriteMode mode, String... partitionCols) {
        return write(Write.of(plan, Write.Format.JSON, dir, mode, List.of(partitionCols), null), "writeJson");
    }

    private DataFrame write(Write write, String action) {
        Caching.fill(write, executor);
        LogicalPlan optimized = Optimizer.standard().optimize(write);
        try (Table written = executor.execute(optimized, action)) {
            return with(Scan.of(inMemory(action, written, 1)));
        }
    }

    /** Runs a count of the rows. */
    public long countRows() {
        LogicalPlan counting = Project.of(plan, List.of());
        Caching.fill(counting, executor);
        try (Table t = executor.execute(Optimizer.standard().optimize(counting), "countRows")) {
            return t.numRows();
        }
    }

    /** Prints the first 8 rows as an aligned table. */
    public void show() {
        show(8);
    }

    /** Prints the first n rows as an aligned table (cells longer than 32 characters end in an ellipsis). */
    public void show(int n) {
        show(n, 32);
    }

    /** Like Spark's {@code show(n, truncate)}: {@code false} prints every value whole. {@code df.show(20, false)} */
    public void show(int n, boolean truncate) {
        show(n, truncate ? 32 : 0);
    }

    /**
     * Prints the first n rows with cells cut to {@code width} characters (0 or less: values whole).
     * Null prints as {@code null}; floats print in the fewest digits that read back as the same
     * value, in plain notation from 1e-7 up to 1e16. {@code df.show(20, 80)}
     */
    public void show(int n, int width) {
        try (Table t = limit(n).toTable()) {
            System.out.println(t.format(n, width));
        }
    }

    /** Prints the schema as Spark's printSchema() does ({@code root}, then {@code |-- name: type (nullable = true)}). */
    public void printSchema() {
        System.out.print(schema().treeString());
    }

    /** The logical plan as text. */
    public String explain() {
        return explain(false);
    }

    /** With showAll, also the optimized logical plan and the physical (Flink) plan. */
    public String explain(boolean showAll) {
        StringBuilder sb = new StringBuilder("== Unoptimized Logical Plan ==\n").append(PlanPrinter.print(plan));
        if (showAll) {
            LogicalPlan optimized = Optimizer.standard().optimize(plan); // explains without filling caches
            sb.append("\n== Optimized Logical Plan ==\n").append(PlanPrinter.print(optimized));
            sb.append("\n== Physical Plan ==\n").append(executor.explainPhysical(optimized));
        }
        return sb.toString();
    }

    /**
     * The plan in a format: {@link Format#TEXT} is {@link #explain()}; {@link Format#MERMAID} and
     * {@link Format#DOT} draw the physical plan's stages (one Flink operator each, with its steps)
     * and the exchanges between them. Nothing runs. {@code df.explain(Format.MERMAID)}
     */
    public String explain(Format format) {
        java.util.Objects.requireNonNull(format, "format");
        return format == Format.TEXT ? explain() : executor.explainPhysical(optimizedPlan(), format);
    }

    /**
     * Runs the plan (the result is dropped) and returns the physical plan annotated with what each
     * stage and step did: rows and batches in and out, bytes, time, peak Arrow memory, spilling,
     * pruning counts, and per stage the parallelism and min / median / max rows per subtask, like
     * DuckDB's {@code EXPLAIN ANALYZE}. {@code System.out.println(df.explainAnalyze());}
     */
    public String explainAnalyze() {
        return explainAnalyze(Format.TEXT);
    }

    /** {@link #explainAnalyze()} drawn as {@link #explain(Format)} draws, the figures on the edges. */
    public String explainAnalyze(Format format) {
        java.util.Objects.requireNonNull(format, "format");
        return executor.explainAnalyze(optimizedPlan(), format);
    }

    @Override
    public String toString() {
        return "DataFrame(" + String.join(", ", columnNames()) + ")";
    }

    // ---- results as streams, rows and objects ------------------------------------------------

    /**
     * Runs the plan and streams its result batches as the job produces them: the client holds one
     * fetched batch at a time and the job waits when the reader does not read (Flink's collect sink
     * has a bounded buffer; what the job produced before that waits in its blocking shuffle files on
     * disk). A globally sorted result's ranges arrive interleaved: the first streams as it comes, the
     * later ones wait until the job has ended, on the client heap up to
     * {@code floe.collect.spill-threshold} and in local files past it (deleted when the reader is
     * closed or the session closes). Close the reader (it cancels a job that still runs).
     * {@code try (ArrowReader r = df.toArrowReader()) { while (r.loadNextBatch()) { r.getVectorSchemaRoot(); } }}
     */
    public org.apache.arrow.vector.ipc.ArrowReader toArrowReader() {
        return Results.arrowReader(schema(), executor.stream(optimizedPlan(), "toArrowReader"));
    }

    /**
     * Streams the result as one {@link Table} per batch (see {@link #toArrowReader()} for how it
     * streams); each table is yours to close. {@code try (var it = df.iterBatches()) { while (it.hasNext()) { try (Table t = it.next()) { ... } } }}
     */
    public CloseableIterator<Table> iterBatches() {
        Schema schema = schema();
        return Results.map(executor.stream(optimizedPlan(), "iterBatches"), b -> Table.of(schema, List.of(b)));
    }

    /**
     * Streams the result rows, each a list of Java values (API.md's classes), holding one batch at a
     * time. Close it when you stop early. {@code try (var rows = df.iterator()) { rows.forEachRemaining(System.out::println); }}
     */
    public CloseableIterator<List<Object>> iterator() {
        return Results.rows(executor.stream(optimizedPlan(), "iterator"), Results.RowView::toList);
    }

    /**
     * Runs the plan and returns every row as an object of a Java record or bean, matched by column
     * name; names and types are checked before the job runs (see {@code RowClass}: e.g. an int64
     * column reads into {@code long}/{@code Long}, a string into {@code String}).
     * {@code record Person(String name, long age) {}  List<Person> people = df.as(Person.class);}
     */
    public <T> List<T> as(Class<T> type) {
        try (java.util.stream.Stream<T> rows = stream(type)) {
            return rows.toList();
        }
    }

    /**
     * Like {@link #as(Class)}, as a lazy stream over the streamed result (one batch held at a time);
     * close it, e.g. with try-with-resources. {@code try (Stream<Person> s = df.stream(Person.class)) { ... }}
     */
    public <T> java.util.stream.Stream<T> stream(Class<T> type) {
        RowClass<T> rows = RowClass.of(type, schema());
        CloseableIterator<T> it = Results.rows(executor.stream(optimizedPlan(), "stream"), rows::map);
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(it,
                java.util.Spliterator.ORDERED), false).onClose(it::close);
    }

    /** The first n rows (any n rows when unsorted) as lists of Java values. {@code df.sort(col("a")).head(5)} */
    public List<List<Object>> head(int n) {
        try (Table t = limit(n).toTable()) {
            return t.toRows();
        }
    }

    /** Same as {@link #head(int)} (Spark's name). */
    public List<List<Object>> take(int n) {
        return head(n);
    }

    /** The first row (any row when unsorted), or null when there is none. */
    public List<Object> first() {
        List<List<Object>> rows = head(1);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
