package dev.floe.jobs.tpch;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a query result against an official TPC-H answer file ({@code q01.csv}: '|'-delimited,
 * one header line) with the specification's validation tolerances, made one notch stricter so
 * that the rule needs no column types:
 * <ul>
 *   <li>text (anything that is not a number in the answer) must be equal after trimming; dates
 *       compare as {@code yyyy-MM-dd} text;</li>
 *   <li>an answer written without a fraction (keys, counts, sizes) must be matched exactly;</li>
 *   <li>an answer with a fraction (sums, averages, ratios) must be matched, both sides rounded to
 *       the nearest 1/100, within {@code min($100, 1%)} of the answer (the spec allows $100 for
 *       sums and 1% for averages and ratios).</li>
 * </ul>
 * Rows are compared in order (every TPC-H query sorts); the column names are not compared.
 *
 * <pre>{@code List<String> problems = TpchAnswers.compare(table.toRows(), TpchAnswers.read(Path.of("q01.csv")));}</pre>
 */
public final class TpchAnswers {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");

    private TpchAnswers() {
    }

    /** The rows of an answer file, header line dropped, each split at '|'. */
    public static List<String[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                rows.add(lines.get(i).split("\\|", -1));
            }
        }
        return rows;
    }

    /**
     * The differences between {@code actual} (typed rows as {@code Table.toRows()} gives them) and
     * the answer rows; empty when the result passes. At most 5 differences are listed.
     */
    public static List<String> compare(List<List<Object>> actual, List<String[]> expected) {
        List<String> problems = new ArrayList<>();
        if (actual.size() != expected.size()) {
            problems.add("row count " + actual.size() + ", expected " + expected.size());
        }
        for (int r = 0; r < Math.min(actual.size(), expected.size()) && problems.size() < 5; r++) {
            List<Object> row = actual.get(r);
            String[] answer = expected.get(r);
            if (row.size() != answer.length) {
                problems.add("row " + r + " has " + row.size() + " columns, expected " + answer.length);
                continue;
            }
            for (int c = 0; c < answer.length; c++) {
                if (!matches(row.get(c), answer[c])) {
                    problems.add("row " + r + " column " + (c + 1) + ": got " + row.get(c) + ", expected " + answer[c].trim());
                    break;
                }
            }
        }
        return problems;
    }

    /** One value against one answer field, with the tolerances above. */
    public static boolean matches(Object value, String answer) {
        String expected = answer.trim();
        if (value == null) {
            return expected.isEmpty() || expected.equalsIgnoreCase("null");
        }
        if (!NUMBER.matcher(expected).matches() || !(value instanceof Number)) {
            return value.toString().trim().equals(expected);
        }
        BigDecimal want = new BigDecimal(expected);
        BigDecimal got;
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return false;
            }
            got = BigDecimal.valueOf(d);
        } else {
            got = new BigDecimal(value.toString());
        }
        if (want.scale() <= 0) {
            return got.compareTo(want) == 0;
        }
        BigDecimal w = want.setScale(2, RoundingMode.HALF_UP);
        BigDecimal g = got.setScale(2, RoundingMode.HALF_UP);
        BigDecimal tolerance = w.abs().multiply(ONE_PERCENT).min(HUNDRED);
        return g.subtract(w).abs().compareTo(tolerance) <= 0;
    }
}
