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
 * list (window functions included), DISTINCT, ORDER BY (by alias, position or any expression,
 * also of columns not selected, through hidden columns dropped after the sort), OFFSET, LIMIT.
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
        ExpressionBinder binder = new ExpressionBinder(from.scope(), queries.subqueries());
        if (ps.getWhere() != null) {
            df = df.where(binder.bind(ps.getWhere()));
        }
        SelectList select = SelectList.bind(ps.getSelectItems(), binder);
        List<OrderByElement> orderBy = ps.getOrderByElements() == null ? List.of() : ps.getOrderByElements();
        List<Expression> order = new ArrayList<>();
        List<Integer> orderItems = new ArrayList<>();
        for (OrderByElement o : orderBy) {
            Integer item = orderItem(o, select);
            orderItems.add(item);
            order.add(item == null ? binder.bind(o.getExpression()) : null);
        }
        Expression having = ps.getHaving() == null ? null : binder.bind(ps.getHaving());

        List<Expression> outputs = new ArrayList<>();
        select.items().forEach(i -> outputs.add(i.expr()));
        if (ps.getGroupBy() != null || anyAggregate(outputs, order, having)) {
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
            having = having == null ? null : aggregation.rewrite(having, "HAVING", ps.getHaving());
            df = aggregation.apply(df, groupBy.mode());
        } else if (having != null) {
            throw SqlErrors.invalid("HAVING needs GROUP BY or an aggregate", Position.UNKNOWN);
        }
        if (having != null) {
            df = df.where(having);
        }
        return project(df, select, outputs, order, orderItems, orderBy, ps);
    }

    private DataFrame project(DataFrame df, SelectList select, List<Expression> outputs, List<Expression> order,
            List<Integer> orderItems, List<OrderByElement> orderBy, PlainSelect ps) {
        List<Expression> projection = new ArrayList<>();
        List<Expression> finalColumns = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            String name = select.items().get(i).name();
            projection.add(Names.named(outputs.get(i), name));
            finalColumns.add(Functions.col(name));
        }
        List<Expression> sortKeys = new ArrayList<>();
        List<String> taken = new ArrayList<>(select.items().stream().map(SelectList.Item::name).toList());
        for (int i = 0; i < orderBy.size(); i++) {
            Integer item = orderItems.get(i);
            if (item == null) {
                item = sameAs(order.get(i), outputs);
            }
            String column;
            if (item != null) {
                column = select.items().get(item).name();
            } else {
                if (ps.getDistinct() != null) {
                    throw SqlErrors.invalid("for SELECT DISTINCT, ORDER BY expressions must appear in the select list: "
                            + orderBy.get(i).getExpression(), Position.of(orderBy.get(i).getExpression()));
                }
                column = Relation.fresh("__order" + i, new java.util.HashSet<>(taken));
                taken.add(column);
                projection.add(order.get(i).alias(column));
            }
            sortKeys.add(OrderKeys.key(Functions.col(column), orderBy.get(i)));
        }
        df = df.select(projection.toArray(Expression[]::new));
        if (ps.getDistinct() != null) {
            if (ps.getDistinct().getOnSelectItems() != null) {
                throw SqlErrors.unsupported("DISTINCT ON", Position.UNKNOWN);
            }
            df = df.distinct();
        }
        if (!sortKeys.isEmpty()) {
            df = df.sort(sortKeys.toArray(Expression[]::new));
            if (projection.size() > finalColumns.size()) {
                df = df.select(finalColumns.toArray(Expression[]::new));
            }
        }
        return Ordinals.limit(df, ps.getLimit(), ps.getOffset());
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

    private static boolean anyAggregate(List<Expression> outputs, List<Expression> order, Expression having) {
        List<Expression> all = new ArrayList<>(outputs);
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
    private static boolean containsAggregateOutsideWindow(Expr e) {
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
