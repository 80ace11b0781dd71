package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The binder's hook for subquery expressions: {@link ExpressionBinder} calls these for every
 * subquery it meets, and for a column that resolves in an enclosing query's scope. The inner
 * query binds with {@link #bindQuery}, whose scope's {@code outer} is the scope of the expression
 * being bound, so correlated names reach {@link #outerColumn}.
 *
 * <p>Subquery expressions and their decorrelation are the work of the api's subquery factory;
 * until it is wired here each method rejects the subquery with its position.
 */
class Subqueries {
    private final QueryBinder queries;

    Subqueries(QueryBinder queries) {
        this.queries = queries;
    }

    /** The inner query bound with {@code outer} as the scope its correlated names resolve in. */
    DataFrame bindQuery(Select select, Scope outer) {
        return queries.bind(select, outer);
    }

    /** {@code (SELECT ...)} used as a value. */
    Expression scalar(ParenthesedSelect select, ExpressionBinder outer) {
        throw SqlErrors.unsupported("a scalar subquery", Position.of(select.getPlainSelect() == null ? select
                : firstNode(select)));
    }

    /** {@code [NOT] EXISTS (SELECT ...)}. */
    Expression exists(ExistsExpression exists, ExpressionBinder outer) {
        throw SqlErrors.unsupported((exists.isNot() ? "NOT " : "") + "EXISTS (subquery)", Position.of(exists));
    }

    /** {@code x [NOT] IN (SELECT ...)}. */
    Expression in(InExpression in, Select select, ExpressionBinder outer) {
        throw SqlErrors.unsupported((in.isNot() ? "NOT " : "") + "IN (subquery)", Position.of(in.getLeftExpression()));
    }

    /** A column of an enclosing query's scope ({@code found} in {@code owner}), used inside a subquery. */
    Expression outerColumn(Scope.Entry entry, Scope owner, Position at) {
        throw SqlErrors.unsupported("the correlated reference " + entry.qualifiedName() + " to an enclosing query", at);
    }

    private static Object firstNode(ParenthesedSelect select) {
        var items = select.getPlainSelect().getSelectItems();
        return items.isEmpty() ? select : items.get(0).getExpression();
    }
}
