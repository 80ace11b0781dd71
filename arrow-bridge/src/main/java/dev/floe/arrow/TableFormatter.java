package dev.floe.arrow;

import dev.floe.api.types.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a table as aligned text with a header of names and types, like Daft's show: null as
 * {@code null}, floats in the fewest digits that read back as the same value, in plain notation
 * from 1e-7 up to 1e16 ({@code 50736045.42}, not {@code 5.073604542E7}), scientific outside.
 */
final class TableFormatter {
    /** Default longest cell, in characters; longer values end in an ellipsis. */
    static final int MAX_CELL = 32;

    private TableFormatter() {
    }

    /** {@code maxCell} characters at most per cell; 0 or less shows every value whole. */
    static String format(Table table, int maxRows, int maxCell) {
        List<Field> fields = table.schema().fields();
        int columns = fields.size();
        List<String[]> cells = new ArrayList<>();
        String[] names = new String[columns];
        String[] types = new String[columns];
        for (int c = 0; c < columns; c++) {
            names[c] = cut(fields.get(c).name(), maxCell);
            types[c] = cut(fields.get(c).type().toString(), maxCell);
        }
        long total = table.numRows();
        int shown = (int) Math.min(total, Math.max(0, maxRows));
        for (int r = 0; r < shown; r++) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = cut(render(table.get(r, fields.get(c).name())), maxCell);
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

    static String render(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return "b'" + b.length + " bytes'";
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return floating(d, false);
        }
        if (v instanceof Float f) {
            return floating(f, true);
        }
        if (v instanceof java.util.List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(render(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof java.util.Map<?, ?> struct) {
            StringBuilder sb = new StringBuilder("{");
            struct.forEach((k, x) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append(": ").append(render(x)));
            return sb.append('}').toString();
        }
        return v.toString();
    }

    /**
     * The fewest significant digits that read back as the same float (Java 17's toString sometimes
     * gives more), plain from 1e-7 up to 1e16, scientific outside; whole numbers keep a {@code .0}.
     */
    static String floating(double v, boolean single) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        java.math.BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            java.math.BigDecimal candidate = exact.round(new java.math.MathContext(digits));
            if (single ? candidate.floatValue() == (float) v : candidate.doubleValue() == v) {
                shortest = candidate;
                break;
            }
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-7 && magnitude < 1e16) {
            String plain = shortest.stripTrailingZeros().toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        java.math.BigDecimal unscaled = shortest.stripTrailingZeros();
        int exponent = unscaled.precision() - unscaled.scale() - 1;
        String digits = unscaled.unscaledValue().abs().toString();
        String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    private static String cut(String s, int maxCell) {
        s = s.replace('\n', ' ');
        return maxCell <= 0 || s.length() <= maxCell ? s : s.substring(0, maxCell - 1) + "…";
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
