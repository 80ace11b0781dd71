package dev.floe.api;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Grouping;
import dev.floe.api.expr.Literal;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Expand;
import dev.floe.api.plan.Project;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Plans {@code rollup}, {@code cube} and {@code groupingSets} as Spark does: one {@link Expand}
 * emits each input row once per grouping set (the set's keys, null for the keys it rolls up, and
 * the set's grouping id), one aggregation groups by every key plus the grouping id, and a
 * projection computes {@code grouping(k)} and {@code grouping_id()} from the id and drops it. The
 * input is read once. Only the set () (e.g. {@code rollup()} of no keys) is a global aggregation
 * instead, so that it gives its row also over no input (as Spark since SPARK-57775).
 *
 * <pre>
 * Project: a, b, s, CAST(__gid % 2 AS int32) AS grouping(b)
 *   Aggregate: sum(v) AS s by __gk0 AS a, __gk1 AS b, __gid
 *     Expand: 3 rows per row, __gk0 = [a, a, null], __gk1 = [b, null, null], __gid = [0, 1, 3]; keeps v
 *       Scan: t
 * </pre>
 */
final class GroupingSets {
    /** Grouping ids are int64 bit sets, one bit per key. */
    static final int MAX_KEYS = 63;

    private GroupingSets() {
    }

    /** {@code rollup(a, b, c)}: (a, b, c), (a, b), (a), (). */
    static List<List<Integer>> rollup(int keys) {
        List<List<Integer>> sets = new ArrayList<>();
        for (int n = keys; n >= 0; n--) {
            List<Integer> set = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                set.add(i);
            }
            sets.add(set);
        }
        return sets;
    }

    /** {@code cube(a, b)}: every subset, (a, b), (a), (b), () (the order of the grouping ids). */
    static List<List<Integer>> cube(int keys) {
        if (keys > 12) {
            throw new PlanException("cube(...) of " + keys + " keys makes " + (1L << Math.min(keys, 62))
                    + " grouping sets, each a copy of every input row; cube at most 12 keys, or list the sets"
                    + " you need with groupingSets(...)");
        }
        List<List<Integer>> sets = new ArrayList<>();
        for (long gid = 0; gid < 1L << keys; gid++) {
            List<Integer> set = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                if ((gid & 1L << (keys - 1 - i)) == 0) {
                    set.add(i);
                }
            }
            sets.add(set);
        }
        return sets;
    }

    /**
     * The grouping keys of explicit sets (each distinct expression once, in order of first
     * appearance) and each set as indexes into them; fills {@code keys}.
     */
    static List<List<Integer>> sets(List<List<Expression>> sets, Schema input, List<Expr> keys) {
        if (sets.isEmpty()) {
            throw new PlanException("groupingSets(...) needs at least one set, e.g. groupingSets(List.of(List.of(col(\"a\")),"
                    + " List.of()))");
        }
        List<List<Integer>> out = new ArrayList<>();
        for (List<Expression> set : sets) {
            Set<Integer> indexes = new TreeSet<>();
            for (Expression e : set) {
                Expr k = e.node();
                k.type(input);
                int at = keys.indexOf(k);
                if (at < 0) {
                    at = keys.size();
                    keys.add(k);
                }
                indexes.add(at);
            }
            out.add(List.copyOf(indexes));
        }
        return out;
    }

    /** The aggregation of {@code input} per grouping set of {@code keys}; see the class comment. */
    static DataFrame aggregate(DataFrame input, List<Expr> keys, List<List<Integer>> sets, Expression... aggregations) {
        int n = keys.size();
        if (n > MAX_KEYS) {
            throw new PlanException("Grouping sets take at most " + MAX_KEYS + " keys (one bit each in grouping_id()), got " + n);
        }
        Schema in = input.schema();
        Set<String> taken = new HashSet<>(in.names());
        keys.forEach(k -> taken.add(k.name()));
        List<String> keyColumns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keyColumns.add(fresh("__gk" + i, taken));
        }
        String gid = fresh("__gid", taken);
        boolean repeated = new HashSet<>(sets).size() < sets.size();
        String position = repeated ? fresh("__gpos", taken) : null;

        // one projection per set: every input column, the keys of the set (nulls for the others), the ids
        List<String> names = new ArrayList<>(in.names());
        names.addAll(keyColumns);
        names.add(gid);
        if (repeated) {
            names.add(position);
        }
        List<List<Expr>> projections = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            List<Integer> set = sets.get(s);
            List<Expr> p = new ArrayList<>();
            for (String c : in.names()) {
                p.add(new Column(c));
            }
            long id = 0;
            for (int i = 0; i < n; i++) {
                Expr key = keys.get(i).unalias();
                if (set.contains(i)) {
                    p.add(key);
                } else {
                    p.add(new Literal(null, key.type(in)));
                    id |= 1L << (n - 1 - i);
                }
            }
            p.add(new Literal(id, DataType.int64()));
            if (repeated) {
                p.add(new Literal(s, DataType.int32()));
            }
            projections.add(p);
        }
        boolean global = n == 0 && sets.size() == 1;
        Expand expand = global ? null : Expand.of(input.plan(), names, projections);

        List<Expr> groupKeys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            groupKeys.add(new Alias(new Column(keyColumns.get(i)), keys.get(i).name()));
        }
        groupKeys.add(new Column(gid));
        if (repeated) {
            groupKeys.add(new Column(position));
        }

        // aggregate calls become hidden columns; grouping(k) and grouping_id() read the id
        List<Expr> hidden = new ArrayList<>();
        List<Expr> outputs = new ArrayList<>();
        for (Expression a : aggregations) {
            Expr e = a.node();
            if (!AggExpr.containsAgg(e) && !containsGrouping(e)) {
                throw new PlanException(e.display() + " is not an aggregation: aggregate it, e.g. " + e.display()
                        + ".anyValue(), or use grouping(...) / groupingId()");
            }
            Expr rewritten = e.transformUp(x -> {
                if (x instanceof AggExpr agg) {
                    String name = "__agg" + hidden.size();
                    for (Expr h : hidden) {
                        if (((Alias) h).child().equals(agg)) {
                            return new Column(h.name());
                        }
                    }
                    hidden.add(new Alias(agg, name));
                    return new Column(name);
                }
                if (x instanceof Grouping g) {
                    return g.key() == null ? (global ? new Literal(0L, DataType.int64()) : new Column(gid))
                            : bit(g, keys, gid);
                }
                return x;
            });
            outputs.add(new Alias(rewritten.unalias(), e.name()));
        }
        if (global) {
            // only the set (): a global aggregation, which gives its row also over no input
            if (hidden.isEmpty()) {
                hidden.add(new Alias(new AggExpr(AggFunction.COUNT_ALL, null, 1), "__agg0"));
            }
            return input.with(Project.of(Aggregate.of(input.plan(), List.of(), hidden), outputs));
        }
        Aggregate aggregate = Aggregate.of(expand, groupKeys, hidden);
        List<Expr> projection = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            projection.add(new Column(keys.get(i).name()));
        }
        projection.addAll(outputs);
        return input.with(Project.of(aggregate, projection));
    }

    /** {@code grouping(k)}: bit {@code n - 1 - i} of the grouping id for the i-th key, as int32. */
    private static Expr bit(Grouping g, List<Expr> keys, String gid) {
        Expr k = g.key();
        int at = -1;
        for (int i = 0; i < keys.size(); i++) {
            Expr key = keys.get(i);
            if (key.equals(k) || key.unalias().equals(k.unalias())
                    || k instanceof Column c && c.name().equals(key.name())) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new PlanException(g.display() + ": " + k.display() + " is not a grouping key; the keys are "
                    + keys.stream().map(Expr::display).collect(Collectors.joining(", ")));
        }
        long weight = 1L << (keys.size() - 1 - at);
        Expr shifted = weight == 1 ? new Column(gid)
                : new Binary(BinaryOp.FLOOR_DIV, new Column(gid), new Literal(weight, DataType.int64()));
        return new Cast(new Binary(BinaryOp.MOD, shifted, new Literal(2L, DataType.int64())), DataType.int32(), false);
    }

    static boolean containsGrouping(Expr e) {
        if (e instanceof Grouping) {
            return true;
        }
        for (Expr c : e.children()) {
            if (containsGrouping(c)) {
                return true;
            }
        }
        return false;
    }

    /** Fails with the message of a grouping call used where no grouping sets are. */
    static void rejectGrouping(Expression... exprs) {
        for (Expression e : exprs) {
            e.node().transformUp(x -> {
                if (x instanceof Grouping g) {
                    g.type(Schema.of());
                }
                return x;
            });
        }
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, ... whichever is not taken yet (then taken). */
    static String fresh(String base, Set<String> taken) {
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }

    /**
     * Sets given as positions into {@code given} (rollup, cube), as indexes into {@code keys}, the
     * distinct expressions of {@code given} (which it fills): {@code rollup(a, a)} has the sets
     * (a), (a), () as in Spark and DuckDB.
     */
    static List<List<Integer>> onDistinct(List<Expr> given, List<List<Integer>> sets, List<Expr> keys) {
        List<Expr> distinct = new ArrayList<>(new LinkedHashSet<>(given));
        keys.addAll(distinct);
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> set : sets) {
            Set<Integer> indexes = new TreeSet<>();
            for (int position : set) {
                indexes.add(distinct.indexOf(given.get(position)));
            }
            out.add(List.copyOf(indexes));
        }
        return out;
    }
}
