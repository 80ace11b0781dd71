package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Locale;
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
 * SQL literals: integers (int32 when they fit, else int64, as DuckDB), numbers with a point as
 * decimals of their own precision and scale (PostgreSQL, DuckDB), with an exponent as float64,
 * strings, booleans, NULL, {@code DATE '...'}, {@code TIMESTAMP '...'} and intervals
 * ({@code INTERVAL '3' MONTH}, {@code INTERVAL '90 days'}: years, months and days as a
 * {@link Period}, which date arithmetic keeps a date; hours, minutes, seconds as a {@link Duration}).
 */
final class Literals {
    private Literals() {
    }

    /** The literal, or null when the node is not one. */
    static Expression bind(net.sf.jsqlparser.expression.Expression node) {
        if (node instanceof LongValue l) {
            java.math.BigInteger v = l.getBigIntegerValue();
            if (v.bitLength() < 32) {
                return Functions.lit(v.intValue());
            }
            return v.bitLength() < 64 ? Functions.lit(v.longValue()) : Functions.lit(new BigDecimal(v));
        }
        if (node instanceof DoubleValue d) {
            String text = d.toString();
            return text.contains("e") || text.contains("E") ? Functions.lit(d.getValue())
                    : Functions.lit(new BigDecimal(text));
        }
        if (node instanceof StringValue s) {
            return Functions.lit(s.getValue());
        }
        if (node instanceof BooleanValue b) {
            return Functions.lit(b.getValue());
        }
        if (node instanceof NullValue) {
            return Functions.lit(null);
        }
        if (node instanceof DateValue d) {
            return Functions.lit(d.getValue().toLocalDate());
        }
        if (node instanceof TimestampValue t) {
            return Functions.lit(t.getValue().toLocalDateTime());
        }
        if (node instanceof DateTimeLiteralExpression d) {
            return typed(d.getType().name(), unquote(d.getValue()), Position.of(d));
        }
        if (node instanceof IntervalExpression i) {
            return interval(i);
        }
        return null;
    }

    /** {@code DATE '1995-01-01'} and {@code TIMESTAMP '...'}; null for other type names. */
    static Expression typed(String type, String text, Position at) {
        try {
            switch (type.toUpperCase(Locale.ROOT)) {
                case "DATE":
                    return Functions.lit(LocalDate.parse(text.strip()));
                case "TIMESTAMP":
                case "DATETIME":
                    return Functions.lit(LocalDateTime.parse(text.strip().replace(' ', 'T')));
                default:
                    return null;
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw SqlErrors.invalid("'" + text + "' is not a " + type.toLowerCase(Locale.ROOT)
                    + " (write DATE 'yyyy-mm-dd' or TIMESTAMP 'yyyy-mm-dd hh:mm:ss')", at);
        }
    }

    private static Expression interval(IntervalExpression i) {
        Position at = Position.of(i);
        String text;
        if (i.getParameter() != null) {
            text = unquote(i.getParameter());
        } else if (i.getExpression() instanceof LongValue || i.getExpression() instanceof StringValue) {
            text = i.getExpression() instanceof StringValue s ? s.getValue() : i.getExpression().toString();
        } else {
            throw SqlErrors.unsupported("an interval of a computed amount (" + i + ")", at);
        }
        String unit = i.getIntervalType();
        String[] parts = text.strip().split("\\s+");
        if (unit == null && parts.length == 2) {
            unit = parts[1];
            text = parts[0];
        } else if (unit == null || parts.length != 1) {
            throw SqlErrors.invalid("cannot read the interval " + i + "; write e.g. INTERVAL '3' MONTH or INTERVAL '90 days'", at);
        }
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw SqlErrors.invalid("the interval amount '" + text + "' is not a whole number in " + i, at);
        }
        String u = unit.toUpperCase(Locale.ROOT);
        if (u.endsWith("S")) {
            u = u.substring(0, u.length() - 1);
        }
        return switch (u) {
            case "YEAR" -> Functions.lit(Period.ofYears(Math.toIntExact(n)));
            case "MONTH" -> Functions.lit(Period.ofMonths(Math.toIntExact(n)));
            case "WEEK" -> Functions.lit(Period.ofDays(Math.toIntExact(7 * n)));
            case "DAY" -> Functions.lit(Period.ofDays(Math.toIntExact(n)));
            case "HOUR" -> Functions.lit(Duration.ofHours(n));
            case "MINUTE" -> Functions.lit(Duration.ofMinutes(n));
            case "SECOND" -> Functions.lit(Duration.ofSeconds(n));
            default -> throw SqlErrors.invalid("unknown interval unit '" + unit + "' in " + i
                    + " (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE or SECOND)", at);
        };
    }

    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        return t;
    }
}
