package dev.floe.sql.functions;

import static dev.floe.sql.functions.SqlTypes.at;

import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL literals as Floe literals, typed as DuckDB types them:
 * <ul>
 *   <li>an integer literal is int32 when it fits, else int64, else decimal(38, 0) up to 38 digits;</li>
 *   <li>a literal with a decimal point and no exponent is decimal(p, s) of its digits ({@code 1.5} is
 *       decimal(2, 1), {@code 0.05} decimal(3, 2), {@code 1.0000} decimal(5, 4)); above 38 digits float64;</li>
 *   <li>a literal with an exponent ({@code 1e3}) is float64;</li>
 *   <li>{@code DATE '1995-03-15'} is a date, {@code TIMESTAMP '1995-03-15 10:00:00'} a timestamp(us);</li>
 *   <li>{@code INTERVAL '3' MONTH}, {@code INTERVAL 3 DAY}, {@code INTERVAL '30 days'},
 *       {@code INTERVAL '1 year 2 months'}: years, months, weeks and days become Floe's interval
 *       ({@link Period}: date ± interval stays a date); hours, minutes, seconds, milliseconds and
 *       microseconds become a duration (date ± duration is a timestamp). Mixing the two kinds in one
 *       literal is a {@link PlanException}: write two intervals and add them.</li>
 * </ul>
 */
public final class SqlLiterals {
    private SqlLiterals() {
    }

    /** A numeric literal's text ({@code 42}, {@code 1.5}, {@code .5}, {@code 1e3}) with DuckDB's typing. */
    public static Expression number(String text) {
        return number(text, null);
    }

    /** As {@link #number(String)}; {@code position} goes into the error for a malformed number. */
    public static Expression number(String text, String position) {
        String t = text.trim();
        try {
            if (t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
                return literal(Double.parseDouble(t), DataType.float64());
            }
            if (t.indexOf('.') < 0) {
                BigInteger v = new BigInteger(t);
                if (v.bitLength() < 32) {
                    return literal(v.intValue(), DataType.int32());
                }
                if (v.bitLength() < 64) {
                    return literal(v.longValue(), DataType.int64());
                }
                if (v.abs().toString().length() <= DataType.Decimal.MAX_PRECISION) {
                    return literal(new BigDecimal(v), DataType.decimal(DataType.Decimal.MAX_PRECISION, 0));
                }
                return literal(v.doubleValue(), DataType.float64());
            }
            BigDecimal d = new BigDecimal(t);
            int scale = Math.max(d.scale(), 0);
            int precision = Math.max(d.precision() - d.scale() + scale, scale + 1);
            // digits before the point (at least one) plus digits after it, as DuckDB counts them
            int intDigits = Math.max(d.precision() - d.scale(), 1);
            precision = Math.max(precision, intDigits + scale);
            if (precision > DataType.Decimal.MAX_PRECISION) {
                return literal(d.doubleValue(), DataType.float64());
            }
            return literal(d.setScale(scale), DataType.decimal(precision, scale));
        } catch (NumberFormatException e) {
            throw new PlanException("Malformed number '" + text + "'" + at(position));
        }
    }

    /** A string literal (varchar). */
    public static Expression string(String value) {
        return literal(value, DataType.string());
    }

    /** {@code TRUE}/{@code FALSE}. */
    public static Expression bool(boolean value) {
        return literal(value, DataType.bool());
    }

    /** {@code NULL}: untyped, takes the type of what it meets. */
    public static Expression nullValue() {
        return literal(null, DataType.nullType());
    }

    /** {@code DATE 'yyyy-mm-dd'} (also {@code date('...')}); months and days may have one digit. */
    public static Expression date(String text) {
        return date(text, null);
    }

    /** As {@link #date(String)}; {@code position} goes into the error for a malformed date. */
    public static Expression date(String text, String position) {
        return literal(parseDate(text, position), DataType.date());
    }

    private static final Pattern DATE = Pattern.compile("\\s*(-?\\d{1,6})-(\\d{1,2})-(\\d{1,2})\\s*");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\s*(-?\\d{1,6})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?\\s*");

    static LocalDate parseDate(String text, String position) {
        Matcher m = DATE.matcher(text);
        try {
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
        } catch (java.time.DateTimeException e) {
            throw new PlanException("Invalid date '" + text + "'" + at(position) + ": " + e.getMessage());
        }
        throw new PlanException("Invalid date '" + text + "'" + at(position) + ": expected YYYY-MM-DD, e.g. DATE '1995-03-15'");
    }

    /** {@code TIMESTAMP 'yyyy-mm-dd[ hh:mm[:ss[.fraction]]]'} as a zone-less timestamp(us). */
    public static Expression timestamp(String text) {
        return timestamp(text, null);
    }

    /** As {@link #timestamp(String)}; {@code position} goes into the error. */
    public static Expression timestamp(String text, String position) {
        return literal(parseTimestamp(text, position), DataType.timestamp(TimeUnit.MICROSECOND, null));
    }

    static LocalDateTime parseTimestamp(String text, String position) {
        Matcher m = TIMESTAMP.matcher(text);
        try {
            if (m.matches()) {
                int nanos = 0;
                if (m.group(7) != null) {
                    String f = (m.group(7) + "000000000").substring(0, 9);
                    nanos = Integer.parseInt(f) / 1000 * 1000;   // microseconds, as timestamp(us) holds
                }
                return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            }
        } catch (java.time.DateTimeException e) {
            throw new PlanException("Invalid timestamp '" + text + "'" + at(position) + ": " + e.getMessage());
        }
        throw new PlanException("Invalid timestamp '" + text + "'" + at(position)
                + ": expected YYYY-MM-DD HH:MM:SS[.ffffff], e.g. TIMESTAMP '1995-03-15 10:30:00'");
    }

    /**
     * An interval literal: {@code value} is the quoted text or number ({@code "3"}, {@code "30 days"},
     * {@code "1 year 2 months"}, {@code "-1"}), {@code unit} the unit keyword after it ({@code DAY},
     * {@code MONTH}, {@code YEAR}, ...; plural forms too) or null when the text carries its units.
     */
    public static Expression interval(String value, String unit) {
        return interval(value, unit, null);
    }

    /** As {@link #interval(String, String)}; {@code position} goes into errors. */
    public static Expression interval(String value, String unit, String position) {
        String v = value == null ? "" : value.trim();
        Object delta;
        if (unit != null && !unit.isBlank()) {
            delta = Delta.ZERO.plus(parseAmount(v, value, position), unit, value, position).value(value, position);
        } else {
            String[] parts = v.split("\\s+");
            if (v.isEmpty() || parts.length % 2 != 0) {
                throw new PlanException("Invalid interval '" + value + "'" + at(position)
                        + ": expected INTERVAL '3' MONTH, INTERVAL '30 days' or INTERVAL '1 year 2 months'");
            }
            Delta d = Delta.ZERO;
            for (int i = 0; i < parts.length; i += 2) {
                d = d.plus(parseAmount(parts[i], value, position), parts[i + 1], value, position);
            }
            delta = d.value(value, position);
        }
        return delta instanceof Period p ? literal(p, DataType.interval())
                : literal(delta, DataType.duration(TimeUnit.MICROSECOND));
    }

    private static long parseAmount(String s, String whole, String position) {
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new PlanException("Invalid interval '" + whole + "'" + at(position) + ": '" + s
                    + "' is not a whole number (fractional intervals are not supported)");
        }
    }

    /** Calendar part (months, days) and clock part (microseconds) of an interval literal. */
    private record Delta(long months, long days, long micros) {
        static final Delta ZERO = new Delta(0, 0, 0);

        Delta plus(long n, String unit, String whole, String position) {
            String u = unit.toLowerCase(Locale.ROOT);
            if (u.endsWith("s") && u.length() > 1 && !u.equals("s") && !u.equals("ms") && !u.equals("us")) {
                u = u.substring(0, u.length() - 1);
            }
            return switch (u) {
                case "year", "y", "yr" -> new Delta(Math.addExact(months, Math.multiplyExact(n, 12)), days, micros);
                case "quarter" -> new Delta(Math.addExact(months, Math.multiplyExact(n, 3)), days, micros);
                case "month", "mon" -> new Delta(Math.addExact(months, n), days, micros);
                case "week", "w" -> new Delta(months, Math.addExact(days, Math.multiplyExact(n, 7)), micros);
                case "day", "d" -> new Delta(months, Math.addExact(days, n), micros);
                case "hour", "h", "hr" -> clock(n, 3_600_000_000L);
                case "minute", "min", "m" -> clock(n, 60_000_000L);
                case "second", "sec", "s" -> clock(n, 1_000_000L);
                case "millisecond", "msec", "ms" -> clock(n, 1_000L);
                case "microsecond", "usec", "us" -> clock(n, 1L);
                default -> throw new PlanException("Unknown interval unit '" + unit + "' in INTERVAL '" + whole + "'"
                        + at(position) + "; use YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND "
                        + "or MICROSECOND");
            };
        }

        private Delta clock(long n, long unitMicros) {
            return new Delta(months, days, Math.addExact(micros, Math.multiplyExact(n, unitMicros)));
        }

        Object value(String whole, String position) {
            if (micros != 0 && (months != 0 || days != 0)) {
                throw new PlanException("INTERVAL '" + whole + "'" + at(position) + " mixes calendar units (years, "
                        + "months, days) with clock units (hours and below), which one Floe interval does not hold; "
                        + "write two intervals and add both");
            }
            if (micros != 0) {
                return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            }
            return Period.of(0, Math.toIntExact(months), Math.toIntExact(days));   // the form Values.get reads back
        }
    }

    /** A literal with an explicit type (the DataFrame API's {@code lit} derives decimal types from the value). */
    static Expression literal(Object value, DataType type) {
        return Expression.of(new Literal(value, type));
    }
}
