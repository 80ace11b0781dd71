package dev.floe.arrow;

import dev.floe.api.types.Field;
import java.util.ArrayList;
import java.util.List;

/** Draws a table as aligned text with a header of names and types, like Daft's show. */
final class TableFormatter {
    static final int MAX_CELL = 32;

    private TableFormatter() {
    }

    static String format(Table table, int maxRows) {
        List<Field> fields = table.schema().fields();
        int columns = fields.size();
        List<String[]> cells = new ArrayList<>();
        String[] names = new String[columns];
        String[] types = new String[columns];
        for (int c = 0; c < columns; c++) {
            names[c] = cut(fields.get(c).name());
            types[c] = cut(fields.get(c).type().toString());
        }
        long total = table.numRows();
        int shown = (int) Math.min(total, Math.max(0, maxRows));
        for (int r = 0; r < shown; r++) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = cut(render(table.get(r, fields.get(c).name())));
            }
            cells.add(row);
        }
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = Math.max(names[c].length(), types[c].length());
            for (String[] row : cells) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        String rule = rule(width);
        sb.append(rule);
        line(sb, names, width);
        line(sb, types, width);
        sb.append(rule.replace('-', '='));
        for (String[] row : cells) {
            line(sb, row, width);
        }
        sb.append(rule);
        if (shown < total) {
            sb.append("(showing first ").append(shown).append(" of ").append(total).append(" rows)\n");
        } else {
            sb.append("(").append(total).append(total == 1 ? " row)\n" : " rows)\n");
        }
        return sb.toString();
    }

    private static String render(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof byte[] b) {
            return "b'" + b.length + " bytes'";
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static String cut(String s) {
        s = s.replace('\n', ' ');
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
    }

    private static String rule(int[] width) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : width) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.append('\n').toString();
    }

    private static void line(StringBuilder sb, String[] values, int[] width) {
        sb.append('|');
        for (int c = 0; c < values.length; c++) {
            sb.append(' ').append(values[c]).append(" ".repeat(width[c] - values[c].length())).append(" |");
        }
        sb.append('\n');
    }
}
