package dev.floe.sql.functions;

import static dev.floe.sql.functions.SqlTypes.at;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Period;

/**
 * SQL's binary operators with DuckDB's typing rules, on top of Floe's expression methods:
 * <ul>
 *   <li>{@code +} {@code -} {@code *} on numbers as Floe's {@code add}/{@code sub}/{@code mul} (decimals stay
 *       decimal: + and - keep the larger scale, * adds the scales);</li>
 *   <li>{@code /} is true division: integers and decimals give DOUBLE, as in DuckDB (PostgreSQL would
 *       truncate integers; the TPC-DS answers come from DuckDB); {@code //} divides integers truncating
 *       toward zero (other operands as {@code /}), {@code %} is the remainder with the dividend's sign;</li>
 *   <li>date ± integer adds days (a date); date ± interval keeps a date for whole months and days (DuckDB
 *       and PostgreSQL give a timestamp at midnight: equal in comparisons); date ± an hour-or-finer interval
 *       is a timestamp; date - date is the number of days (BIGINT);</li>
 *   <li>{@code ||} concatenates as text: non-string operands are cast to VARCHAR; null gives null;</li>
 *   <li>comparisons: a string constant compared with a date, timestamp or number is converted to that
 *       type once, at planning ({@code d_date BETWEEN '1999-02-01' AND ...}); a malformed constant is a
 *       {@link PlanException} with the position.</li>
 * </ul>
 */
public final class SqlArithmetic {
    private SqlArithmetic() {
    }

    /**
     * {@code left op right} for {@code op} one of {@code + - * / // % ||} and the comparisons
     * {@code = <> != < <= > >= <=>}, plus {@code AND}/{@code OR}; {@code input} types the operands (null
     * skips the type-directed rules), {@code position} ({@code line:column}) goes into errors.
     */
    public static Expression binary(String op, Expression left, Expression right, String position, Schema input) {
        DataType l = typeOf(left, input);
        DataType r = typeOf(right, input);
        String o = op.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        // a string constant meets a date, timestamp or number: converted once, here
        Expression a = alignConstant(left, r, position);
        Expression b = alignConstant(right, l, position);
        Expression out = switch (o) {
            case "+" -> plus(left, l, right, r);
            case "-" -> minus(left, l, right, r);
            case "*" -> left.mul(right);
            case "/" -> left.div(right);
            case "//" -> integerDivision(left, l, right, r);
            case "%" -> left.mod(right);
            case "||" -> Functions.concatStr(text(left, l), text(right, r));
            case "=", "==" -> a.eq(b);
            case "<>", "!=" -> a.neq(b);
            case "<" -> a.lt(b);
            case "<=" -> a.le(b);
            case ">" -> a.gt(b);
            case ">=" -> a.ge(b);
            case "<=>", "IS NOT DISTINCT FROM" -> a.eqNullSafe(b);
            case "IS DISTINCT FROM" -> a.eqNullSafe(b).not();
            case "AND" -> left.and(right);
            case "OR" -> left.or(right);
            default -> throw new PlanException("Unknown operator '" + op + "'" + at(position));
        };
        check(out, "Operator '" + op + "'", position, input);
        return out;
    }

    /**
     * {@code value BETWEEN low AND high} (inclusive), string constant bounds converted to the value's
     * date, timestamp or number type at planning ({@code d_date BETWEEN '1999-02-01' AND ...}).
     */
    public static Expression between(Expression value, Expression low, Expression high, String position, Schema input) {
        DataType t = typeOf(value, input);
        Expression out = value.between(alignConstant(low, t, position), alignConstant(high, t, position));
        check(out, "BETWEEN", position, input);
        return out;
    }

    /**
     * {@code value IN (v1, v2, ...)} with SQL's null semantics (no match and a null in the list gives
     * null): Floe's {@code isIn} when every item is a constant (string constants converted to the
     * value's type), else {@code value = v1 OR value = v2 ...}.
     */
    public static Expression in(Expression value, java.util.List<Expression> items, String position, Schema input) {
        DataType t = typeOf(value, input);
        java.util.List<Object> constants = new java.util.ArrayList<>();
        boolean allConstant = true;
        for (Expression item : items) {
            Expression a = alignConstant(item, t, position);
            if (a.node() instanceof Literal) {
                constants.add(a);
            } else {
                allConstant = false;
            }
        }
        Expression out;
        if (allConstant) {
            out = value.isIn(constants.toArray());
        } else {
            out = null;
            for (Expression item : items) {
                Expression eq = binary("=", value, item, position, input);
                out = out == null ? eq : out.or(eq);
            }
        }
        check(out, "IN", position, input);
        return out;
    }

    private static void check(Expression out, String what, String position, Schema input) {
        if (input != null) {
            try {
                out.node().type(input);
            } catch (PlanException e) {
                if (!SqlCall.typedLater(out.node())) {
                    throw new PlanException(what + at(position) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Unary minus; a numeric literal folds into a literal of the same type ({@code -1} stays int32). */
    public static Expression negate(Expression e, String position) {
        if (e.node() instanceof Literal l && l.value() != null) {
            Object v = l.value();
            Object neg = v instanceof Integer i && i != Integer.MIN_VALUE ? (Object) (-i)
                    : v instanceof Long x && x != Long.MIN_VALUE ? (Object) (-x)
                    : v instanceof Double d ? (Object) (-d)
                    : v instanceof Float f ? (Object) (-f)
                    : v instanceof BigDecimal d ? d.negate()
                    : v instanceof BigInteger b ? b.negate() : null;
            if (neg != null) {
                return Expression.of(new Literal(neg, l.type()));
            }
        }
        return e.neg();
    }

    /**
     * {@code value} made comparable with an expression of type {@code target}: a string constant
     * becomes a date, timestamp or number constant when {@code target} is one; anything else is returned
     * as is. For BETWEEN bounds and IN lists; {@link #binary} applies it to comparisons itself.
     */
    public static Expression alignConstant(Expression value, DataType target, String position) {
        if (target == null || !(value.node() instanceof Literal l) || !(l.value() instanceof String s)) {
            return value;
        }
        return switch (target.kind()) {
            case DATE -> SqlLiterals.date(s, position);
            case TIMESTAMP -> {
                Expression ts = SqlLiterals.timestamp(s, position);
                yield target.equals(ts.node().type(Schema.empty())) ? ts : ts.cast(target);
            }
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FLOAT32, FLOAT64, DECIMAL -> {
                try {
                    yield SqlLiterals.number(s.trim(), position);
                } catch (PlanException e) {
                    throw new PlanException("Cannot compare " + SqlTypes.sqlName(target) + " with '" + s + "'"
                            + at(position) + ": the string is not a number");
                }
            }
            case BOOL -> switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "t", "yes", "y", "1" -> SqlLiterals.bool(true);
                case "false", "f", "no", "n", "0" -> SqlLiterals.bool(false);
                default -> throw new PlanException("Cannot compare BOOLEAN with '" + s + "'" + at(position));
            };
            default -> value;
        };
    }

    private static Expression plus(Expression left, DataType l, Expression right, DataType r) {
        if (isDate(l) && isInteger(r)) {
            return addDays(left, right, false);
        }
        if (isInteger(l) && isDate(r)) {
            return addDays(right, left, false);
        }
        return left.add(right);
    }

    private static Expression minus(Expression left, DataType l, Expression right, DataType r) {
        if (isDate(l) && isInteger(r)) {
            return addDays(left, right, true);
        }
        if (isDate(l) && isDate(r)) {
            // days between, as DuckDB's BIGINT (a date is its epoch day)
            return left.cast(DataType.int64()).sub(right.cast(DataType.int64()));
        }
        return left.sub(right);
    }

    /**
     * DuckDB's {@code //}: integers divide truncating toward zero ({@code -4 // 3 = -1}, as C and
     * PostgreSQL's integer {@code /}); any other operands divide as {@code /}.
     */
    private static Expression integerDivision(Expression left, DataType l, Expression right, DataType r) {
        if (l != null && r != null && l.isInteger() && r.isInteger()) {
            // a - a % b is a multiple of b, so flooring it divides exactly
            return left.sub(left.mod(right)).floorDiv(right);
        }
        return left.div(right);
    }

    /** date ± n days: an interval literal when n is constant, else through the epoch day. */
    private static Expression addDays(Expression date, Expression days, boolean subtract) {
        if (days.node() instanceof Literal l && l.value() instanceof Number n) {
            long d = n.longValue();
            Expression delta = SqlLiterals.literal(Period.ofDays(Math.toIntExact(d)), DataType.interval());
            return subtract ? date.sub(delta) : date.add(delta);
        }
        Expression epochDay = date.cast(DataType.int32());
        return (subtract ? epochDay.sub(days) : epochDay.add(days)).cast(DataType.date());
    }

    private static Expression text(Expression e, DataType t) {
        return t == null || t.kind() == Kind.STRING || t.kind() == Kind.NULL ? e : e.cast(DataType.string());
    }

    private static boolean isDate(DataType t) {
        return t != null && t.kind() == Kind.DATE;
    }

    private static boolean isInteger(DataType t) {
        return t != null && t.isInteger();
    }

    /** The type in the input schema; null without a schema or for aggregations and the like (see SqlCall.typedLater). */
    private static DataType typeOf(Expression e, Schema input) {
        if (input == null) {
            return null;
        }
        try {
            return e.node().type(input);
        } catch (PlanException ex) {
            if (SqlCall.typedLater(e.node())) {
                return null;
            }
            throw ex;
        }
    }
}
