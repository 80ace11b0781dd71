package dev.floe.sql;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Names;
import java.util.List;

/**
 * The SQL frontend's messages: each names the position ({@code line:column}) of the offending
 * token, the name that failed, the closest name that exists, and what to do.
 */
final class SqlErrors {
    private static final int LISTED = 12;

    private SqlErrors() {
    }

    /** {@code candidates}: the names to suggest from (as the reference is written: qualified or not). */
    static PlanException unknownColumn(String name, Position at, List<String> candidates, List<String> inScope) {
        String closest = Names.closest(name, candidates);
        return new PlanException("SQL error" + at.at() + ": column '" + name + "' not found"
                + (closest == null ? "" : "; did you mean '" + closest + "'?")
                + " (columns in scope: " + listed(inScope) + ")");
    }

    static PlanException ambiguousColumn(String name, Position at, List<String> candidates) {
        return new PlanException("SQL error" + at.at() + ": column reference '" + name + "' is ambiguous: it may be "
                + String.join(" or ", candidates) + "; qualify it with its table, e.g. " + candidates.get(0));
    }

    static PlanException unknownTable(String name, Position at, List<String> tables) {
        String closest = Names.closest(name, tables);
        return new PlanException("SQL error" + at.at() + ": table '" + name + "' not found"
                + (closest == null ? "" : "; did you mean '" + closest + "'?") + " (tables: " + listed(tables)
                + "). Register one with floe.register(\"" + name + "\", df) or read files with FROM 'path/*.parquet'");
    }

    static PlanException unsupported(String what, Position at) {
        return new PlanException("SQL error" + at.at() + ": " + what + " is not supported");
    }

    static PlanException invalid(String message, Position at) {
        return new PlanException("SQL error" + at.at() + ": " + message);
    }

    private static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        if (names.size() <= LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED)) + ", ... (" + names.size() + " in all)";
    }
}
