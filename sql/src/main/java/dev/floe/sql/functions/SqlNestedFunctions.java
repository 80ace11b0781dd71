package dev.floe.sql.functions;

import static dev.floe.sql.functions.SqlFunctions.define;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.sql.functions.SqlFunctions.FunctionKind;

/**
 * The SQL names of Floe's list and map functions ({@code Expression.list()}, {@code .map()},
 * {@code Functions.mapFromArrays}): DuckDB's names and Spark's where they differ, both accepted.
 * Where the two engines mean different things by one name the comment says which one is followed;
 * null and empty-list semantics are DuckDB's (as {@code ListExpressions} documents them).
 * Positions are SQL's, 1-based; they must be constants.
 */
final class SqlNestedFunctions {
    private SqlNestedFunctions() {
    }

    static void defineAll() {
        FunctionKind s = FunctionKind.SCALAR;
        // lists
        define(s, 2, 2, c -> list(c, 0).list().contains(c.arg(1)), "list_contains", "list_has", "array_contains",
                "array_has");
        define(s, 1, 3, c -> sort(c, false), "list_sort", "array_sort");
        define(s, 1, 2, c -> sort(c, true), "list_reverse_sort", "array_reverse_sort");
        // DuckDB's list_distinct drops nulls and does not promise an order; Floe keeps first appearances
        define(s, 1, 1, c -> list(c, 0).list().distinct(), "list_distinct", "array_distinct");
        define(s, 3, 3, SqlNestedFunctions::listSlice, "list_slice", "array_slice");
        define(s, 3, 3, SqlNestedFunctions::sparkSlice, "slice");
        // DuckDB's flatten skips null inner lists (Spark's gives null)
        define(s, 1, 1, c -> list(c, 0).list().flatten(), "flatten");
        define(s, 1, 1, c -> list(c, 0).list().length(), "array_length");
        define(s, 1, 1, c -> list(c, 0).list().count(), "list_count");
        define(s, 1, 1, c -> list(c, 0).list().sum(), "list_sum");
        define(s, 1, 1, c -> list(c, 0).list().min(), "list_min", "array_min");
        define(s, 1, 1, c -> list(c, 0).list().max(), "list_max", "array_max");
        define(s, 1, 1, c -> list(c, 0).list().mean(), "list_avg", "list_mean");
        define(s, 2, 2, c -> listElement(c, list(c, 0), false), "list_extract", "list_element", "array_extract");
        // Spark's element_at: a list's 1-based element or a map's value (DuckDB's element_at is map_extract, a list)
        define(s, 2, 2, c -> isMap(c, 0) ? c.arg(0).map().get(c.arg(1)) : listElement(c, list(c, 0), true),
                "element_at");
        // Spark's size and cardinality of a list or a map; null for null (Spark's ANSI mode, not its -1)
        define(s, 1, 1, c -> isMap(c, 0) ? c.arg(0).map().size() : list(c, 0).list().length(), "cardinality", "size");
        define(s, 1, 1, c -> {
            throw c.error("is supported as a whole item of the SELECT list only (SELECT id, unnest(xs) FROM t)");
        }, "unnest");
        // maps
        define(s, 1, 1, c -> map(c, 0).map().keys(), "map_keys");
        define(s, 1, 1, c -> map(c, 0).map().values(), "map_values");
        define(s, 2, 2, c -> map(c, 0).map().get(c.arg(1)), "map_extract_value");
        define(s, 2, 2, c -> map(c, 0).map().keys().list().contains(c.arg(1)), "map_contains", "map_contains_key");
        // DuckDB's map(keys, values) and Spark's map_from_arrays(keys, values)
        define(s, 2, 2, c -> Functions.mapFromArrays(list(c, 0), list(c, 1)), "map", "map_from_arrays");
    }

    /**
     * {@code list_sort(l[, 'ASC' | 'DESC'[, 'NULLS LAST']])}: Floe sorts nulls last in either order, so
     * {@code 'NULLS FIRST'} is refused.
     */
    private static Expression sort(SqlCall c, boolean reverse) {
        Expression l = list(c, 0);
        int nullsAt = reverse ? 1 : 2;
        boolean descending = reverse;
        if (!reverse && c.arity() >= 2) {
            String order = c.stringArg(1, "sort order").strip().toUpperCase(java.util.Locale.ROOT);
            if (!order.equals("ASC") && !order.equals("DESC")) {
                throw c.error("sorts 'ASC' or 'DESC', got '" + c.stringArg(1, "sort order") + "'");
            }
            descending = order.equals("DESC");
        }
        if (c.arity() > nullsAt) {
            String nulls = c.stringArg(nullsAt, "null order").strip().toUpperCase(java.util.Locale.ROOT)
                    .replaceAll("\\s+", " ");
            if (!nulls.equals("NULLS LAST")) {
                throw c.error("sorts nulls last only, got '" + c.stringArg(nullsAt, "null order")
                        + "'; pass 'NULLS LAST' or leave it out");
            }
        }
        return l.list().sort(descending);
    }

    /**
     * DuckDB's {@code list_slice(l, begin, end)}: 1-based, both ends included, negative positions
     * count from the end (-1 is the last element), clamped to the list.
     */
    static Expression listSlice(SqlCall c) {
        Expression l = list(c, 0);
        return slice(l, c.intArg(1, "begin"), c.intArg(2, "end"));
    }

    /** {@code list_slice} of constant 1-based inclusive positions as Floe's 0-based [start, end). */
    static Expression slice(Expression l, int begin, int end) {
        int start = begin > 0 ? begin - 1 : begin;
        int stop = end == -1 ? Integer.MAX_VALUE : end < 0 ? end + 1 : end;
        return l.list().slice(start, stop);
    }

    /**
     * Spark's {@code slice(l, start, length)}: {@code length} elements from the 1-based {@code start},
     * negative counting from the end. (A negative start before the first element gives Spark an
     * empty list; Floe clamps it to the first element.)
     */
    private static Expression sparkSlice(SqlCall c) {
        Expression l = list(c, 0);
        int start = c.intArg(1, "start");
        int length = c.intArg(2, "length");
        if (start == 0) {
            throw c.error("counts positions from 1 (or from -1 at the end), got start 0");
        }
        if (length < 0) {
            throw c.error("needs a length of at least 0, got " + length);
        }
        int from = start > 0 ? start - 1 : start;
        long to = (long) from + length;
        return l.list().slice(from, from < 0 && to >= 0 || to > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) to);
    }

    /**
     * The element at a constant 1-based index, negative from the end; out of range gives null. Index
     * 0 is null in DuckDB and an error in Spark ({@code sparkZero}).
     */
    static Expression listElement(SqlCall c, Expression l, boolean sparkZero) {
        int index = c.intArg(1, "index");
        if (index == 0 && sparkZero) {
            throw c.error("counts positions from 1 (or from -1 at the end), got 0");
        }
        // index 0 is before the first element: out of range as for any index past the end
        return l.list().get(index > 0 ? index - 1 : index == 0 ? Integer.MAX_VALUE : index);
    }

    private static boolean isMap(SqlCall c, int i) {
        return c.type(i) instanceof DataType.MapOf;
    }

    private static Expression list(SqlCall c, int i) {
        DataType t = c.type(i);
        if (t != null && !(t instanceof DataType.ListOf) && t.kind() != Kind.NULL) {
            throw c.error("needs a list as argument " + (i + 1) + ", got " + SqlTypes.sqlName(t) + " (" + c.arg(i)
                    + ")");
        }
        return c.arg(i);
    }

    private static Expression map(SqlCall c, int i) {
        DataType t = c.type(i);
        if (t != null && !(t instanceof DataType.MapOf) && t.kind() != Kind.NULL) {
            throw c.error("needs a map as argument " + (i + 1) + ", got " + SqlTypes.sqlName(t) + " (" + c.arg(i)
                    + "); build one with map(keys, values)");
        }
        return c.arg(i);
    }
}
