package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.sql.functions.SqlFunctions;
import dev.floe.sql.functions.SqlLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * What an aggregate call may carry beside its arguments: {@code DISTINCT}, {@code FILTER (WHERE c)}
 * and {@code ORDER BY} inside the call.
 *
 * <ul>
 * <li>{@code FILTER (WHERE c)}: the value argument becomes {@code CASE WHEN c THEN x END}, which every
 * aggregate that skips nulls reads as "the rows where c holds" ({@code count(*)} counts
 * {@code CASE WHEN c THEN 1 END}). Aggregates that keep nulls or take the first/last row
 * ({@code list}, {@code array_agg}, {@code first}, {@code last}, {@code arbitrary}) reject it.
 * <li>{@code DISTINCT} in a SELECT with GROUP BY or aggregates: each argument that is not a constant
 * is tagged ({@link #isTag}); {@link DistinctAggregation} plans the aggregation so that the call sees
 * each distinct argument (tuple) once per group, for any aggregate. DISTINCT changes nothing for
 * min, max, any_value, first, last, arbitrary, bool_and, bool_or and approx_count_distinct, so
 * there it is dropped; {@code list/array_agg(DISTINCT x)} is the group's set of distinct non-null
 * values. Elsewhere (a DataFrame's {@code sqlExpr}, window functions, and a subquery inside an
 * expression, whose grouping sets would not decorrelate) the function registry's own DISTINCT
 * forms apply (sum, avg, count, list; others are an error there).
 * <li>{@code ORDER BY} inside the call: ignored where the order cannot change the result (sum,
 * count, ...); for {@code string_agg(x, sep ORDER BY x)} and {@code list/array_agg(x ORDER BY x)}
 * (also DESC, also with DISTINCT) the group's list of values sorted; an error for any other order
 * of string_agg, list, array_agg, first, last and arbitrary (DuckDB's {@code array_agg(x ORDER BY
 * y)}), which Floe cannot order yet.
 * </ul>
 */
final class AggregateCalls {
    /** The alias that marks an argument of a DISTINCT aggregate; followed by the argument's index. */
    static final String DISTINCT_TAG = "__floe_distinct";

    private static final Set<String> DISTINCT_CHANGES_NOTHING = Set.of("min", "max", "any_value", "arbitrary", "first",
            "last", "bool_and", "bool_or", "every", "approx_count_distinct");
    private static final Set<String> KEEPS_NULLS_OR_ORDER = Set.of("list", "array_agg", "first", "last", "arbitrary");
    private static final Set<String> ORDER_MATTERS = Set.of("list", "array_agg", "string_agg", "group_concat",
            "listagg", "first", "last", "arbitrary");

    private AggregateCalls() {
    }

    /**
     * {@code name(args)} with DISTINCT, FILTER (null: none) and ORDER BY (null: none); {@code star}
     * for {@code count(*)}; {@code tagDistinct} where the SELECT plans DISTINCT aggregates itself.
     */
    static Expression call(String name, List<Expression> args, boolean star, boolean distinct, Expression filter,
            List<OrderByElement> orderBy, Position at, ExpressionBinder binder, boolean tagDistinct) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean aggregate = star || SqlFunctions.isAggregate(lower);
        if (filter != null && !aggregate) {
            throw SqlErrors.invalid(name + "(...) FILTER (WHERE ...): FILTER applies to aggregate functions only", at);
        }
        if (orderBy != null && !orderBy.isEmpty()) {
            if (!aggregate) {
                throw SqlErrors.invalid(name + "(... ORDER BY ...): ORDER BY inside a call applies to aggregate"
                        + " functions only", at);
            }
            if (ORDER_MATTERS.contains(lower) && !sortable(lower, args, orderBy, binder)) {
                throw SqlErrors.invalid(name + "(... ORDER BY ...) is not supported for this order: Floe orders the"
                        + " values of " + lower + " only by the aggregated value itself (" + lower + "(x ORDER BY x),"
                        + " also DESC, nulls last)", at);
            }
        }
        List<Expression> in = new ArrayList<>(args);
        if (star) {
            if (filter == null) {
                return SqlFunctions.countStar();
            }
            in = List.of(Functions.ifElse(filter, Functions.lit(1), SqlLiterals.nullValue()));
            lower = "count";
            name = "count";
        } else if (filter != null) {
            if (KEEPS_NULLS_OR_ORDER.contains(lower)) {
                throw SqlErrors.invalid(name + "(...) FILTER (WHERE ...) is not supported: " + lower + " keeps nulls or"
                        + " depends on the rows' order; filter the rows in a derived table first", at);
            }
            if (!in.isEmpty()) {
                in.set(0, Functions.ifElse(filter, in.get(0), SqlLiterals.nullValue()));
            }
        }
        if (orderBy != null && !orderBy.isEmpty() && ORDER_MATTERS.contains(lower)) {
            return sorted(lower, in, distinct, !orderBy.get(0).isAsc());
        }
        boolean d = distinct && !DISTINCT_CHANGES_NOTHING.contains(lower);
        if (d && tagDistinct && aggregate && !lower.equals("list") && !lower.equals("array_agg")) {
            for (int i = 0; i < in.size(); i++) {
                if (!(in.get(i).node().unalias() instanceof Literal)) {
                    in.set(i, Expression.of(new Alias(in.get(i).node(), DISTINCT_TAG + i)));
                }
            }
            d = false;
        }
        return SqlFunctions.call(name, in, d, at.text(), binder.input());
    }

    /**
     * True for {@code string_agg(x, sep ORDER BY x [DESC])} and {@code list/array_agg(x ORDER BY x
     * [DESC])} (nulls last, as DuckDB's default), which sorting the group's list gives.
     */
    private static boolean sortable(String lower, List<Expression> args, List<OrderByElement> orderBy,
            ExpressionBinder binder) {
        if (orderBy.size() != 1 || args.isEmpty() || lower.equals("first") || lower.equals("last")
                || lower.equals("arbitrary")) {
            return false;
        }
        OrderByElement o = orderBy.get(0);
        if (o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST) {
            return false;
        }
        return binder.bind(o.getExpression()).node().unalias().equals(args.get(0).node().unalias());
    }

    /** The ordered forms {@link #sortable} accepts: the group's values (distinct ones for DISTINCT) as a sorted list. */
    private static Expression sorted(String lower, List<Expression> args, boolean distinct, boolean descending) {
        Expression x = args.get(0);
        Expression values = distinct ? x.aggSet() : x.aggList();
        Expression list = values.list().sort(descending);
        if (lower.equals("list") || lower.equals("array_agg")) {
            return list;
        }
        // string_agg: null for a group without a non-null value, as without ORDER BY
        String separator = args.size() < 2 ? "," : stringConstant(args.get(1));
        return Functions.ifElse(x.count().eq(Functions.lit(0L)), SqlLiterals.nullValue(), list.list().join(separator));
    }

    /** A string_agg separator: a constant string. */
    static String stringConstant(Expression e) {
        if (e.node().unalias() instanceof Literal l && l.value() instanceof String text) {
            return text;
        }
        throw new dev.floe.api.PlanException("string_agg takes a constant string separator, got " + e.node().display());
    }

    /** True for an argument tagged as DISTINCT by {@link #call}. */
    static boolean isTag(Expr e) {
        return e instanceof Alias a && a.name().startsWith(DISTINCT_TAG);
    }
}
