package dev.floe.jobs.tpcds;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares a query result with a TPC-DS answer file ({@code 01.csv}: a header line, then rows of
 * '|'-separated values, {@code NULL} for SQL NULL, no quoting) the way DuckDB's own TPC-DS test
 * does: rows in order (every query sorts and limits), headers not compared, and a value matches
 * when its text is equal, or for numbers after parsing:
 * <ul>
 *   <li>integers (Java integer types) must equal an answer written without a fraction;</li>
 *   <li>a decimal whose scale is the answer's number of fraction digits must be equal;</li>
 *   <li>any other pair of numbers (doubles, or a decimal where the answer was a double, such as
 *       DuckDB's {@code avg}) must agree within 1% relative (query 39's covariances differ from
 *       the file in the last digit).</li>
 * </ul>
 * Dates compare as {@code yyyy-MM-dd} text.
 *
 * <pre>{@code String diff = TpcdsAnswers.firstDifference(table.toRows(), TpcdsAnswers.read(Path.of("01.csv")));}</pre>
 */
public final class TpcdsAnswers {
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final double RELATIVE = 0.01;

    private TpcdsAnswers() {
    }

    /** The rows of an answer file, header line dropped, each split at '|' (a lone {@code NULL} is SQL NULL). */
    public static List<String[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(lines.get(i).split("\\|", -1));
        }
        // a trailing empty line is the file's last line end, not a row with one empty value
        while (!rows.isEmpty() && rows.get(rows.size() - 1).length == 1 && rows.get(rows.size() - 1)[0].isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    /** The first difference between the typed rows ({@code Table.toRows()}) and the answer, or null when they match. */
    public static String firstDifference(List<List<Object>> actual, List<String[]> expected) {
        for (int r = 0; r < Math.min(actual.size(), expected.size()); r++) {
            List<Object> row = actual.get(r);
            String[] answer = expected.get(r);
            if (row.size() != answer.length) {
                return "row " + (r + 1) + " has " + row.size() + " columns, the answer " + answer.length;
            }
            for (int c = 0; c < answer.length; c++) {
                if (!matches(row.get(c), answer[c])) {
                    return "row " + (r + 1) + " column " + (c + 1) + ": got " + show(row.get(c)) + ", expected " + answer[c]
                            + " (row " + rowText(row) + ")";
                }
            }
        }
        if (actual.size() != expected.size()) {
            return actual.size() + " rows, the answer has " + expected.size();
        }
        return null;
    }

    /** One value against one answer field, by the rules above. */
    public static boolean matches(Object value, String answer) {
        if (value == null || answer.equals("NULL")) {
            return value == null && answer.equals("NULL");
        }
        String text = value.toString();
        if (text.equals(answer)) {
            return true;
        }
        if (!(value instanceof Number) || !NUMBER.matcher(answer).matches()) {
            return false;
        }
        BigDecimal want = new BigDecimal(answer);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            if (want.scale() <= 0 || want.stripTrailingZeros().scale() <= 0) {
                return new BigDecimal(text).compareTo(want) == 0;
            }
        }
        if (value instanceof BigDecimal d && d.scale() == Math.max(0, want.scale())) {
            return d.compareTo(want) == 0;
        }
        double got = ((Number) value).doubleValue();
        double w = want.doubleValue();
        if (!Double.isFinite(got)) {
            return false;
        }
        return Math.abs(got - w) <= RELATIVE * Math.max(Math.abs(got), Math.abs(w));
    }

    private static String show(Object v) {
        return v == null ? "NULL" : v.toString();
    }

    private static String rowText(List<Object> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            sb.append(i == 0 ? "" : "|").append(show(row.get(i)));
        }
        return sb.toString();
    }
}
