package dev.floe.sql;

import dev.floe.api.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.statement.select.GroupByElement;

/**
 * GROUP BY: keys by expression, by SELECT alias (when no FROM column has the name) or by position;
 * {@code ROLLUP(...)}, {@code CUBE(...)} and {@code GROUPING SETS (...)}; {@code GROUP BY ALL}
 * groups by every select item that has no aggregate.
 */
record GroupBy(List<Expression> keys, List<String> names, Aggregation.Mode mode) {

    static GroupBy bind(GroupByElement g, SelectList select, ExpressionBinder binder) {
        List<Expression> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (g == null) {
            return new GroupBy(keys, names, Aggregation.Mode.PLAIN);
        }
        List<List<Integer>> sets = new ArrayList<>();
        String kind = "plain";
        ExpressionList<?> list = g.getGroupByExpressionList();
        if (list != null && list.size() == 1 && list.get(0) instanceof net.sf.jsqlparser.expression.AllValue) {
            // GROUP BY ALL (DuckDB): every select item without an aggregate or window function
            for (SelectList.Item item : select.items()) {
                if (!SelectBinder.containsAggregateOutsideWindow(item.expr().node()) && !hasWindow(item.expr().node())) {
                    keys.add(item.expr());
                    names.add(item.name());
                }
            }
            return new GroupBy(keys, names, Aggregation.Mode.PLAIN);
        }
        if (list != null) {
            for (net.sf.jsqlparser.expression.Expression e : list) {
                if (e instanceof Function f && isSetFunction(f)) {
                    kind = f.getName().toLowerCase(Locale.ROOT);
                    if (f.getParameters() != null) {
                        f.getParameters().forEach(k -> key(k, select, binder, keys, names));
                    }
                } else {
                    key(e, select, binder, keys, names);
                }
            }
        }
        if (g.getGroupingSets() != null && !g.getGroupingSets().isEmpty()) {
            if (!keys.isEmpty()) {
                throw SqlErrors.unsupported("GROUP BY keys beside GROUPING SETS (list the keys in each set)",
                        Position.UNKNOWN);
            }
            kind = "sets";
            for (ExpressionList<?> set : g.getGroupingSets()) {
                List<Integer> indexes = new ArrayList<>();
                for (net.sf.jsqlparser.expression.Expression e : set) {
                    int before = keys.size();
                    key(e, select, binder, keys, names);
                    Expression added = keys.get(keys.size() - 1);
                    int at = keys.subList(0, before).indexOf(added);
                    if (at >= 0) {
                        keys.remove(keys.size() - 1);
                        names.remove(names.size() - 1);
                        indexes.add(at);
                    } else {
                        indexes.add(before);
                    }
                }
                sets.add(indexes);
            }
        }
        return new GroupBy(keys, names, kind.equals("plain") ? Aggregation.Mode.PLAIN : new Aggregation.Mode(kind, sets));
    }

    private static boolean hasWindow(dev.floe.api.expr.Expr e) {
        return e instanceof dev.floe.api.expr.WindowExpr || e.children().stream().anyMatch(GroupBy::hasWindow);
    }

    private static boolean isSetFunction(Function f) {
        String n = f.getName().toLowerCase(Locale.ROOT);
        return n.equals("rollup") || n.equals("cube");
    }

    private static void key(net.sf.jsqlparser.expression.Expression e, SelectList select, ExpressionBinder binder,
            List<Expression> keys, List<String> names) {
        Integer ordinal = Ordinals.of(e, select.items().size());
        if (ordinal != null) {
            SelectList.Item item = select.items().get(ordinal);
            keys.add(item.expr());
            names.add(item.name());
            return;
        }
        SelectList.Item aliased = select.byAlias(e);
        if (aliased != null && !resolves(e, binder)) {
            keys.add(aliased.expr());
            names.add(aliased.name());
            return;
        }
        keys.add(binder.bind(e));
        names.add(null);
    }

    private static boolean resolves(net.sf.jsqlparser.expression.Expression e, ExpressionBinder binder) {
        net.sf.jsqlparser.schema.Column c = (net.sf.jsqlparser.schema.Column) e;
        return !binder.scope().matches(null, Identifier.of(c.getColumnName())).isEmpty();
    }
}
