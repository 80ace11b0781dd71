package dev.floe.fuzz;

import static dev.floe.api.Functions.coalesce;
import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.concatStr;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.when;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Random DataFrame programs, each built three ways at once: the Floe {@link DataFrame}, the DuckDB
 * SQL that means the same (Floe's semantics from API.md spelled out in SQL), and Java-like text of
 * the program for the reproducer. Relations nest 1 to 3 levels: scans, filters, projections,
 * aggregations (grouped and global), joins of every type and strategy, cross joins, distinct,
 * sorts with limits, repartitions; the root is sometimes sorted and then compared in order.
 *
 * <p>Extension point: set operations ({@code concat}, {@code union}, {@code intersect},
 * {@code except}, their ALL forms) and window functions do not exist yet. Add each as one more
 * {@link Op} with its builder method (shaped like {@link #join}: Floe frame, SQL text, Java text,
 * output columns) and its case in {@link #relation}; a window becomes an expression kind in
 * {@link #expr} once {@code Expression.over} exists.
 */
final class QueryGenerator {

    /** A generated expression: Floe, SQL, Java text and its Floe result type. */
    record E(Expression floe, String sql, String java, FuzzType type) {
    }

    /**
     * A column of a generated relation; {@code computed}: its values come from a generated expression
     * or aggregation rather than straight from a table.
     */
    record Col(String name, FuzzType type, boolean computed) {
        Col(String name, FuzzType type) {
            this(name, type, false);
        }

        /**
         * A computed float64 (a sum, mean, variance, quotient) may differ between the engines in its
         * last bits (summation order, libm), which is no wrong answer; equality on it (a join key) or
         * its order (a sort key before others) would turn that into a different result.
         */
        boolean inexact() {
            return computed && type == FuzzType.FLOAT64;
        }
    }

    /**
     * A generated relation. {@code sql} is a complete SELECT statement; {@code order} (root only)
     * is the ORDER BY text of an ordered result whose first {@code orderedKeys} columns are the keys.
     */
    record Rel(DataFrame df, String sql, String java, List<Col> cols, String order, long limit, int orderedKeys) {
        Rel(DataFrame df, String sql, String java, List<Col> cols) {
            this(df, sql, java, cols, null, -1, 0);
        }

        List<String> names() {
            return cols.stream().map(Col::name).toList();
        }
    }

    enum Op { FILTER, PROJECT, WITH_COLUMN, AGGREGATE, GLOBAL_AGGREGATE, JOIN, CROSS_JOIN, DISTINCT, SORT_LIMIT,
        REPARTITION
        // extension point: CONCAT (union all), UNION, INTERSECT(_ALL), EXCEPT(_ALL) once DataFrame has them
        // (API.md "Second wave"): build two filtered copies of one relation (same schema by construction),
        // SQL "(A) UNION ALL (B)" etc.; windows become an expression kind once Expression.over exists
    }

    /** Joins and aggregations (where engines differ most) come up more often than the other operators. */
    private static final Op[] WEIGHTED = weighted(Map.of(Op.FILTER, 2, Op.PROJECT, 2, Op.WITH_COLUMN, 1, Op.AGGREGATE, 3,
            Op.GLOBAL_AGGREGATE, 1, Op.JOIN, 4, Op.CROSS_JOIN, 1, Op.DISTINCT, 2, Op.SORT_LIMIT, 1, Op.REPARTITION, 1));

    private static Op[] weighted(Map<Op, Integer> weights) {
        List<Op> out = new ArrayList<>();
        for (Op op : Op.values()) {
            for (int i = 0; i < weights.get(op); i++) {
                out.add(op);
            }
        }
        return out.toArray(Op[]::new);
    }

    private final Random r;
    private final List<FuzzTable> tables;
    private final Map<String, DataFrame> frames;
    private int names;
    private int aliases;

    QueryGenerator(Random r, List<FuzzTable> tables, Map<String, DataFrame> frames) {
        this.r = r;
        this.tables = tables;
        this.frames = frames;
    }

    /** One random program; the root is ordered in about a quarter of the programs. */
    Rel query() {
        Rel rel = relation(1 + r.nextInt(3));
        if (r.nextInt(4) == 0 && !rel.cols.isEmpty()) {
            return orderedRoot(rel);
        }
        return rel;
    }

    private String fresh() {
        return "e" + (names++);
    }

    private String alias() {
        return "q" + (aliases++);
    }

    // ---------------------------------------------------------------- relations

    Rel relation(int depth) {
        if (depth <= 0) {
            return scan();
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Op op = WEIGHTED[r.nextInt(WEIGHTED.length)];
            Rel out = switch (op) {
                case FILTER -> filter(relation(depth - 1));
                case PROJECT -> project(relation(depth - 1));
                case WITH_COLUMN -> withColumn(relation(depth - 1));
                case AGGREGATE -> aggregate(relation(depth - 1), true);
                case GLOBAL_AGGREGATE -> aggregate(relation(depth - 1), false);
                case JOIN -> join(relation(depth - 1), r.nextBoolean() ? scan() : relation(depth - 1));
                case CROSS_JOIN -> crossJoin(relation(depth - 1), scan());
                case DISTINCT -> distinct(relation(depth - 1));
                case SORT_LIMIT -> sortLimit(relation(depth - 1));
                case REPARTITION -> repartition(relation(depth - 1));
            };
            if (out != null) {
                return out;
            }
        }
        return filter(scan());
    }

    Rel scan() {
        FuzzTable t = tables.get(r.nextInt(tables.size()));
        List<Col> cols = new ArrayList<>();
        for (int c = 0; c < t.columns.size(); c++) {
            cols.add(new Col(t.columns.get(c), t.types.get(c)));
        }
        return new Rel(frames.get(t.name), "SELECT * FROM " + t.name, t.name, cols);
    }

    Rel filter(Rel in) {
        E p = expr(in.cols, FuzzType.BOOL, 2);
        return new Rel(in.df.where(p.floe), "SELECT * FROM (" + in.sql + ") " + alias() + " WHERE " + p.sql,
                in.java + "\n  .where(" + p.java + ")", in.cols);
    }

    Rel project(Rel in) {
        List<Expression> fs = new ArrayList<>();
        StringJoiner sql = new StringJoiner(", ");
        StringJoiner java = new StringJoiner(", ");
        List<Col> cols = new ArrayList<>();
        for (Col c : in.cols) {
            if (r.nextInt(3) > 0) {
                fs.add(col(c.name));
                sql.add(q(c.name));
                java.add("col(\"" + c.name + "\")");
                cols.add(c);
            }
        }
        int computed = (cols.isEmpty() ? 1 : 0) + r.nextInt(3);
        for (int i = 0; i < computed; i++) {
            addAliased(expr(in.cols, randomType(in.cols), 3), fs, sql, java, cols);
        }
        return new Rel(in.df.select(fs.toArray(Expression[]::new)),
                "SELECT " + sql + " FROM (" + in.sql + ") " + alias(), in.java + "\n  .select(" + java + ")", cols);
    }

    /** Adds {@code e} under a fresh name to a Floe list, a SQL select list, a Java argument list and the columns. */
    private void addAliased(E e, List<Expression> floe, StringJoiner sql, StringJoiner java, List<Col> cols) {
        String n = fresh();
        floe.add(e.floe.alias(n));
        sql.add(e.sql + " AS " + q(n));
        java.add(e.java + ".alias(\"" + n + "\")");
        cols.add(new Col(n, e.type, true));
    }

    Rel withColumn(Rel in) {
        E e = expr(in.cols, randomType(in.cols), 3);
        boolean replace = r.nextInt(3) == 0;
        String n = replace ? in.cols.get(r.nextInt(in.cols.size())).name : fresh();
        StringJoiner sql = new StringJoiner(", ");
        List<Col> cols = new ArrayList<>();
        for (Col c : in.cols) {
            if (c.name.equals(n)) {
                sql.add(e.sql + " AS " + q(n));
                cols.add(new Col(n, e.type, true));
            } else {
                sql.add(q(c.name));
                cols.add(c);
            }
        }
        if (!replace) {
            sql.add(e.sql + " AS " + q(n));
            cols.add(new Col(n, e.type, true));
        }
        return new Rel(in.df.withColumn(n, e.floe), "SELECT " + sql + " FROM (" + in.sql + ") " + alias(),
                in.java + "\n  .withColumn(\"" + n + "\", " + e.java + ")", cols);
    }

    Rel aggregate(Rel in, boolean grouped) {
        List<Expression> keys = new ArrayList<>();
        StringJoiner sql = new StringJoiner(", ");
        StringJoiner keyJava = new StringJoiner(", ");
        List<Col> cols = new ArrayList<>();
        Set<String> used = new HashSet<>();
        int nKeys = grouped ? 1 + r.nextInt(2) : 0;
        for (int i = 0; i < nKeys; i++) {
            if (r.nextInt(4) == 0) {
                addAliased(expr(in.cols, randomType(in.cols), 2), keys, sql, keyJava, cols);
            } else {
                Col c = in.cols.get(r.nextInt(in.cols.size()));
                if (!used.add(c.name)) {
                    continue;
                }
                keys.add(col(c.name));
                sql.add(q(c.name));
                keyJava.add("col(\"" + c.name + "\")");
                cols.add(c);
            }
        }
        int groupCount = cols.size();
        List<Expression> aggs = new ArrayList<>();
        StringJoiner aggJava = new StringJoiner(", ");
        int nAggs = 1 + r.nextInt(3);
        for (int i = 0; i < nAggs; i++) {
            addAliased(aggregation(in.cols), aggs, sql, aggJava, cols);
        }
        StringJoiner groupBy = new StringJoiner(", ");
        for (int i = 1; i <= groupCount; i++) {
            groupBy.add(Integer.toString(i));
        }
        String text = "SELECT " + sql + " FROM (" + in.sql + ") " + alias() + (groupCount > 0 ? " GROUP BY " + groupBy : "");
        Expression[] aggArray = aggs.toArray(Expression[]::new);
        if (groupCount == 0) {
            return typed(new Rel(in.df.agg(aggArray), text, in.java + "\n  .agg(" + aggJava + ")", cols));
        }
        return typed(new Rel(in.df.groupBy(keys.toArray(Expression[]::new)).agg(aggArray), text,
                in.java + "\n  .groupBy(" + keyJava + ").agg(" + aggJava + ")", cols));
    }

    /** Aggregation result types come from Floe's own schema (sum of int32 is int64, mean is float64, ...). */
    private Rel typed(Rel rel) {
        List<Col> cols = new ArrayList<>();
        List<Field> fields = rel.df.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            FuzzType t = FuzzType.of(fields.get(i).type());
            if (t == null) {
                return null;
            }
            cols.add(new Col(fields.get(i).name(), t, i < rel.cols.size() && rel.cols.get(i).computed));
        }
        return new Rel(rel.df, rel.sql, rel.java, cols, rel.order, rel.limit, rel.orderedKeys);
    }

    private E aggregation(List<Col> cols) {
        Col c = cols.get(r.nextInt(cols.size()));
        String x = q(c.name);
        String j = "col(\"" + c.name + "\")";
        Expression e = col(c.name);
        int pick = r.nextInt(10);
        if (pick == 0) {
            return new E(count(), "count(*)", "count()", FuzzType.INT64);
        }
        if (pick == 1) {
            return new E(e.count(), "count(" + x + ")", j + ".count()", FuzzType.INT64);
        }
        if (pick == 2) {
            return new E(e.countDistinct(), "count(DISTINCT " + x + ")", j + ".countDistinct()", FuzzType.INT64);
        }
        if (c.type == FuzzType.BOOL) {
            return new E(e.count(), "count(" + x + ")", j + ".count()", FuzzType.INT64);
        }
        if (pick <= 5 || !c.type.isNumeric()) {
            boolean min = r.nextBoolean();
            return new E(min ? e.min() : e.max(), (min ? "min(" : "max(") + x + ")", j + (min ? ".min()" : ".max()"), c.type);
        }
        return switch (pick) {
            case 6 -> new E(e.sum(), "sum(" + x + ")", j + ".sum()", null);
            case 7 -> new E(e.mean(), "avg(" + x + ")", j + ".mean()", FuzzType.FLOAT64);
            case 8 -> new E(e.stddev(), "stddev_samp(" + x + ")", j + ".stddev()", FuzzType.FLOAT64);
            default -> new E(e.variance(), "var_samp(" + x + ")", j + ".variance()", FuzzType.FLOAT64);
        };
    }

    private static final JoinType[] JOIN_TYPES = JoinType.values();

    Rel join(Rel left, Rel right) {
        JoinType how = JOIN_TYPES[r.nextInt(JOIN_TYPES.length)];
        int nKeys = 1 + (r.nextInt(4) == 0 ? 1 : 0);
        List<Col> lk = new ArrayList<>();
        List<Col> rk = new ArrayList<>();
        for (int i = 0; i < nKeys; i++) {
            Col l = left.cols.get(i == 0 && r.nextBoolean() ? 0 : r.nextInt(left.cols.size()));
            List<Col> partners = right.cols.stream().filter(c -> joinable(l, c)).toList();
            if (partners.isEmpty()) {
                continue;
            }
            Col same = partners.stream().filter(c -> c.name.equals(l.name)).findFirst().orElse(null);
            lk.add(l);
            rk.add(same != null && r.nextBoolean() ? same : partners.get(r.nextInt(partners.size())));
        }
        if (lk.isEmpty()) {
            return null;
        }
        // Floe's output naming: right keys equal by name to their left key merge; other right names that
        // exist on the left get the prefix "right."
        Set<String> merged = new HashSet<>();
        for (int i = 0; i < lk.size(); i++) {
            if (lk.get(i).name.equals(rk.get(i).name)) {
                merged.add(rk.get(i).name);
            }
        }
        Set<String> leftNames = new HashSet<>(left.names());
        String la = alias();
        String ra = alias();
        StringJoiner select = new StringJoiner(", ");
        List<Col> cols = new ArrayList<>();
        for (Col c : left.cols) {
            String v = la + "." + q(c.name);
            if (merged.contains(c.name) && how == JoinType.OUTER) {
                v = "coalesce(" + v + ", " + ra + "." + q(c.name) + ")";
            } else if (merged.contains(c.name) && how == JoinType.RIGHT) {
                v = ra + "." + q(c.name);
            }
            select.add(v + " AS " + q(c.name));
            cols.add(c);
        }
        boolean leftOnly = how == JoinType.SEMI || how == JoinType.ANTI;
        Set<String> outNames = new HashSet<>(leftNames);
        if (!leftOnly) {
            for (Col c : right.cols) {
                if (merged.contains(c.name)) {
                    continue;
                }
                String n = leftNames.contains(c.name) ? "right." + c.name : c.name;
                if (!outNames.add(n)) {
                    return null;
                }
                select.add(ra + "." + q(c.name) + " AS " + q(n));
                cols.add(new Col(n, c.type, c.computed));
            }
        }
        StringJoiner on = new StringJoiner(" AND ");
        List<Expression> lf = new ArrayList<>();
        List<Expression> rf = new ArrayList<>();
        StringJoiner lj = new StringJoiner(", ");
        StringJoiner rj = new StringJoiner(", ");
        for (int i = 0; i < lk.size(); i++) {
            on.add(la + "." + q(lk.get(i).name) + " = " + ra + "." + q(rk.get(i).name));
            lf.add(col(lk.get(i).name));
            rf.add(col(rk.get(i).name));
            lj.add("col(\"" + lk.get(i).name + "\")");
            rj.add("col(\"" + rk.get(i).name + "\")");
        }
        JoinStrategy strategy = JoinStrategy.values()[r.nextInt(JoinStrategy.values().length)];
        if (strategy == JoinStrategy.SORT_MERGE && how != JoinType.INNER) {
            strategy = JoinStrategy.AUTO;
        }
        String sql;
        if (leftOnly) {
            sql = "SELECT * FROM (" + left.sql + ") " + la + " WHERE " + (how == JoinType.ANTI ? "NOT " : "")
                    + "EXISTS (SELECT 1 FROM (" + right.sql + ") " + ra + " WHERE " + on + ")";
        } else {
            String kind = switch (how) {
                case INNER -> "JOIN";
                case LEFT -> "LEFT JOIN";
                case RIGHT -> "RIGHT JOIN";
                default -> "FULL OUTER JOIN";
            };
            sql = "SELECT " + select + " FROM (" + left.sql + ") " + la + " " + kind + " (" + right.sql + ") " + ra + " ON " + on;
        }
        DataFrame df = left.df.join(right.df, lf, rf, how, strategy);
        String java = "(" + indent(left.java) + ")\n  .join(" + indent(right.java) + ",\n    List.of(" + lj + "), List.of(" + rj
                + "), JoinType." + how + ", JoinStrategy." + strategy + ")";
        return typed(new Rel(df, sql, java, cols));
    }

    /** Equal types or two integer types, and no computed float64 on either side (see {@link Col#inexact}). */
    private static boolean joinable(Col a, Col b) {
        return !a.inexact() && !b.inexact() && (a.type == b.type || (a.type.isInteger() && b.type.isInteger()));
    }

    Rel crossJoin(Rel left, Rel right) {
        Set<String> leftNames = new HashSet<>(left.names());
        String la = alias();
        String ra = alias();
        StringJoiner select = new StringJoiner(", ");
        List<Col> cols = new ArrayList<>(left.cols);
        for (Col c : left.cols) {
            select.add(la + "." + q(c.name));
        }
        Set<String> outNames = new HashSet<>(leftNames);
        for (Col c : right.cols) {
            String n = leftNames.contains(c.name) ? "right." + c.name : c.name;
            if (!outNames.add(n)) {
                return null;
            }
            select.add(ra + "." + q(c.name) + " AS " + q(n));
            cols.add(new Col(n, c.type, c.computed));
        }
        return new Rel(left.df.crossJoin(right.df),
                "SELECT " + select + " FROM (" + left.sql + ") " + la + " CROSS JOIN (" + right.sql + ") " + ra,
                "(" + indent(left.java) + ")\n  .crossJoin(" + indent(right.java) + ")", cols);
    }

    Rel distinct(Rel in) {
        return new Rel(in.df.distinct(), "SELECT DISTINCT * FROM (" + in.sql + ") " + alias(), in.java + "\n  .distinct()",
                in.cols);
    }

    /** A sort on every column (so that the limit picks the same rows in both engines), then a limit. */
    Rel sortLimit(Rel in) {
        List<Col> keys = new ArrayList<>(in.cols);
        java.util.Collections.shuffle(keys, r);
        keys = computedFloatsLast(keys);
        SortSpec spec = sortSpec(keys);
        long n = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(20);
        return new Rel(in.df.sort(spec.floe).limit(n),
                "SELECT * FROM (" + in.sql + ") " + alias() + " ORDER BY " + spec.sql + " LIMIT " + n,
                in.java + "\n  .sort(" + spec.java + ").limit(" + n + ")", in.cols);
    }

    /**
     * Computed float64 columns can order near-ties either way ({@link Col#inexact}): they sort after
     * every exact key, where such a swap changes nothing the comparison sees.
     */
    private static List<Col> computedFloatsLast(List<Col> keys) {
        List<Col> out = new ArrayList<>();
        keys.stream().filter(c -> !c.inexact()).forEach(out::add);
        keys.stream().filter(Col::inexact).forEach(out::add);
        return out;
    }

    private record SortSpec(Expression[] floe, String sql, String java) {
    }

    private SortSpec sortSpec(List<Col> keys) {
        Expression[] fs = new Expression[keys.size()];
        StringJoiner sql = new StringJoiner(", ");
        StringJoiner java = new StringJoiner(", ");
        for (int i = 0; i < keys.size(); i++) {
            Col c = keys.get(i);
            boolean desc = r.nextBoolean();
            int nulls = r.nextInt(3); // 0: default (asc: last, desc: first), 1: first, 2: last
            Expression e = col(c.name);
            String j = "col(\"" + c.name + "\")";
            if (desc) {
                e = e.desc();
                j += ".desc()";
            }
            boolean nullsFirst = nulls == 0 ? desc : nulls == 1;
            if (nulls == 1) {
                e = e.nullsFirst();
                j += ".nullsFirst()";
            } else if (nulls == 2) {
                e = e.nullsLast();
                j += ".nullsLast()";
            }
            fs[i] = e;
            sql.add(q(c.name) + (desc ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST"));
            java.add(j);
        }
        return new SortSpec(fs, sql.toString(), java.toString());
    }

    Rel repartition(Rel in) {
        int n = 1 + r.nextInt(5);
        if (r.nextBoolean()) {
            return new Rel(in.df.intoPartitions(n), in.sql, in.java + "\n  .intoPartitions(" + n + ")", in.cols);
        }
        Col c = in.cols.get(r.nextInt(in.cols.size()));
        return new Rel(in.df.repartition(n, col(c.name)), in.sql,
                in.java + "\n  .repartition(" + n + ", col(\"" + c.name + "\"))", in.cols);
    }

    /** The root sorted on one to three columns (partial order: ties compare as a multiset), maybe limited. */
    Rel orderedRoot(Rel in) {
        List<Col> keys = new ArrayList<>(in.cols);
        java.util.Collections.shuffle(keys, r);
        boolean limited = r.nextBoolean();
        if (!limited) {
            keys = keys.subList(0, Math.min(keys.size(), 1 + r.nextInt(3)));
        }
        keys = computedFloatsLast(keys);
        SortSpec spec = sortSpec(keys);
        List<Col> cols = new ArrayList<>(keys);
        for (Col c : in.cols) {
            if (!keys.contains(c)) {
                cols.add(c);
            }
        }
        Expression[] out = cols.stream().map(c -> col(c.name)).toArray(Expression[]::new);
        DataFrame df = in.df.sort(spec.floe);
        String java = in.java + "\n  .sort(" + spec.java + ")";
        long n = -1;
        if (limited) {
            n = 1 + r.nextInt(30);
            df = df.limit(n);
            java += ".limit(" + n + ")";
        }
        df = df.select(out);
        java += "\n  .select(" + String.join(", ", cols.stream().map(c -> "col(\"" + c.name + "\")").toList()) + ")";
        return new Rel(df, in.sql, java, cols, spec.sql, n, keys.size());
    }

    // ---------------------------------------------------------------- expressions

    private FuzzType randomType(List<Col> cols) {
        return r.nextInt(3) == 0 ? FuzzType.values()[r.nextInt(FuzzType.values().length)]
                : cols.get(r.nextInt(cols.size())).type;
    }

    private E leaf(List<Col> cols, FuzzType t) {
        List<Col> ofType = cols.stream().filter(c -> c.type == t).toList();
        if (!ofType.isEmpty() && r.nextInt(4) > 0) {
            Col c = ofType.get(r.nextInt(ofType.size()));
            return new E(col(c.name), q(c.name), "col(\"" + c.name + "\")", t);
        }
        return literal(t);
    }

    private E literal(FuzzType t) {
        Object v = t.value(r, 20);
        if (v instanceof Double d && d.isNaN()) {
            // no NaN literals (NaN stays in the tables): DuckDB (JDBC 2.0.0.1) rewrites '-x >= NaN' to 'x <= NaN', true for
            // every x although NaN is its greatest value, so '-(+inf) >= NaN' is true there (seed 33 query 604)
            v = Double.POSITIVE_INFINITY;
        }
        return new E(lit(v), t.sqlLiteral(v), "lit(" + t.javaLiteral(v) + ")", t);
    }

    /** An expression of type {@code t} over the columns, nesting at most {@code depth} levels. */
    E expr(List<Col> cols, FuzzType t, int depth) {
        if (depth <= 0 || r.nextInt(4) == 0) {
            return leaf(cols, t);
        }
        E e = switch (t) {
            case BOOL -> bool(cols, depth);
            case INT32, INT64, FLOAT64, DECIMAL -> numeric(cols, t, depth);
            case STRING -> string(cols, depth);
            case DATE -> date(cols, depth);
            default -> generic(cols, t, depth);
        };
        return e != null && e.type == t ? e : leaf(cols, t);
    }

    private E generic(List<Col> cols, FuzzType t, int depth) {
        E a = expr(cols, t, depth - 1);
        E b = expr(cols, t, depth - 1);
        switch (r.nextInt(3)) {
            case 0:
                return new E(coalesce(a.floe, b.floe), "coalesce(" + a.sql + ", " + b.sql + ")",
                        "coalesce(" + a.java + ", " + b.java + ")", t);
            case 1: {
                E c = expr(cols, FuzzType.BOOL, depth - 1);
                return new E(when(c.floe).then(a.floe).otherwise(b.floe),
                        "CASE WHEN " + c.sql + " THEN " + a.sql + " ELSE " + b.sql + " END",
                        "when(" + c.java + ").then(" + a.java + ").otherwise(" + b.java + ")", t);
            }
            default: {
                E l = literal(t);
                return new E(a.floe.fillNull(l.floe), "coalesce(" + a.sql + ", " + l.sql + ")",
                        a.java + ".fillNull(" + l.java + ")", t);
            }
        }
    }

    private E bool(List<Col> cols, int depth) {
        int pick = r.nextInt(12);
        FuzzType any = randomType(cols);
        switch (pick) {
            case 0, 1, 2: {
                E a = expr(cols, any, depth - 1);
                E b = expr(cols, any == FuzzType.BOOL ? any : comparableTo(any), depth - 1);
                String[][] ops = {{"eq", "="}, {"neq", "<>"}, {"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="}};
                String[] op = ops[r.nextInt(ops.length)];
                Expression f = switch (op[0]) {
                    case "eq" -> a.floe.eq(b.floe);
                    case "neq" -> a.floe.neq(b.floe);
                    case "lt" -> a.floe.lt(b.floe);
                    case "le" -> a.floe.le(b.floe);
                    case "gt" -> a.floe.gt(b.floe);
                    default -> a.floe.ge(b.floe);
                };
                return new E(f, "(" + a.sql + " " + op[1] + " " + b.sql + ")", a.java + "." + op[0] + "(" + b.java + ")",
                        FuzzType.BOOL);
            }
            case 3: {
                E a = expr(cols, FuzzType.BOOL, depth - 1);
                E b = expr(cols, FuzzType.BOOL, depth - 1);
                boolean and = r.nextBoolean();
                return new E(and ? a.floe.and(b.floe) : a.floe.or(b.floe),
                        "(" + a.sql + (and ? " AND " : " OR ") + b.sql + ")",
                        a.java + (and ? ".and(" : ".or(") + b.java + ")", FuzzType.BOOL);
            }
            case 4: {
                E a = expr(cols, FuzzType.BOOL, depth - 1);
                return new E(a.floe.not(), "(NOT " + a.sql + ")", a.java + ".not()", FuzzType.BOOL);
            }
            case 5: {
                E a = expr(cols, any, depth - 1);
                boolean isNull = r.nextBoolean();
                return new E(isNull ? a.floe.isNull() : a.floe.notNull(),
                        "(" + a.sql + (isNull ? " IS NULL)" : " IS NOT NULL)"), a.java + (isNull ? ".isNull()" : ".notNull()"),
                        FuzzType.BOOL);
            }
            case 6: {
                E a = expr(cols, any, depth - 1);
                E b = expr(cols, any, depth - 1);
                return new E(a.floe.eqNullSafe(b.floe), "(" + a.sql + " IS NOT DISTINCT FROM " + b.sql + ")",
                        a.java + ".eqNullSafe(" + b.java + ")", FuzzType.BOOL);
            }
            case 7: {
                if (any == FuzzType.BOOL) {
                    return null;
                }
                E a = expr(cols, any, depth - 1);
                E lo = literal(any);
                E hi = literal(any);
                return new E(a.floe.between(lo.floe, hi.floe), "(" + a.sql + " BETWEEN " + lo.sql + " AND " + hi.sql + ")",
                        a.java + ".between(" + lo.java + ", " + hi.java + ")", FuzzType.BOOL);
            }
            case 8: {
                E a = expr(cols, any, depth - 1);
                int n = 1 + r.nextInt(3);
                Object[] values = new Object[n];
                StringJoiner sql = new StringJoiner(", ");
                StringJoiner java = new StringJoiner(", ");
                for (int i = 0; i < n; i++) {
                    values[i] = any.value(r, 20);
                    sql.add(any.sqlLiteral(values[i]));
                    java.add(any.javaLiteral(values[i]));
                }
                return new E(a.floe.isIn(values), "(" + a.sql + " IN (" + sql + "))", a.java + ".isIn(" + java + ")",
                        FuzzType.BOOL);
            }
            case 9: {
                E s = expr(cols, FuzzType.STRING, depth - 1);
                String needle = (String) FuzzType.STRING.value(r, 8);
                String lit = FuzzType.STRING.sqlLiteral(needle);
                String jl = FuzzType.STRING.javaLiteral(needle);
                return switch (r.nextInt(4)) {
                    case 0 -> new E(s.floe.str().contains(needle), "contains(" + s.sql + ", " + lit + ")",
                            s.java + ".str().contains(" + jl + ")", FuzzType.BOOL);
                    case 1 -> new E(s.floe.str().startsWith(needle), "starts_with(" + s.sql + ", " + lit + ")",
                            s.java + ".str().startsWith(" + jl + ")", FuzzType.BOOL);
                    case 2 -> new E(s.floe.str().endsWith(needle), "ends_with(" + s.sql + ", " + lit + ")",
                            s.java + ".str().endsWith(" + jl + ")", FuzzType.BOOL);
                    default -> {
                        String pattern = r.nextBoolean() ? needle + "%" : "%" + needle.replace('b', '_');
                        yield new E(s.floe.str().like(pattern), "(" + s.sql + " LIKE " + FuzzType.STRING.sqlLiteral(pattern) + ")",
                                s.java + ".str().like(" + FuzzType.STRING.javaLiteral(pattern) + ")", FuzzType.BOOL);
                    }
                };
            }
            default:
                return generic(cols, FuzzType.BOOL, depth);
        }
    }

    /** Types a comparison with {@code t} accepts: numerics compare with numerics, the rest with themselves. */
    private FuzzType comparableTo(FuzzType t) {
        if (t.isNumeric() && r.nextInt(3) == 0) {
            FuzzType[] nums = {FuzzType.INT32, FuzzType.INT64, FuzzType.FLOAT64, FuzzType.DECIMAL};
            return nums[r.nextInt(nums.length)];
        }
        return t;
    }

    private E numeric(List<Col> cols, FuzzType t, int depth) {
        int pick = r.nextInt(12);
        if (pick <= 3) {
            // same-type arithmetic keeps the type (Floe and DuckDB agree on int32 + int32 = int32)
            E a = expr(cols, t, depth - 1);
            E b = expr(cols, t, depth - 1);
            String[][] ops = {{"add", "+"}, {"sub", "-"}, {"mul", "*"}};
            String[] op = ops[r.nextInt(t == FuzzType.DECIMAL ? 2 : 3)];
            Expression f = switch (op[0]) {
                case "add" -> a.floe.add(b.floe);
                case "sub" -> a.floe.sub(b.floe);
                default -> a.floe.mul(b.floe);
            };
            return withFloeType(f, "(" + a.sql + " " + op[1] + " " + b.sql + ")", a.java + "." + op[0] + "(" + b.java + ")", cols);
        }
        switch (pick) {
            case 4: {
                if (t != FuzzType.FLOAT64) {
                    return null;
                }
                FuzzType[] nums = {FuzzType.INT32, FuzzType.INT64, FuzzType.FLOAT64, FuzzType.DECIMAL};
                E a = expr(cols, nums[r.nextInt(4)], depth - 1);
                E b = expr(cols, nums[r.nextInt(4)], depth - 1);
                return new E(a.floe.div(b.floe), "(CAST(" + a.sql + " AS DOUBLE) / CAST(" + b.sql + " AS DOUBLE))",
                        a.java + ".div(" + b.java + ")", FuzzType.FLOAT64);
            }
            case 5: {
                if (!t.isInteger()) {
                    return null;
                }
                E a = expr(cols, t, depth - 1);
                E b = expr(cols, t, depth - 1);
                // integer mod/floorDiv by zero is null in Floe (API.md); DuckDB raises an error unless the divisor is null
                String sb = "NULLIF(" + b.sql + ", 0)";
                if (r.nextBoolean()) {
                    return new E(a.floe.mod(b.floe), "(" + a.sql + " % " + sb + ")", a.java + ".mod(" + b.java + ")", t);
                }
                String sa = a.sql;
                return new E(a.floe.floorDiv(b.floe), "((" + sa + " - (((" + sa + " % " + sb + ") + " + sb + ") % " + sb + ")) // " + sb + ")",
                        a.java + ".floorDiv(" + b.java + ")", t);
            }
            case 6: {
                E a = expr(cols, t, depth - 1);
                return r.nextBoolean() ? new E(a.floe.neg(), "(- " + a.sql + ")", a.java + ".neg()", t)
                        : new E(a.floe.abs(), "abs(" + a.sql + ")", a.java + ".abs()", t);
            }
            case 7: {
                E a = expr(cols, t, depth - 1);
                int k = r.nextInt(3);
                // Floe keeps the input type (API.md); DuckDB's round/ceil/floor of an integer may widen to DOUBLE
                String open = t.isInteger() ? "CAST(" : "";
                String close = t.isInteger() ? " AS " + t.sql + ")" : "";
                return switch (r.nextInt(3)) {
                    case 0 -> new E(a.floe.round(k), open + "round(" + a.sql + ", " + k + ")" + close, a.java + ".round(" + k + ")", t);
                    case 1 -> new E(a.floe.ceil(), open + "ceil(" + a.sql + ")" + close, a.java + ".ceil()", t);
                    default -> new E(a.floe.floor(), open + "floor(" + a.sql + ")" + close, a.java + ".floor()", t);
                };
            }
            case 8: {
                if (t != FuzzType.INT64) {
                    return null;
                }
                E s = expr(cols, FuzzType.STRING, depth - 1);
                return new E(s.floe.str().length(), "length(" + s.sql + ")", s.java + ".str().length()", t);
            }
            case 9: {
                // casts between numeric types that both engines define the same way (widening)
                FuzzType from = t == FuzzType.INT64 ? FuzzType.INT32 : t == FuzzType.FLOAT64 ? (r.nextBoolean()
                        ? FuzzType.INT64 : FuzzType.DECIMAL) : t == FuzzType.DECIMAL ? FuzzType.INT32 : null;
                if (from == null) {
                    return null;
                }
                E a = expr(cols, from, depth - 1);
                return new E(a.floe.cast(t.floe), "CAST(" + a.sql + " AS " + t.sql + ")",
                        a.java + ".cast(DataType." + t.floe + ")", t);
            }
            case 10: {
                if (!t.isInteger()) {
                    return null;
                }
                E d = expr(cols, FuzzType.DATE, depth - 1);
                return switch (r.nextInt(5)) {
                    case 0 -> withFloeType(d.floe.dt().year(), "year(" + d.sql + ")", d.java + ".dt().year()", cols);
                    case 1 -> withFloeType(d.floe.dt().month(), "month(" + d.sql + ")", d.java + ".dt().month()", cols);
                    case 2 -> withFloeType(d.floe.dt().day(), "day(" + d.sql + ")", d.java + ".dt().day()", cols);
                    case 3 -> withFloeType(d.floe.dt().dayOfWeek(), "(isodow(" + d.sql + ") - 1)", d.java + ".dt().dayOfWeek()", cols);
                    default -> withFloeType(d.floe.dt().dayOfYear(), "dayofyear(" + d.sql + ")", d.java + ".dt().dayOfYear()", cols);
                };
            }
            default:
                return generic(cols, t, depth);
        }
    }

    /** Types an expression as Floe does (a schema call, no execution). */
    private E withFloeType(Expression f, String sql, String java, List<Col> cols) {
        DataType type = typer.apply(cols).select(f.alias("t")).schema().fields().get(0).type();
        return new E(f, sql, java, FuzzType.of(type));
    }

    /** An empty frame of the given columns to type expressions on; set by the runner. */
    Function<List<Col>, DataFrame> typer;

    private E string(List<Col> cols, int depth) {
        E s = expr(cols, FuzzType.STRING, depth - 1);
        switch (r.nextInt(7)) {
            case 0:
                return new E(s.floe.str().upper(), "upper(" + s.sql + ")", s.java + ".str().upper()", FuzzType.STRING);
            case 1:
                return new E(s.floe.str().lower(), "lower(" + s.sql + ")", s.java + ".str().lower()", FuzzType.STRING);
            case 2: {
                int start = r.nextInt(3);
                int len = r.nextInt(4);
                return new E(s.floe.str().substr(start, len), "substring(" + s.sql + ", " + (start + 1) + ", " + len + ")",
                        s.java + ".str().substr(" + start + ", " + len + ")", FuzzType.STRING);
            }
            case 3: {
                E o = expr(cols, FuzzType.STRING, depth - 1);
                return r.nextBoolean()
                        ? new E(s.floe.str().concat(o.floe), "(" + s.sql + " || " + o.sql + ")",
                                s.java + ".str().concat(" + o.java + ")", FuzzType.STRING)
                        : new E(concatStr(s.floe, o.floe), "(" + s.sql + " || " + o.sql + ")",
                                "concatStr(" + s.java + ", " + o.java + ")", FuzzType.STRING);
            }
            case 4: {
                FuzzType from = r.nextBoolean() ? FuzzType.INT64 : FuzzType.DATE;
                E a = expr(cols, from, depth - 1);
                return new E(a.floe.cast(DataType.string()), "CAST(" + a.sql + " AS VARCHAR)",
                        a.java + ".cast(DataType.string())", FuzzType.STRING);
            }
            case 5:
                return new E(s.floe.str().replace("a", "xy"), "replace(" + s.sql + ", 'a', 'xy')",
                        s.java + ".str().replace(\"a\", \"xy\")", FuzzType.STRING);
            default:
                return generic(cols, FuzzType.STRING, depth);
        }
    }

    private E date(List<Col> cols, int depth) {
        if (r.nextBoolean()) {
            List<Col> ts = cols.stream().filter(c -> c.type == FuzzType.TIMESTAMP).toList();
            if (!ts.isEmpty()) {
                Col c = ts.get(r.nextInt(ts.size()));
                return new E(col(c.name).dt().date(), "CAST(" + q(c.name) + " AS DATE)", "col(\"" + c.name + "\").dt().date()",
                        FuzzType.DATE);
            }
        }
        return generic(cols, FuzzType.DATE, depth);
    }

    // ---------------------------------------------------------------- text helpers

    static String q(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String indent(String java) {
        return java.replace("\n", "\n  ");
    }
}
