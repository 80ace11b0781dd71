package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.sql.functions.SqlLiterals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An aggregation with DISTINCT aggregates ({@code sum(DISTINCT x)}, {@code count(DISTINCT y)}, any
 * aggregate whose arguments {@link AggregateCalls} tagged), planned as Spark's
 * RewriteDistinctAggregates does, so that every step is an ordinary (decomposable where the
 * functions are) aggregation and the input is read once:
 *
 * <ol>
 * <li>each distinct argument becomes a column {@code __dist<j>};
 * <li>one aggregation over grouping sets (one Expand below it) groups the rows by the keys plus the
 * arguments of one DISTINCT group (the calls with the same arguments share one), which leaves each
 * distinct argument value once per group and set; a set with the keys alone computes the plain
 * aggregates ({@code sum(z)}, {@code count(*)}, ...). {@code __dset} tells the sets apart (bit j:
 * {@code __dist<j>} rolled up);
 * <li>a second aggregation by the keys computes each DISTINCT aggregate over its set's rows
 * ({@code sum(CASE WHEN __dset = c THEN __dist0 END)}), and takes each plain aggregate's value
 * from the keys-only set ({@code first(CASE WHEN __dset = c THEN __reg0 END, ignore nulls)}).
 * </ol>
 *
 * With ROLLUP, CUBE or GROUPING SETS each of the query's sets is combined with each DISTINCT group,
 * and {@code __kid} (the query's grouping id) keeps the sets apart in the second aggregation. A
 * single DISTINCT group without plain aggregates under a plain GROUP BY needs no sets: the rows are
 * deduplicated on the keys and the arguments, then aggregated by the keys (DataFusion's
 * SingleDistinctToGroupBy).
 */
final class DistinctAggregation {
    private DistinctAggregation() {
    }

    /** True when any of the aggregates has a DISTINCT argument. */
    static boolean needed(Iterable<Expr> aggregates) {
        for (Expr a : aggregates) {
            if (!tags(a).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** {@code sum(x AS __floe_distinct0)} as {@code sum(DISTINCT x)}: the name of its output. */
    static String display(Expr agg) {
        String plain = untagged(agg).display();
        int open = plain.indexOf('(');
        return tags(agg).isEmpty() || open < 0 ? plain : plain.substring(0, open + 1) + "DISTINCT " + plain.substring(open + 1);
    }

    /**
     * {@code input} aggregated: {@code keys} (named {@code keyNames}), then each aggregate of
     * {@code aggregates} under its name, in their order, as a plain aggregation would give them.
     */
    static DataFrame plan(DataFrame input, List<Expression> keys, List<String> keyNames, Map<Expr, String> aggregates,
            Aggregation.Mode mode) {
        Set<String> taken = new HashSet<>(input.columnNames());
        taken.addAll(keyNames);
        taken.addAll(aggregates.values());

        // the distinct arguments as columns, and the DISTINCT groups (sets of those columns)
        Map<Expr, String> columns = new LinkedHashMap<>();
        Map<Set<Integer>, Integer> groups = new LinkedHashMap<>();
        List<Expr> regular = new ArrayList<>();
        Map<Expr, Set<Integer>> groupOf = new LinkedHashMap<>();
        for (Expr a : aggregates.keySet()) {
            List<Alias> tags = tags(a);
            if (tags.isEmpty()) {
                regular.add(a);
                continue;
            }
            Set<Integer> group = new TreeSet<>();
            for (Alias t : tags) {
                String column = columns.computeIfAbsent(t.child(), x -> fresh("__dist" + columns.size(), taken));
                group.add(new ArrayList<>(columns.keySet()).indexOf(t.child()));
                taken.add(column);
            }
            groups.putIfAbsent(group, groups.size());
            groupOf.put(a, group);
        }
        List<Expr> args = new ArrayList<>(columns.keySet());
        List<String> names = new ArrayList<>(columns.values());
        if (names.size() > 62) {
            throw SqlErrors.unsupported("more than 62 different DISTINCT arguments in one SELECT", Position.UNKNOWN);
        }
        List<Expression> pre = new ArrayList<>();
        input.columnNames().forEach(c -> pre.add(Functions.col(c)));
        for (int j = 0; j < args.size(); j++) {
            pre.add(Expression.of(args.get(j)).alias(names.get(j)));
        }
        DataFrame withArgs = input.select(pre.toArray(Expression[]::new));
        List<List<Integer>> querySets = querySets(mode, keys.size());

        if (mode == Aggregation.Mode.PLAIN && groups.size() == 1 && regular.isEmpty()) {
            return single(withArgs, keys, keyNames, aggregates, columns);
        }

        // step 2: one aggregation over the query's sets times (the keys alone, each DISTINCT group)
        List<List<Expression>> sets = new ArrayList<>();
        Set<List<Integer>> seen = new HashSet<>();
        for (List<Integer> set : querySets) {
            if (!seen.add(List.copyOf(new TreeSet<>(set)))) {
                throw SqlErrors.unsupported("DISTINCT aggregates with a grouping set listed twice", Position.UNKNOWN);
            }
            if (!regular.isEmpty()) {
                sets.add(setOf(set, Set.of(), keys, names));
            }
            for (Set<Integer> group : groups.keySet()) {
                sets.add(setOf(set, group, keys, names));
            }
        }
        String dset = fresh("__dset", taken);
        String kid = mode == Aggregation.Mode.PLAIN ? null : fresh("__kid", taken);
        List<Expression> first = new ArrayList<>();
        List<String> regularColumns = new ArrayList<>();
        for (Expr r : regular) {
            String column = fresh("__reg" + regularColumns.size(), taken);
            regularColumns.add(column);
            first.add(Expression.of(r).alias(column));
        }
        Expression bits = null;
        for (int j = 0; j < names.size(); j++) {
            Expression bit = Functions.grouping(Functions.col(names.get(j))).cast(DataType.int64()).mul(Functions.lit(1L << j));
            bits = bits == null ? bit : bits.add(bit);
        }
        first.add(bits.alias(dset));
        if (kid != null) {
            Expression id = Functions.lit(0L);
            for (int i = 0; i < keys.size(); i++) {
                id = id.add(Functions.grouping(keys.get(i)).cast(DataType.int64()).mul(Functions.lit(1L << (keys.size() - 1 - i))));
            }
            first.add(id.alias(kid));
        }
        DataFrame deduplicated = withArgs.groupingSets(sets).agg(first.toArray(Expression[]::new));

        // step 3: by the keys (and the query's grouping id), each aggregate over its own set's rows
        long all = (1L << names.size()) - 1;
        List<Expression> second = new ArrayList<>();
        int r = 0;
        for (Map.Entry<Expr, String> e : aggregates.entrySet()) {
            Expr a = e.getKey();
            Set<Integer> group = groupOf.get(a);
            Expression out;
            if (group == null) {
                Expression value = Functions.ifElse(Functions.col(dset).eq(Functions.lit(all)),
                        Functions.col(regularColumns.get(r++)), SqlLiterals.nullValue());
                out = value.first(true);
                if (keys.isEmpty() && a instanceof AggExpr g
                        && (g.function() == AggFunction.COUNT || g.function() == AggFunction.COUNT_ALL)) {
                    out = Functions.coalesce(out, Functions.lit(0L)); // no input rows: 0, as a count gives
                }
            } else {
                long id = all;
                for (int j : group) {
                    id &= ~(1L << j);
                }
                Expression inSet = Functions.col(dset).eq(Functions.lit(id));
                out = Expression.of(a.transformUp(x -> x instanceof Alias t && AggregateCalls.isTag(t)
                        ? Functions.ifElse(inSet, Functions.col(columns.get(t.child())), SqlLiterals.nullValue()).node()
                        : x));
            }
            second.add(out.alias(e.getValue()));
        }
        List<Expression> groupKeys = new ArrayList<>();
        keyNames.forEach(k -> groupKeys.add(Functions.col(k)));
        if (kid != null) {
            groupKeys.add(Functions.col(kid));
        }
        Expression[] aggs = second.toArray(Expression[]::new);
        DataFrame out = groupKeys.isEmpty() ? deduplicated.agg(aggs)
                : deduplicated.groupBy(groupKeys.toArray(Expression[]::new)).agg(aggs);
        return kid == null ? out : out.select(outputColumns(keyNames, aggregates));
    }

    /** One DISTINCT group, no plain aggregate, plain GROUP BY: deduplicate on keys and arguments, then aggregate. */
    private static DataFrame single(DataFrame withArgs, List<Expression> keys, List<String> keyNames,
            Map<Expr, String> aggregates, Map<Expr, String> columns) {
        List<Expression> projection = new ArrayList<>(keys);
        columns.values().forEach(c -> projection.add(Functions.col(c)));
        DataFrame distinct = withArgs.select(projection.toArray(Expression[]::new)).distinct();
        List<Expression> aggs = new ArrayList<>();
        aggregates.forEach((a, name) -> aggs.add(Expression.of(a.transformUp(x -> x instanceof Alias t
                && AggregateCalls.isTag(t) ? Functions.col(columns.get(t.child())).node() : x)).alias(name)));
        Expression[] a = aggs.toArray(Expression[]::new);
        if (keyNames.isEmpty()) {
            return distinct.agg(a);
        }
        List<Expression> groupKeys = new ArrayList<>();
        keyNames.forEach(k -> groupKeys.add(Functions.col(k)));
        return distinct.groupBy(groupKeys.toArray(Expression[]::new)).agg(a);
    }

    private static Expression[] outputColumns(List<String> keyNames, Map<Expr, String> aggregates) {
        List<Expression> out = new ArrayList<>();
        keyNames.forEach(k -> out.add(Functions.col(k)));
        aggregates.values().forEach(a -> out.add(Functions.col(a)));
        return out.toArray(Expression[]::new);
    }

    /** The query's grouping sets as key indexes: every key for a plain GROUP BY. */
    private static List<List<Integer>> querySets(Aggregation.Mode mode, int n) {
        List<List<Integer>> out = new ArrayList<>();
        switch (mode.kind()) {
            case "plain" -> out.add(range(n));
            case "rollup" -> {
                for (int m = n; m >= 0; m--) {
                    out.add(range(m));
                }
            }
            case "cube" -> {
                for (int bits = 0; bits < 1 << n; bits++) {
                    List<Integer> set = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if ((bits & 1 << (n - 1 - i)) == 0) {
                            set.add(i);
                        }
                    }
                    out.add(set);
                }
            }
            default -> out.addAll(mode.sets());
        }
        return out;
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<Expression> setOf(List<Integer> keySet, Set<Integer> group, List<Expression> keys,
            List<String> columns) {
        List<Expression> out = new ArrayList<>();
        keySet.forEach(i -> out.add(keys.get(i)));
        group.forEach(j -> out.add(Functions.col(columns.get(j))));
        return out;
    }

    /** The tagged arguments inside {@code e}, each once, in the order of their tags. */
    private static List<Alias> tags(Expr e) {
        Set<Alias> out = new LinkedHashSet<>();
        collect(e, out);
        List<Alias> sorted = new ArrayList<>(out);
        sorted.sort(java.util.Comparator.comparing(Alias::name));
        return sorted;
    }

    private static void collect(Expr e, Set<Alias> out) {
        if (e instanceof Alias a && AggregateCalls.isTag(a)) {
            out.add(a);
            return;
        }
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }

    private static Expr untagged(Expr e) {
        return e.transformUp(x -> x instanceof Alias a && AggregateCalls.isTag(a) ? a.child() : x);
    }

    private static String fresh(String base, Set<String> taken) {
        String name = Relation.fresh(base, taken);
        taken.add(name);
        return name;
    }
}
