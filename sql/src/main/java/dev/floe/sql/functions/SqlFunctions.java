package dev.floe.sql.functions;

import static dev.floe.sql.functions.SqlTypes.at;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Names;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * SQL functions by name (case-insensitive) onto Floe expressions: the binder calls
 * {@link #call} with the already-bound arguments of {@code name(args)}. Three kinds:
 * <ul>
 *   <li>scalar functions ({@code substr}, {@code round}, {@code coalesce}, {@code year}, ...);</li>
 *   <li>aggregate functions ({@code sum}, {@code count}, {@code avg}, ..., and {@code grouping}):
 *       {@link #isAggregate}; they go into the aggregation, or take {@code OVER};</li>
 *   <li>window functions ({@code rank}, {@code lag}, ...): {@link #isWindowFunction}; the result is
 *       Floe's window function, and the binder attaches the window with {@code over(...)}.</li>
 * </ul>
 * Semantics follow DuckDB where PostgreSQL and DuckDB differ (the published TPC-DS answers come from
 * DuckDB). Every definition is listed once in {@link SqlFunctionCatalog}; {@link #names()} lists them.
 */
public final class SqlFunctions {
    private SqlFunctions() {
    }

    /** What a SQL function name is. */
    public enum FunctionKind { SCALAR, AGGREGATE, WINDOW }

    /** One SQL function: its kind and how it builds a Floe expression from a call. */
    record Def(String name, FunctionKind kind, int minArgs, int maxArgs, Function<SqlCall, Expression> build) {
    }

    private static final Map<String, Def> DEFS = new LinkedHashMap<>();

    static void define(FunctionKind kind, int minArgs, int maxArgs, Function<SqlCall, Expression> build, String... names) {
        for (String n : names) {
            Def previous = DEFS.put(n, new Def(n, kind, minArgs, maxArgs, build));
            if (previous != null) {
                throw new IllegalStateException("SQL function " + n + " defined twice");
            }
        }
    }

    static {
        SqlFunctionCatalog.defineAll();
    }

    /** Whether {@code name} is a known function of any kind. */
    public static boolean exists(String name) {
        return DEFS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code name} is an aggregate function ({@code sum}, {@code count}, ..., {@code grouping}). */
    public static boolean isAggregate(String name) {
        Def d = DEFS.get(name.toLowerCase(Locale.ROOT));
        return d != null && d.kind() == FunctionKind.AGGREGATE;
    }

    /** Whether {@code name} is a window-only function ({@code rank}, {@code lag}, ...): it needs {@code OVER}. */
    public static boolean isWindowFunction(String name) {
        Def d = DEFS.get(name.toLowerCase(Locale.ROOT));
        return d != null && d.kind() == FunctionKind.WINDOW;
    }

    /** Every function name, lower case, in definition order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(DEFS.keySet()));
    }

    /** {@code count(*)}: the number of rows, nulls included (int64). */
    public static Expression countStar() {
        return Functions.count();
    }

    /**
     * {@code name(args)}: {@code distinct} for {@code count(DISTINCT x)} and the like, {@code position}
     * the call's {@code line:column} (null when unknown), {@code input} the schema the arguments are
     * typed against (null: no type-directed coercion, no early type check). An unknown name is a
     * {@link PlanException} with the closest names; wrong arity or types a PlanException naming the
     * function and the position. {@code count()} with no argument is {@code count(*)}.
     */
    public static Expression call(String name, List<Expression> args, boolean distinct, String position, Schema input) {
        Def def = DEFS.get(name.toLowerCase(Locale.ROOT));
        if (def == null) {
            throw unknown(name, position);
        }
        SqlCall call = new SqlCall(name, args, distinct, position, input);
        call.arity(def.minArgs(), def.maxArgs());
        if (distinct && def.kind() != FunctionKind.AGGREGATE) {
            throw call.error("is not an aggregate function, so DISTINCT does not apply to it");
        }
        Expression out;
        try {
            out = def.build().apply(call);
        } catch (PlanException e) {
            if (e.getMessage().startsWith("Function '")) {
                throw e;
            }
            throw call.error(e.getMessage(), e);
        }
        if (input != null) {
            try {
                out.node().type(input);
            } catch (PlanException e) {
                if (!SqlCall.typedLater(out.node())) {
                    throw call.error("does not accept these arguments: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** As {@link #call(String, List, boolean, String, Schema)} without a schema. */
    public static Expression call(String name, List<Expression> args, boolean distinct, String position) {
        return call(name, args, distinct, position, null);
    }

    /**
     * {@code EXTRACT(field FROM x)}: the same fields as {@code date_part('field', x)} (year, quarter,
     * month, week is not supported yet, day, dayofweek/dow (Sunday = 0), isodow (Monday = 1),
     * dayofyear/doy, hour, minute, second, epoch is not supported yet).
     */
    public static Expression extract(String field, Expression arg, String position, Schema input) {
        SqlCall call = new SqlCall("extract", List.of(arg), false, position, input);
        return SqlFunctionCatalog.datePart(call, field);
    }

    private static PlanException unknown(String name, String position) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        String best = Names.closest(lower, names());
        if (best != null) {
            close.add(best);
            List<String> rest = new ArrayList<>(names());
            rest.remove(best);
            String second = Names.closest(lower, rest);
            if (second != null && Math.abs(second.length() - lower.length()) <= 2) {
                close.add(second);
            }
        }
        StringBuilder sb = new StringBuilder("Unknown function '").append(name).append("'").append(at(position));
        if (!close.isEmpty()) {
            sb.append("; did you mean '").append(String.join("' or '", close)).append("'?");
        } else {
            sb.append("; SqlFunctions.names() lists the functions Floe's SQL knows");
        }
        return new PlanException(sb.toString());
    }
}
