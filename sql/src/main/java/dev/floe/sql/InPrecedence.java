package dev.floe.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;

/**
 * Undoes JSqlParser 5.3's reading of {@code x IN (1, 2) AND y OR z} as {@code x IN ((1, 2) AND y OR z)}
 * (JSqlParser issues 2244, 2282, 2356; fixed after 5.3): a chain of AND/OR whose operands include
 * such an IN is flattened into its operands and operators in written order, the IN keeping only its
 * list, and rebuilt with SQL's precedence (AND before OR, left to right). Parenthesized groups are
 * operands and keep their own grouping.
 */
final class InPrecedence {
    private InPrecedence() {
    }

    /** {@code e} with the IN lists' precedence repaired; {@code e} itself when nothing needs it. */
    static Expression repair(Expression e) {
        if (!(e instanceof AndExpression || e instanceof OrExpression || swallowed(e) != null)) {
            return e;
        }
        List<Object> sequence = new ArrayList<>();
        if (!flatten(e, sequence)) {
            return e;
        }
        return build(sequence);
    }

    /** The IN whose list swallowed the rest of a condition, also under NOT; null otherwise. */
    private static InExpression swallowed(Expression e) {
        Expression inner = e instanceof NotExpression n ? n.getExpression() : e;
        if (inner instanceof InExpression in && (in.getRightExpression() instanceof AndExpression
                || in.getRightExpression() instanceof OrExpression)) {
            return in;
        }
        return null;
    }

    /** Operands and the strings "AND" / "OR" in written order; true when an IN was repaired. */
    private static boolean flatten(Expression e, List<Object> out) {
        if (e instanceof AndExpression || e instanceof OrExpression) {
            BinaryExpression b = (BinaryExpression) e;
            boolean left = flatten(b.getLeftExpression(), out);
            out.add(e instanceof AndExpression ? "AND" : "OR");
            return flatten(b.getRightExpression(), out) | left;
        }
        InExpression in = swallowed(e);
        if (in == null) {
            out.add(e);
            return false;
        }
        List<Object> rest = new ArrayList<>();
        flatten(in.getRightExpression(), rest);
        InExpression fixed = new InExpression(in.getLeftExpression(), (Expression) rest.get(0));
        fixed.setNot(in.isNot());
        out.add(e instanceof NotExpression ? new NotExpression(fixed) : fixed);
        out.addAll(rest.subList(1, rest.size()));
        return true;
    }

    private static Expression build(List<Object> sequence) {
        Expression or = null;
        Expression and = (Expression) sequence.get(0);
        for (int i = 1; i < sequence.size(); i += 2) {
            Expression next = (Expression) sequence.get(i + 1);
            if (sequence.get(i).equals("AND")) {
                and = new AndExpression(and, next);
            } else {
                or = or == null ? and : new OrExpression(or, and);
                and = next;
            }
        }
        return or == null ? and : new OrExpression(or, and);
    }
}
