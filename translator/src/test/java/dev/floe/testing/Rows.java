package dev.floe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Comparing typed result rows from two engines: order ignored, floats within a relative 1e-9. */
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
        List<List<Object>> a = sorted(normalizeAll(actual));
        List<List<Object>> e = sorted(normalizeAll(expected));
        assertThat(a.size()).as("row count").isEqualTo(e.size());
        for (int i = 0; i < a.size(); i++) {
            if (!rowEquals(a.get(i), e.get(i))) {
                fail("Row " + i + " (after sorting) differs:\n  actual:   " + a.get(i) + "\n  expected: " + e.get(i));
            }
        }
    }

    /**
     * For sorted results: the first {@code keyColumns} columns must come in exactly the expected
     * sequence (ties may order the other columns any way), and the rows must be the same.
     */
    public static void assertSameOrderedRows(List<List<Object>> actual, List<List<Object>> expected, int keyColumns) {
        assertSameRows(actual, expected);
        List<List<Object>> a = normalizeAll(actual);
        List<List<Object>> e = normalizeAll(expected);
        for (int i = 0; i < a.size(); i++) {
            List<Object> ak = a.get(i).subList(0, keyColumns);
            List<Object> ek = e.get(i).subList(0, keyColumns);
            if (!rowEquals(ak, ek)) {
                fail("Row " + i + " is out of order:\n  actual keys:   " + ak + "\n  expected keys: " + ek);
            }
        }
    }

    /** Same values, floats within a relative 1e-9; values must be normalized first. */
    public static boolean rowEquals(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x instanceof Double dx && y instanceof Double dy) {
                if (!(dx.equals(dy) || Math.abs(dx - dy) <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy)))) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
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
