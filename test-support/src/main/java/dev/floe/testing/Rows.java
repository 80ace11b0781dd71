package dev.floe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Comparing typed result rows from two engines (DESIGN.md "Correctness oracle"): as multisets
 * (order ignored) or in order, values of one Java class per type after {@link #normalize}, floats
 * within a relative 1e-9 (NaN equals NaN, -0.0 equals 0.0), null equal only to null. The
 * {@code assert*} methods fail a test; {@link #difference} returns the first difference as text
 * (for programs that report rather than fail, such as the fuzzer).
 */
public final class Rows {
    private Rows() {
    }

    /** Brings equal values from different engines to one Java class. */
    public static Object normalize(Object v) {
        if (v instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return b.longValue(); // DuckDB's sum of integers is a HUGEINT
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros();
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(normalize(item));
            }
            return out;
        }
        return v;
    }

    public static List<List<Object>> normalizeAll(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            List<Object> n = new ArrayList<>(r.size());
            for (Object v : r) {
                n.add(normalize(v));
            }
            out.add(n);
        }
        return out;
    }

    /** Asserts both results hold the same rows in any order; expected must not be empty. */
    public static void assertSameRows(List<List<Object>> actual, List<List<Object>> expected) {
        assertThat(expected).as("the oracle's result must not be empty").isNotEmpty();
        assertSameRowsAllowEmpty(actual, expected);
    }

    public static void assertSameRowsAllowEmpty(List<List<Object>> actual, List<List<Object>> expected) {
        String difference = difference(actual, expected, 0);
        if (difference != null) {
            fail(difference);
        }
    }

    /**
     * For sorted results: the first {@code keyColumns} columns must come in exactly the expected
     * sequence (ties may order the other columns any way), and the rows must be the same.
     */
    public static void assertSameOrderedRows(List<List<Object>> actual, List<List<Object>> expected, int keyColumns) {
        assertThat(expected).as("the oracle's result must not be empty").isNotEmpty();
        String difference = difference(actual, expected, keyColumns);
        if (difference != null) {
            fail(difference);
        }
    }

    /**
     * The first difference between two results as text, or null when they hold the same rows. With
     * {@code orderedKeyColumns > 0} the first that many columns must also come in the expected
     * sequence (a sorted result: ties may order the other columns any way).
     */
    public static String difference(List<List<Object>> actual, List<List<Object>> expected, int orderedKeyColumns) {
        List<List<Object>> a = normalizeAll(actual);
        List<List<Object>> e = normalizeAll(expected);
        if (a.size() != e.size()) {
            return "row count: actual " + a.size() + ", expected " + e.size() + sample("actual", a) + sample("expected", e);
        }
        String unmatched = multisetDifference(a, e);
        if (unmatched != null) {
            return unmatched;
        }
        for (int i = 0; i < a.size() && orderedKeyColumns > 0; i++) {
            List<Object> ak = a.get(i).subList(0, Math.min(orderedKeyColumns, a.get(i).size()));
            List<Object> ek = e.get(i).subList(0, Math.min(orderedKeyColumns, e.get(i).size()));
            if (!rowEquals(ak, ek)) {
                return "row " + i + " is out of order:\n  actual keys:   " + ak + "\n  expected keys: " + ek;
            }
        }
        return null;
    }

    /**
     * Sorts both and compares row by row; when that fails (floats within the tolerance can sort
     * either way) it matches each actual row to an unused equal expected row.
     */
    private static String multisetDifference(List<List<Object>> a, List<List<Object>> e) {
        List<List<Object>> sa = sorted(a);
        List<List<Object>> se = sorted(e);
        int firstDiff = -1;
        for (int i = 0; i < sa.size(); i++) {
            if (!rowEquals(sa.get(i), se.get(i))) {
                firstDiff = i;
                break;
            }
        }
        if (firstDiff < 0) {
            return null;
        }
        boolean[] used = new boolean[se.size()];
        for (List<Object> row : sa) {
            boolean found = false;
            for (int j = 0; j < se.size() && !found; j++) {
                if (!used[j] && rowEquals(row, se.get(j))) {
                    used[j] = true;
                    found = true;
                }
            }
            if (!found) {
                List<Object> missing = null;
                for (int j = 0; j < se.size() && missing == null; j++) {
                    if (!used[j]) {
                        missing = se.get(j);
                    }
                }
                return "row " + firstDiff + " (after sorting) differs:\n  actual:   " + sa.get(firstDiff)
                        + "\n  expected: " + se.get(firstDiff) + "\n  an actual row with no expected match: " + row
                        + "\n  an expected row not matched: " + missing;
            }
        }
        return null;
    }

    private static String sample(String label, List<List<Object>> rows) {
        return "\n  " + label + " (first 10 of " + rows.size() + "): " + rows.subList(0, Math.min(10, rows.size()));
    }

    /** Same values, floats within a relative 1e-9; values must be normalized first. */
    public static boolean rowEquals(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (!valueEquals(x, y)) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueEquals(Object x, Object y) {
        if (x instanceof Double dx && y instanceof Double dy) {
            return dx.equals(dy) || Math.abs(dx - dy) <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy));
        }
        if (x instanceof List<?> lx && y instanceof List<?> ly) {
            if (lx.size() != ly.size()) {
                return false;
            }
            for (int i = 0; i < lx.size(); i++) {
                if (!valueEquals(lx.get(i), ly.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(x, y);
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort(ROW_ORDER);
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? 1 : -1;
                }
                continue;
            }
            int c;
            if (x instanceof Comparable && x.getClass() == y.getClass()) {
                c = ((Comparable) x).compareTo(y);
            } else {
                c = x.toString().compareTo(y.toString());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
}
