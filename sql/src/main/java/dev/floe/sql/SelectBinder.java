package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * One {@code SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... ORDER BY ... LIMIT}, in SQL's
 * logical order: FROM and joins, WHERE, the aggregation ({@link Aggregation}), HAVING, the SELECT
 * list (window functions included, {@code OVER w} of the WINDOW clause), QUALIFY, DISTINCT ON or
 * DISTINCT, ORDER BY (by alias, position, ALL or any expression, also of columns not selected,
 * through hidden columns dropped after the sort), OFFSET, LIMIT.
 */
final class SelectBinder {
    private final QueryBinder queries;
    private final Scope outer;

    SelectBinder(QueryBinder queries, Scope outer) {
        this.queries = queries;
        this.outer = outer;
    }

    DataFrame bind(PlainSelect ps) {
        Relation from = new FromBinder(queries, outer).bind(ps.getFromItem(), ps.getJoins());
        DataFrame df = from.df();
        ExpressionBinder binder = new ExpressionBinder(from.scope(), queries.subqueries())
                .withWindows(ps.getWindowDefinitions());
        if (outer == null) {
            // DistinctAggregation's grouping sets (an Expand) do not decorrelate: a subquery in an
            // expression keeps the function registry's DISTINCT forms (sum, avg, count, list), one Aggregate
            binder = binder.withDistinctAggregates();
        }
        if (ps.getWhere() != null) {
            df = df.where(binder.bind(ps.getWhere()));
        }
        SelectList select = SelectList.bind(ps.getSelectItems(), binder);
        List<OrderByElement> orderBy = OrderKeys.expandAll(ps.getOrderByElements(), select.items().size());
        List<Expression> order = new ArrayList<>();
        List<Integer> orderItems = new ArrayList<>();
        for (OrderByElement o : orderBy) {
            Integer item = orderItem(o, select);
            orderItems.add(item);
            order.add(item == null ? binder.bind(o.getExpression()) : null);
        }
        Expression having = ps.getHaving() == null ? null : binder.bind(ps.getHaving());
        Expression qualify = ps.getQualify() == null ? null : binder.withAliases(select).bind(ps.getQualify());
        List<Expression> distinctOn = new ArrayList<>();
        List<net.sf.jsqlparser.expression.Expression> onWritten = new ArrayList<>();
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            for (net.sf.jsqlparser.statement.select.SelectItem<?> item : ps.getDistinct().getOnSelectItems()) {
                onWritten.add(item.getExpression());
                distinctOn.add(binder.withAliases(select).bind(item.getExpression()));
            }
        }

        List<Expression> outputs = new ArrayList<>();
        select.items().forEach(i -> outputs.add(i.expr()));
        List<Expression> extras = new ArrayList<>(distinctOn);
        if (qualify != null) {
            extras.add(qualify);
        }
        if (ps.getGroupBy() != null || anyAggregate(outputs, order, having, extras)) {
            GroupBy groupBy = GroupBy.bind(ps.getGroupBy(), select, binder);
            Aggregation aggregation = new Aggregation(groupBy.keys(), groupBy.names(), from.scope());
            for (int i = 0; i < outputs.size(); i++) {
                outputs.set(i, aggregation.rewrite(outputs.get(i), "the SELECT list", select.items().get(i).node()));
            }
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i) != null) {
                    order.set(i, aggregation.rewrite(order.get(i), "ORDER BY", orderBy.get(i).getExpression()));
                }
            }
            for (int i = 0; i < distinctOn.size(); i++) {
                distinctOn.set(i, aggregation.rewrite(distinctOn.get(i), "DISTINCT ON", onWritten.get(i)));
            }
            having = having == null ? null : aggregation.rewrite(having, "HAVING", ps.getHaving());
            qualify = qualify == null ? null : aggregation.rewrite(qualify, "QUALIFY", ps.getQualify());
            df = aggregation.apply(df, groupBy.mode());
        } else if (having != null) {
            throw SqlErrors.invalid("HAVING needs GROUP BY or an aggregate", Position.UNKNOWN);
        }
        if (having != null) {
            df = df.where(having);
        }
        return project(df, select, outputs, new Ordering(order, orderItems, orderBy), qualify, distinctOn, ps);
    }

    /** The ORDER BY keys: bound expressions, or (where null) the select item at the same index of {@code items}. */
    private record Ordering(List<Expression> keys, List<Integer> items, List<OrderByElement> written) {
    }

    /**
     * The SELECT list with window functions, then QUALIFY, DISTINCT ON / DISTINCT, ORDER BY and
     * LIMIT. ORDER BY keys that are not select items, the QUALIFY condition and the DISTINCT ON keys
     * are hidden columns of the projection, dropped at the end.
     */
    private DataFrame project(DataFrame df, SelectList select, List<Expression> outputs, Ordering ordering,
            Expression qualify, List<Expression> distinctOn, PlainSelect ps) {
        List<Expression> projection = new ArrayList<>();
        List<Expression> finalColumns = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            String name = select.items().get(i).name();
            projection.add(Names.named(outputs.get(i), name));
            finalColumns.add(Functions.col(name));
        }
        List<OrderByElement> orderBy = ordering.written();
        boolean plainDistinct = ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() == null;
        List<Expression> sortKeys = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>(select.items().stream().map(SelectList.Item::name).toList());
        for (int i = 0; i < orderBy.size(); i++) {
            Integer item = ordering.items().get(i);
            if (item == null) {
                item = sameAs(ordering.keys().get(i), outputs);
            }
            String column;
            if (item != null) {
                column = select.items().get(item).name();
            } else {
                if (plainDistinct) {
                    throw SqlErrors.invalid("for SELECT DISTINCT, ORDER BY expressions must appear in the select list: "
                            + orderBy.get(i).getExpression(), Position.of(orderBy.get(i).getExpression()));
                }
                column = hidden("__order" + i, ordering.keys().get(i), projection, taken);
            }
            sortKeys.add(OrderKeys.key(Functions.col(column), orderBy.get(i)));
        }
        String qualifyColumn = qualify == null ? null : hidden("__qualify", qualify, projection, taken);
        List<Expression> onColumns = new ArrayList<>();
        for (int i = 0; i < distinctOn.size(); i++) {
            onColumns.add(Functions.col(hidden("__on" + i, distinctOn.get(i), projection, taken)));
        }
        df = df.select(projection.toArray(Expression[]::new));
        df = unnest(df, select, taken);
        if (qualifyColumn != null) {
            df = df.where(Functions.col(qualifyColumn));
        }
        if (!onColumns.isEmpty()) {
            // DISTINCT ON (k): the first row of each k in the ORDER BY order
            String rn = Relation.fresh("__rn", taken);
            dev.floe.api.WindowSpec w = dev.floe.api.Window.partitionBy(onColumns.toArray(Expression[]::new));
            if (!sortKeys.isEmpty()) {
                w = w.orderBy(sortKeys.toArray(Expression[]::new));
            }
            df = df.withColumn(rn, Functions.rowNumber().over(w)).where(Functions.col(rn).eq(Functions.lit(1L)));
        }
        boolean hiddenColumns = projection.size() > finalColumns.size();
        if (plainDistinct) {
            df = (hiddenColumns ? df.select(finalColumns.toArray(Expression[]::new)) : df).distinct();
            hiddenColumns = false;
        }
        if (!sortKeys.isEmpty()) {
            df = df.sort(sortKeys.toArray(Expression[]::new));
        }
        if (hiddenColumns || !onColumns.isEmpty()) {
            df = df.select(finalColumns.toArray(Expression[]::new));
        }
        return Ordinals.limit(df, ps.getLimit(), ps.getOffset());
    }

    /**
     * {@code SELECT ..., unnest(l), ...}: one row per element of the list item (a null or empty list
     * gives no row), the other items repeated; done before QUALIFY, DISTINCT and ORDER BY, which see
     * the elements. One unnest per SELECT (DuckDB pads several to the longest list).
     */
    private static DataFrame unnest(DataFrame df, SelectList select, java.util.Set<String> taken) {
        List<Integer> unnested = select.unnested();
        if (unnested.isEmpty()) {
            return df;
        }
        if (unnested.size() > 1) {
            throw SqlErrors.unsupported("more than one unnest(...) in one SELECT list; unnest one list per SELECT"
                    + " (in a subquery each)", Position.of(select.items().get(unnested.get(1)).node()));
        }
        List<String> columns = df.schema().names();
        java.util.Set<String> names = new java.util.HashSet<>(taken);
        names.addAll(columns);
        String position = Relation.fresh("__pos", names);
        return df.posexplode(Functions.col(select.items().get(unnested.get(0)).name()), position)
                .select(columns.toArray(String[]::new));
    }

    /** {@code e} added to the projection under a fresh name like {@code base}; the name. */
    private static String hidden(String base, Expression e, List<Expression> projection, java.util.Set<String> taken) {
        String column = Relation.fresh(base, taken);
        taken.add(column);
        projection.add(e.alias(column));
        return column;
    }

    /** The select item an ORDER BY key names by position or alias, or null. */
    private static Integer orderItem(OrderByElement o, SelectList select) {
        Integer ordinal = Ordinals.of(o.getExpression(), select.items().size());
        if (ordinal != null) {
            return ordinal;
        }
        SelectList.Item aliased = select.byAlias(o.getExpression());
        return aliased == null ? null : select.items().indexOf(aliased);
    }

    private static Integer sameAs(Expression e, List<Expression> outputs) {
        Expr node = e.node().unalias();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).node().unalias().equals(node)) {
                return i;
            }
        }
        return null;
    }

    private static boolean anyAggregate(List<Expression> outputs, List<Expression> order, Expression having,
            List<Expression> extras) {
        List<Expression> all = new ArrayList<>(outputs);
        all.addAll(extras);
        order.stream().filter(java.util.Objects::nonNull).forEach(all::add);
        if (having != null) {
            all.add(having);
        }
        for (Expression e : all) {
            if (containsAggregateOutsideWindow(e.node())) {
                return true;
            }
        }
        return false;
    }

    /** True when an aggregate call is evaluated per group (not as a window's own function). */
    static boolean containsAggregateOutsideWindow(Expr e) {
        if (e instanceof AggExpr || e instanceof dev.floe.api.expr.Grouping) {
            return true;
        }
        if (e instanceof dev.floe.api.expr.WindowExpr w) {
            for (Expr c : w.function().children()) {
                if (containsAggregateOutsideWindow(c)) {
                    return true;
                }
            }
            List<Expr> rest = new ArrayList<>(w.partitionBy());
            rest.addAll(w.orderBy());
            return rest.stream().anyMatch(SelectBinder::containsAggregateOutsideWindow);
        }
        return e.children().stream().anyMatch(SelectBinder::containsAggregateOutsideWindow);
    }
}
