package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.expr.Literal;
import java.util.List;
import java.util.Locale;

/**
 * The scalar functions the binder maps itself (the common ones TPC-H uses); others come from the
 * SQL function registry.
 */
final class ScalarFunctions {
    static final List<String> NAMES = List.of("coalesce", "nullif", "abs", "round", "ceil", "ceiling", "floor",
            "sqrt", "exp", "ln", "sign", "upper", "lower", "length", "char_length", "substring", "substr", "trim",
            "ltrim", "rtrim", "concat", "replace", "year", "month", "day", "date_part", "starts_with", "contains",
            "ends_with", "date_trunc");

    private ScalarFunctions() {
    }

    static Expression call(String name, List<Expression> args, Position at) {
        switch (name) {
            case "coalesce":
                return Functions.coalesce(args.toArray(Expression[]::new));
            case "concat":
                return Functions.concatStr(args.toArray(Expression[]::new));
            case "nullif":
                arity(name, args, 2, at);
                return Functions.ifElse(args.get(0).eq(args.get(1)), Functions.lit(null), args.get(0));
            case "round":
                return args.size() == 1 ? args.get(0).round()
                        : args.get(0).round(Calls.intArgument(args.get(1), name, at));
            case "substring", "substr":
                return substring(args, at);
            case "replace":
                arity(name, args, 3, at);
                return args.get(0).str().replace(stringArgument(args.get(1), name, at), stringArgument(args.get(2), name, at));
            case "date_part":
                arity(name, args, 2, at);
                return datePart(stringArgument(args.get(0), name, at), args.get(1), at);
            case "date_trunc":
                arity(name, args, 2, at);
                return args.get(1).dt().truncate(stringArgument(args.get(0), name, at).toLowerCase(Locale.ROOT));
            case "starts_with", "contains", "ends_with":
                arity(name, args, 2, at);
                return name.equals("contains") ? args.get(0).str().contains(args.get(1))
                        : name.equals("starts_with") ? args.get(0).str().startsWith(args.get(1))
                        : args.get(0).str().endsWith(args.get(1));
            default:
                arity(name, args, 1, at);
                return unary(name, args.get(0), at);
        }
    }

    private static Expression unary(String name, Expression x, Position at) {
        return switch (name) {
            case "abs" -> x.abs();
            case "ceil", "ceiling" -> x.ceil();
            case "floor" -> x.floor();
            case "sqrt" -> x.sqrt();
            case "exp" -> x.exp();
            case "ln" -> x.log();
            case "sign" -> x.sign();
            case "upper" -> x.str().upper();
            case "lower" -> x.str().lower();
            case "length", "char_length" -> x.str().length();
            case "trim" -> x.str().strip();
            case "ltrim" -> x.str().lstrip();
            case "rtrim" -> x.str().rstrip();
            case "year", "month", "day" -> datePart(name, x, at);
            default -> throw SqlErrors.unknownFunction(name, at, names());
        };
    }

    /** {@code EXTRACT(unit FROM x)} and {@code date_part('unit', x)}. */
    static Expression datePart(String unit, Expression x, Position at) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "year" -> x.dt().year();
            case "month" -> x.dt().month();
            case "day" -> x.dt().day();
            case "hour" -> x.dt().hour();
            case "minute" -> x.dt().minute();
            case "second" -> x.dt().second();
            case "dow", "dayofweek" -> x.dt().dayOfWeek();
            case "doy", "dayofyear" -> x.dt().dayOfYear();
            default -> throw SqlErrors.invalid("unknown date part '" + unit + "' (year, month, day, hour, minute,"
                    + " second, dow, doy)", at);
        };
    }

    /** {@code substring(s, start[, length])} and {@code substring(s FROM start FOR length)}; start counts from 1. */
    private static Expression substring(List<Expression> args, Position at) {
        if (args.size() < 2 || args.size() > 3) {
            throw SqlErrors.invalid("substring takes a string, a start and an optional length, got " + args.size()
                    + " arguments", at);
        }
        int start = Calls.intArgument(args.get(1), "substring", at) - 1;
        if (args.size() == 2) {
            return args.get(0).str().substr(Math.max(0, start));
        }
        int length = Calls.intArgument(args.get(2), "substring", at);
        int end = start + length;
        start = Math.max(0, start);
        return args.get(0).str().substr(start, Math.max(0, end - start));
    }

    static String stringArgument(Expression e, String function, Position at) {
        if (e.node() instanceof Literal l && l.value() instanceof String s) {
            return s;
        }
        throw SqlErrors.invalid(function + " takes a string constant here, got " + e, at);
    }

    private static void arity(String name, List<Expression> args, int n, Position at) {
        if (args.size() != n) {
            throw SqlErrors.invalid(name + " takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size(), at);
        }
    }

    static List<String> names() {
        List<String> all = new java.util.ArrayList<>(NAMES);
        all.addAll(Aggregates.NAMES);
        all.addAll(Windows.NAMES);
        return all;
    }
}
