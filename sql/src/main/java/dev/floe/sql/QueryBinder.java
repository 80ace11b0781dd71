package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Binds a query (a SELECT, a set operation, a parenthesized query, each with its {@code WITH}
 * clause, ORDER BY and LIMIT) into a DataFrame. One binder per {@link QueryContext}: a query with
 * CTEs gets a child context in which each CTE is bound once and read wherever it is named.
 */
final class QueryBinder {
    private final QueryContext ctx;
    private final Subqueries subqueries;

    QueryBinder(QueryContext ctx) {
        this.ctx = ctx;
        this.subqueries = new Subqueries(this);
    }

    QueryContext context() {
        return ctx;
    }

    Subqueries subqueries() {
        return subqueries;
    }

    /** The query's result; {@code outer} is the enclosing query's scope for a subquery, else null. */
    DataFrame bind(Select select, Scope outer) {
        QueryBinder binder = this;
        List<WithItem<?>> with = select.getWithItemsList();
        if (with != null && !with.isEmpty()) {
            binder = new QueryBinder(ctx.child());
            for (WithItem<?> item : with) {
                binder.defineCte(item, outer);
            }
        }
        return binder.bindBody(select, outer);
    }

    private void defineCte(WithItem<?> item, Scope outer) {
        if (item.isRecursive()) {
            throw SqlErrors.unsupported("WITH RECURSIVE", Position.UNKNOWN);
        }
        DataFrame df = bind(item.getSelect(), outer);
        List<SelectItem<?>> columns = item.getWithItemList();
        if (columns != null && !columns.isEmpty()) {
            List<String> names = new ArrayList<>();
            columns.forEach(c -> names.add(Identifier.of(c.toString()).text()));
            df = rename(df, names, item.getAliasName());
        }
        ctx.defineCte(Identifier.of(item.getAliasName()).text(), df);
    }

    private DataFrame bindBody(Select select, Scope outer) {
        if (select instanceof PlainSelect ps) {
            return new SelectBinder(this, outer).bind(ps);
        }
        DataFrame df;
        if (select instanceof SetOperationList set) {
            df = SetOperationBinder.bind(set, this, outer);
        } else if (select instanceof net.sf.jsqlparser.statement.select.Values v) {
            df = ValuesTable.bind(v, this, outer);
        } else if (select instanceof ParenthesedSelect p) {
            df = bind(p.getSelect(), outer);
        } else {
            throw SqlErrors.unsupported(select.getClass().getSimpleName() + " (" + select + ")", Position.UNKNOWN);
        }
        return finish(df, OrderKeys.expandAll(select.getOrderByElements(), df.columnNames().size()), select.getLimit(), select.getOffset(), outer);
    }

    /** ORDER BY, OFFSET and LIMIT over a set operation's or parenthesized query's output columns. */
    private DataFrame finish(DataFrame df, List<OrderByElement> orderBy, Limit limit, Offset offset, Scope outer) {
        if (orderBy != null && !orderBy.isEmpty()) {
            Relation r = Relation.of(df, null, outer);
            ExpressionBinder binder = new ExpressionBinder(r.scope(), subqueries);
            List<Expression> keys = new ArrayList<>();
            for (OrderByElement o : orderBy) {
                Integer ordinal = Ordinals.of(o.getExpression(), df.columnNames().size());
                Expression e = ordinal != null ? Functions.col(df.columnNames().get(ordinal))
                        : binder.bind(o.getExpression());
                keys.add(OrderKeys.key(e, o));
            }
            df = df.sort(keys.toArray(Expression[]::new));
        }
        return Ordinals.limit(df, limit, offset);
    }

    /** The columns renamed in order ({@code t(a, b)} after a derived table or CTE). */
    static DataFrame rename(DataFrame df, List<String> names, String table) {
        List<String> columns = df.columnNames();
        if (names.size() > columns.size()) {
            throw SqlErrors.invalid(table + " has " + columns.size() + " columns but " + names.size()
                    + " names are given for them: " + names, Position.UNKNOWN);
        }
        List<Expression> projection = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Expression c = Functions.col(columns.get(i));
            projection.add(i < names.size() ? Names.named(c, names.get(i)) : c);
        }
        return df.select(projection.toArray(Expression[]::new));
    }
}
