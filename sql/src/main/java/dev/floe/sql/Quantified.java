package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.types.Schema;
import dev.floe.sql.functions.SqlArithmetic;
import dev.floe.sql.functions.SqlLiterals;
import java.util.List;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;

/**
 * {@code x op ANY|SOME|ALL (SELECT c ...)} for {@code = <> < <= > >=}, with SQL's null semantics,
 * through the subqueries the optimizer already decorrelates: {@code = ANY} is {@code IN},
 * {@code <> ALL} is {@code NOT IN}; otherwise {@code x op ANY (S)} reads S's count(*), count(c) and
 * min(c) or max(c) (scalar subqueries, as Spark and DataFusion rewrite it): false when S is empty,
 * true when {@code x > min(c)} (for >; max for <, either for <>), else null when x is null or S has a
 * null c, else false. {@code x op ALL (S)} is {@code NOT (x op' ANY (S))} with op' the complement.
 */
final class Quantified {
    private Quantified() {
    }

    static Expression bind(String op, net.sf.jsqlparser.expression.Expression left, AnyComparisonExpression q,
            ExpressionBinder outer, Subqueries subqueries) {
        Position at = Position.of(left);
        String o = op.equals("!=") ? "<>" : op;
        if (!List.of("=", "<>", "<", "<=", ">", ">=").contains(o)) {
            throw SqlErrors.invalid(op + " " + q.getAnyType() + " (...) is not a comparison; use =, <>, <, <=, > or >=",
                    at);
        }
        boolean all = q.getAnyType() == AnyType.ALL;
        Expression x = outer.bind(left);
        DataFrame inner = subqueries.bindQuery(q.getSelect(), outer.scope());
        if (inner.columnNames().size() != 1) {
            throw SqlErrors.invalid("the subquery of " + op + " " + q.getAnyType() + " must return one column, but it"
                    + " returns " + inner.columnNames().size() + " (" + String.join(", ", inner.columnNames()) + ")",
                    at);
        }
        if (!all && o.equals("=")) {
            return dev.floe.api.Subqueries.in(x, inner);
        }
        if (all && o.equals("<>")) {
            return dev.floe.api.Subqueries.notIn(x, inner);
        }
        return all ? any(complement(o), x, inner, at.text(), outer.input()).not()
                : any(o, x, inner, at.text(), outer.input());
    }

    private static Expression any(String op, Expression x, DataFrame inner, String at, Schema input) {
        Expression c = Functions.col(inner.columnNames().get(0));
        Expression n = Functions.coalesce(scalar(inner, Functions.count()), Functions.lit(0L));
        Expression nonNull = Functions.coalesce(scalar(inner, c.count()), Functions.lit(0L));
        Expression hit = switch (op) {
            case ">", ">=" -> SqlArithmetic.binary(op, x, scalar(inner, c.min()), at, input);
            case "<", "<=" -> SqlArithmetic.binary(op, x, scalar(inner, c.max()), at, input);
            default -> SqlArithmetic.binary(op, x, scalar(inner, c.min()), at, input)
                    .or(SqlArithmetic.binary(op, x, scalar(inner, c.max()), at, input));
        };
        return Functions.when(n.eq(Functions.lit(0L))).then(Functions.lit(false))
                .when(hit).then(Functions.lit(true))
                .when(x.isNull().or(nonNull.lt(n))).then(SqlLiterals.nullValue())
                .otherwise(Functions.lit(false));
    }

    /** One aggregate of the subquery's rows as a scalar subquery (null when a correlated one has no row). */
    private static Expression scalar(DataFrame inner, Expression aggregate) {
        return dev.floe.api.Subqueries.scalar(inner.agg(aggregate.alias("v")));
    }

    private static String complement(String op) {
        return switch (op) {
            case "=" -> "<>";
            case "<>" -> "=";
            case "<" -> ">=";
            case "<=" -> ">";
            case ">" -> "<=";
            default -> "<";
        };
    }
}
