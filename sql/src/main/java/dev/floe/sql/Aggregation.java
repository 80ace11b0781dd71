package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.GroupedDataFrame;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code groupBy(keys).agg(...)} for a whole SELECT: every aggregate call in the SELECT list,
 * HAVING and ORDER BY becomes one output of the aggregation (named by its text, e.g.
 * {@code sum(l_quantity)}; a call written twice is computed once), and the expressions above are
 * rewritten to read the aggregation's columns: a grouping key by its column, an aggregate by its
 * output. A column that is neither grouped nor inside an aggregate is an error. Window functions
 * over aggregates ({@code rank() OVER (ORDER BY sum(x))}) keep their own function and read the
 * aggregate outputs. DISTINCT aggregates are planned by {@link DistinctAggregation}.
 */
final class Aggregation {

    /** How the keys group: GROUP BY, ROLLUP, CUBE or GROUPING SETS (indexes into the keys). */
    record Mode(String kind, List<List<Integer>> sets) {
        static final Mode PLAIN = new Mode("plain", null);
    }

    private final List<Expr> keys;
    private final List<String> keyNames = new ArrayList<>();
    private final Map<Expr, String> aggregates = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final Scope scope;
    private net.sf.jsqlparser.expression.Expression written;

    /** {@code keyNames}: the preferred name of each key (its alias), or null. */
    Aggregation(List<Expression> keys, List<String> preferredNames, Scope scope) {
        this.keys = new ArrayList<>();
        this.scope = scope;
        for (int i = 0; i < keys.size(); i++) {
            Expr k = keys.get(i).node().unalias();
            this.keys.add(k);
            String base = k instanceof Column c ? c.name() : preferredNames.get(i) != null ? preferredNames.get(i)
                    : k.display();
            String name = Relation.fresh(base, taken);
            taken.add(name);
            keyNames.add(name);
        }
    }

    /**
     * The expression over the aggregation's output; {@code written} is its SQL (may be null), to
     * point an error at the column that is neither grouped nor aggregated.
     */
    Expression rewrite(Expression e, String clause, net.sf.jsqlparser.expression.Expression written) {
        this.written = written;
        return Expression.of(rewrite(e.node(), clause));
    }

    private Expr rewrite(Expr e, String clause) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equals(e)) {
                return new Column(keyNames.get(i));
            }
        }
        if (e instanceof AggExpr || e instanceof dev.floe.api.expr.Grouping) {
            return new Column(register(e));
        }
        if (e instanceof WindowExpr w) {
            Expr f = w.function();
            List<Expr> args = new ArrayList<>();
            for (Expr c : f.children()) {
                args.add(rewrite(c, clause));
            }
            List<Expr> children = new ArrayList<>();
            children.add(f.withChildren(args));
            for (Expr p : w.partitionBy()) {
                children.add(rewrite(p, clause));
            }
            for (SortKey k : w.orderBy()) {
                children.add(new SortKey(rewrite(k.child(), clause), k.descending(), k.nullsFirst()));
            }
            return w.withChildren(children);
        }
        if (e instanceof Column c) {
            Scope.Entry entry = entry(c.name());
            throw SqlErrors.invalid("column " + (entry == null ? c.name() : entry.qualifiedName()) + " in " + clause
                    + " must appear in the GROUP BY clause or be used in an aggregate function",
                    entry == null ? Position.UNKNOWN : ColumnFinder.find(written, entry));
        }
        if (e instanceof Alias a) {
            return new Alias(rewrite(a.child(), clause), a.name());
        }
        List<Expr> children = e.children();
        if (children.isEmpty()) {
            return e;
        }
        List<Expr> out = new ArrayList<>(children.size());
        for (Expr c : children) {
            out.add(rewrite(c, clause));
        }
        return e.withChildren(out);
    }

    private String register(Expr agg) {
        String name = aggregates.get(agg);
        if (name == null) {
            name = Relation.fresh(DistinctAggregation.display(agg), taken);
            taken.add(name);
            aggregates.put(agg, name);
        }
        return name;
    }

    private Scope.Entry entry(String internal) {
        for (Scope.Entry e : scope.entries()) {
            if (e.internal().equals(internal)) {
                return e;
            }
        }
        return null;
    }

    /** The aggregation of {@code input}: the keys, then the aggregate outputs. */
    DataFrame apply(DataFrame input, Mode grouping) {
        List<Expression> ks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ks.add(Names.named(Expression.of(keys.get(i)), keyNames.get(i)));
        }
        if (DistinctAggregation.needed(aggregates.keySet())) {
            return DistinctAggregation.plan(input, ks, keyNames, aggregates, grouping);
        }
        List<Expression> aggs = new ArrayList<>();
        aggregates.forEach((agg, name) -> aggs.add(Expression.of(agg).alias(name)));
        Expression[] a = aggs.toArray(Expression[]::new);
        if (grouping.kind().equals("plain")) {
            if (keys.isEmpty()) {
                return input.agg(a);
            }
            return input.groupBy(ks.toArray(Expression[]::new)).agg(a);
        }
        GroupedDataFrame grouped = switch (grouping.kind()) {
            case "rollup" -> input.rollup(ks.toArray(Expression[]::new));
            case "cube" -> input.cube(ks.toArray(Expression[]::new));
            default -> input.groupingSets(sets(ks, grouping.sets()));
        };
        return grouped.agg(a);
    }

    private static List<List<Expression>> sets(List<Expression> keys, List<List<Integer>> sets) {
        List<List<Expression>> out = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Expression> s = new ArrayList<>();
            set.forEach(i -> s.add(keys.get(i)));
            out.add(s);
        }
        return out;
    }
}
