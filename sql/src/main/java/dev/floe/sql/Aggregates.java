package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import java.util.List;
import java.util.Set;

/** Aggregate functions by SQL name. */
final class Aggregates {
    static final Set<String> NAMES = Set.of("count", "sum", "avg", "mean", "min", "max", "stddev", "stddev_samp",
            "stddev_pop", "variance", "var_samp", "var_pop", "any_value", "median", "first", "last", "bool_and",
            "bool_or", "every", "product", "string_agg", "list", "array_agg", "count_if", "approx_count_distinct");

    private Aggregates() {
    }

    static boolean isAggregate(String name) {
        return NAMES.contains(name);
    }

    static Expression call(String name, List<Expression> args, boolean distinct, boolean star, Position at) {
        if (star) {
            if (!name.equals("count")) {
                throw SqlErrors.invalid(name + "(*) is not an aggregate; only count(*) takes *", at);
            }
            return Functions.count();
        }
        if (name.equals("string_agg")) {
            if (args.size() != 2) {
                throw SqlErrors.invalid("string_agg takes a value and a separator, got " + args.size() + " arguments", at);
            }
            return args.get(0).stringAgg(ScalarFunctions.stringArgument(args.get(1), name, at));
        }
        if (args.size() != 1) {
            throw SqlErrors.invalid(name + " takes one argument, got " + args.size(), at);
        }
        Expression x = args.get(0);
        if (distinct) {
            if (name.equals("count")) {
                return x.countDistinct();
            }
            if (!name.equals("min") && !name.equals("max")) {
                throw SqlErrors.unsupported(name + "(DISTINCT ...)", at);
            }
        }
        return switch (name) {
            case "count" -> x.count();
            case "sum" -> x.sum();
            case "avg", "mean" -> x.mean();
            case "min" -> x.min();
            case "max" -> x.max();
            case "stddev", "stddev_samp" -> x.stddev();
            case "stddev_pop" -> x.stddev(0);
            case "variance", "var_samp" -> x.variance();
            case "var_pop" -> x.variance(0);
            case "any_value", "first" -> name.equals("first") ? x.first() : x.anyValue();
            case "last" -> x.last();
            case "median" -> x.median();
            case "bool_and", "every" -> x.boolAnd();
            case "bool_or" -> x.boolOr();
            case "product" -> x.product();
            case "list", "array_agg" -> x.aggList();
            case "count_if" -> x.countIf();
            case "approx_count_distinct" -> x.approxCountDistinct();
            default -> throw SqlErrors.unknownFunction(name, at, List.copyOf(NAMES));
        };
    }
}
