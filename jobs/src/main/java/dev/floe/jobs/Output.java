package dev.floe.jobs;

import dev.floe.arrow.Table;
import java.util.List;

/** Prints job results: Floe's table layout, or CSV lines (header first) that scripts can parse. */
final class Output {
    private Output() {
    }

    static String format(Table table, String format) {
        return switch (format) {
            case "table" -> table.format(Integer.MAX_VALUE) + "\n";
            case "csv" -> csv(table);
            default -> throw new IllegalArgumentException("--format must be table or csv, got " + format);
        };
    }

    private static String csv(Table table) {
        StringBuilder out = new StringBuilder(String.join(",", table.columnNames())).append('\n');
        for (List<Object> row : table.toRows()) {
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : ",").append(row.get(i) == null ? "" : row.get(i));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
