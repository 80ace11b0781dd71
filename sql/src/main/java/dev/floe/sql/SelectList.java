package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * The SELECT list with {@code *} and {@code t.*} expanded: each item's bound expression, the name
 * of its result column (its alias as written, a column's own name, else the expression's SQL
 * text; a name taken twice gets {@code _2}, ...), and its alias for GROUP BY / ORDER BY.
 */
final class SelectList {

    record Item(Expression expr, String name, Identifier alias, net.sf.jsqlparser.expression.Expression node) {
    }

    private final List<Item> items;
    private final List<Integer> unnested;

    private SelectList(List<Item> items, List<Integer> unnested) {
        this.items = List.copyOf(items);
        this.unnested = List.copyOf(unnested);
    }

    List<Item> items() {
        return items;
    }

    /**
     * The items written {@code unnest(list)} (DuckDB's): bound as the list, which the SELECT then
     * turns into one row per element (a null or empty list gives no row).
     */
    List<Integer> unnested() {
        return unnested;
    }

    static SelectList bind(List<SelectItem<?>> selectItems, ExpressionBinder binder) {
        List<Item> out = new ArrayList<>();
        List<Integer> unnested = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (SelectItem<?> si : selectItems) {
            net.sf.jsqlparser.expression.Expression node = si.getExpression();
            if (node instanceof AllTableColumns t) {
                Identifier q = Identifier.of(t.getTable().getName());
                List<Scope.Entry> entries = binder.scope().star(q);
                if (entries.isEmpty()) {
                    throw SqlErrors.unknownTable(q.text(), Position.of(t.getTable()), qualifiers(binder.scope()));
                }
                entries.forEach(e -> out.add(item(Functions.col(e.internal()), e.name(), null, null, taken)));
            } else if (node instanceof AllColumns) {
                binder.scope().star(null).forEach(e -> out.add(item(Functions.col(e.internal()), e.name(), null, null, taken)));
            } else {
                Alias alias = si.getAlias();
                Identifier a = alias == null ? null : Identifier.of(alias.getName());
                boolean unnest = node instanceof net.sf.jsqlparser.expression.Function f
                        && f.getName().equalsIgnoreCase("unnest") && f.getParameters() != null
                        && f.getParameters().size() == 1;
                if (unnest) {
                    unnested.add(out.size());
                }
                Expression e = binder.bind(unnest ? ((net.sf.jsqlparser.expression.Function) node).getParameters().get(0)
                        : node);
                String name = a != null ? a.text() : node instanceof Column c && c.getArrayConstructor() == null
                        ? columnName(c, e, binder.scope())
                        : node.toString();
                out.add(item(e, name, a, node, taken));
            }
        }
        return new SelectList(out, unnested);
    }

    private static Item item(Expression e, String name, Identifier alias, net.sf.jsqlparser.expression.Expression node,
            Set<String> taken) {
        String unique = Relation.fresh(name, taken);
        taken.add(unique);
        return new Item(e, unique, alias, node);
    }

    /** A column keeps the spelling of its table's column (an outer reference: as written). */
    private static String columnName(Column c, Expression bound, Scope scope) {
        if (bound.node() instanceof dev.floe.api.expr.Column col) {
            for (Scope.Entry e : scope.entries()) {
                if (e.internal().equals(col.name())) {
                    return e.name();
                }
            }
        }
        return Identifier.of(c.getColumnName()).text();
    }

    private static List<String> qualifiers(Scope scope) {
        List<String> out = new ArrayList<>();
        for (Scope.Entry e : scope.entries()) {
            if (e.qualifier() != null && !out.contains(e.qualifier())) {
                out.add(e.qualifier());
            }
        }
        return out;
    }

    /** The item whose alias is this unqualified name, or null. */
    Item byAlias(net.sf.jsqlparser.expression.Expression node) {
        if (!(node instanceof Column c) || c.getTable() != null && c.getTable().getName() != null) {
            return null;
        }
        Identifier name = Identifier.of(c.getColumnName());
        for (Item i : items) {
            if (i.alias() != null && name.matches(i.alias().text())) {
                return i;
            }
        }
        return null;
    }
}
