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
 * <p>Each becomes an expression of the api's {@link dev.floe.api.Subqueries} factory; the optimizer's
 * decorrelation rules turn them into joins.
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

    /** {@code (SELECT ...)} used as a value: its one column in its one row (null without a row). */
    Expression scalar(ParenthesedSelect select, ExpressionBinder outer) {
        return dev.floe.api.Subqueries.scalar(bindQuery(select, outer.scope()));
    }

    /** {@code [NOT] EXISTS (SELECT ...)}. */
    Expression exists(ExistsExpression exists, ExpressionBinder outer) {
        if (!(exists.getRightExpression() instanceof Select select)) {
            throw SqlErrors.unsupported("EXISTS over " + exists.getRightExpression(), Position.of(exists));
        }
        DataFrame inner = bindQuery(select, outer.scope());
        return exists.isNot() ? dev.floe.api.Subqueries.notExists(inner) : dev.floe.api.Subqueries.exists(inner);
    }

    /** {@code x [NOT] IN (SELECT ...)}, with SQL's null semantics. */
    Expression in(InExpression in, Select select, ExpressionBinder outer) {
        Expression probe = outer.bind(in.getLeftExpression());
        DataFrame inner = bindQuery(select, outer.scope());
        return in.isNot() ? dev.floe.api.Subqueries.notIn(probe, inner) : dev.floe.api.Subqueries.in(probe, inner);
    }

    /**
     * A column of an enclosing query's scope ({@code entry} in {@code owner}), used inside a subquery:
     * an outer reference to the plan column holding it.
     */
    Expression outerColumn(Scope.Entry entry, Scope owner, Position at) {
        return dev.floe.api.Subqueries.outer(entry.internal(), entry.type());
    }

}
