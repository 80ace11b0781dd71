package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.sql.functions.SqlLiterals;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;

/**
 * SQL literals from the parser's nodes, typed by {@link SqlLiterals} (integers int32 when they
 * fit, numbers with a point decimals of their own precision and scale, {@code DATE '...'},
 * {@code INTERVAL '3' MONTH}, ...).
 */
final class Literals {
    private Literals() {
    }

    /** The literal, or null when the node is not one. */
    static Expression bind(net.sf.jsqlparser.expression.Expression node) {
        String at = Position.of(node).text();
        if (node instanceof LongValue l) {
            return SqlLiterals.number(l.getStringValue(), at);
        }
        if (node instanceof DoubleValue d) {
            return SqlLiterals.number(d.toString(), at);
        }
        if (node instanceof StringValue s) {
            return SqlLiterals.string(s.getValue());
        }
        if (node instanceof BooleanValue b) {
            return SqlLiterals.bool(b.getValue());
        }
        if (node instanceof NullValue) {
            return SqlLiterals.nullValue();
        }
        if (node instanceof DateValue d) {
            return SqlLiterals.date(d.getValue().toString(), at);
        }
        if (node instanceof TimestampValue t) {
            return SqlLiterals.timestamp(t.getValue().toString(), at);
        }
        if (node instanceof DateTimeLiteralExpression d) {
            String text = unquote(d.getValue());
            return d.getType() == DateTimeLiteralExpression.DateTime.DATE ? SqlLiterals.date(text, at)
                    : SqlLiterals.timestamp(text, at);
        }
        if (node instanceof IntervalExpression i) {
            return interval(i, at);
        }
        return null;
    }

    private static Expression interval(IntervalExpression i, String at) {
        String value;
        if (i.getParameter() != null) {
            value = unquote(i.getParameter());
        } else if (i.getExpression() instanceof StringValue s) {
            value = s.getValue();
        } else if (i.getExpression() instanceof LongValue l) {
            value = l.getStringValue();
        } else {
            throw SqlErrors.unsupported("an interval of a computed amount (" + i + ")", Position.of(i));
        }
        return SqlLiterals.interval(value, i.getIntervalType(), at);
    }

    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        return t;
    }
}
