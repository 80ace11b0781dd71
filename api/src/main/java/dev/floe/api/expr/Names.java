package dev.floe.api.expr;

import java.util.List;

/** Helpers for naming columns in messages: quoting, closest-name suggestions. */
public final class Names {
    private Names() {
    }

    /** "Column 'x' not found. Available columns: a, b. Did you mean 'y'?" */
    public static String unknownColumn(String name, List<String> available) {
        StringBuilder sb = new StringBuilder("Column '").append(name).append("' not found. Available columns: ")
                .append(available.isEmpty() ? "(none)" : String.join(", ", available)).append('.');
        String closest = closest(name, available);
        if (closest != null) {
            sb.append(" Did you mean '").append(closest).append("'?");
        }
        return sb.toString();
    }

    /** The available name closest to {@code name} by case-insensitive edit distance, or null if none is close. */
    public static String closest(String name, List<String> available) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : available) {
            int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null) {
            return null;
        }
        int allowed = Math.max(2, Math.max(name.length(), best.length()) / 2);
        return bestDistance <= allowed ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Column names print bare when they are simple identifiers, else in double quotes. */
    public static String quoteIfNeeded(String name) {
        if (!name.isEmpty() && name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
                && !Character.isDigit(name.charAt(0))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
