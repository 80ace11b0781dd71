package dev.floe.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.Token;

/**
 * A window that refines a named one, {@code OVER (w ORDER BY x ROWS ...)}, {@code OVER (w)} and
 * {@code WINDOW w2 AS (w1 ORDER BY x)} (SQL standard's existing window name), which JSqlParser 5.3
 * cannot parse: before parsing, the name becomes a partition key the binder recognizes,
 * {@code (PARTITION BY __floe_window_<hex of the name> ORDER BY x ...)}, and after parsing every
 * token's column on such a line is moved back to where it is in the text as written, so errors
 * name the user's positions ({@link #restore}). Strings, quoted names and comments are skipped.
 */
final class WindowRefs {
    /** The partition key that stands for a refined window's name. */
    static final String MARKER = "__floe_window_";

    private static final Set<String> SPEC_WORDS = Set.of("PARTITION", "ORDER", "ROWS", "RANGE", "GROUPS");
    private static final String PREFIX = "PARTITION BY ";

    /** A replaced name: where the replacement starts in the rewritten text, its length and the name's. */
    private record Insertion(int line, int column, int length, int originalLength) {
    }

    private record Tok(String text, int offset, int line, int column, boolean word) {
        boolean is(String keyword) {
            return word && text.equalsIgnoreCase(keyword);
        }
    }

    private final String text;
    private final List<Insertion> insertions;

    private WindowRefs(String text, List<Insertion> insertions) {
        this.text = text;
        this.insertions = insertions;
    }

    /** The text to parse. */
    String text() {
        return text;
    }

    boolean changed() {
        return !insertions.isEmpty();
    }

    /** Finds the refined window names of {@code sql}; an error for {@code (w PARTITION BY ...)}. */
    static WindowRefs rewrite(String sql) {
        List<Tok> toks = lex(sql);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        List<Insertion> insertions = new ArrayList<>();
        int copied = 0;
        int lineShift = 0;
        int lastLine = -1;
        for (int i = 0; i + 3 < toks.size(); i++) {
            Tok t = toks.get(i);
            boolean over = t.is("OVER");
            boolean definition = t.is("AS") && i >= 2 && isName(toks.get(i - 1))
                    && (toks.get(i - 2).is("WINDOW") || toks.get(i - 2).text().equals(","));
            if (!over && !definition || !toks.get(i + 1).text().equals("(")) {
                continue;
            }
            Tok name = toks.get(i + 2);
            Tok next = toks.get(i + 3);
            boolean follows = next.text().equals(")") || next.word() && SPEC_WORDS.contains(next.text().toUpperCase(Locale.ROOT));
            if (!isName(name) || !follows) {
                continue;
            }
            if (next.is("PARTITION")) {
                throw SqlErrors.invalid("a window that refines window '" + Identifier.of(name.text()) + "' takes its"
                        + " PARTITION BY and cannot have its own (SQL standard); partition in " + Identifier.of(name.text())
                        + "'s definition, or write the whole window without " + Identifier.of(name.text()),
                        new Position(next.line(), next.column()));
            }
            String replacement = PREFIX + MARKER
                    + HexFormat.of().formatHex(name.text().getBytes(StandardCharsets.UTF_8));
            out.append(sql, copied, name.offset());
            if (name.line() != lastLine) {
                lineShift = 0;
                lastLine = name.line();
            }
            insertions.add(new Insertion(name.line(), name.column() + lineShift, replacement.length(), name.text().length()));
            lineShift += replacement.length() - name.text().length();
            out.append(replacement);
            copied = name.offset() + name.text().length();
        }
        if (insertions.isEmpty()) {
            return new WindowRefs(sql, List.of());
        }
        out.append(sql, copied, sql.length());
        return new WindowRefs(out.toString(), insertions);
    }

    private static boolean isName(Tok t) {
        return t.word() ? !SPEC_WORDS.contains(t.text().toUpperCase(Locale.ROOT)) : t.text().startsWith("\"");
    }

    /** The column as written of a position in the rewritten text (a replacement's tokens: the name's column). */
    int column(int line, int column) {
        int shift = 0;
        for (Insertion ins : insertions) {
            if (ins.line() != line) {
                continue;
            }
            if (column < ins.column()) {
                break;
            }
            if (column < ins.column() + ins.length()) {
                return ins.column() - shift;
            }
            shift += ins.length() - ins.originalLength();
        }
        return column - shift;
    }

    /** Moves the parsed tokens from {@code first} on back to their columns in the text as written. */
    void restore(Token first) {
        if (insertions.isEmpty()) {
            return;
        }
        for (Token t = first; t != null; t = t.next) {
            int line = t.beginLine;
            int begin = column(line, t.beginColumn);
            int end = column(t.endLine, t.endColumn);
            t.beginColumn = begin;
            t.endColumn = end;
        }
    }

    /** The name as written that a marker partition key stands for, or null when {@code column} is none. */
    static String refined(String column) {
        if (column == null || !column.startsWith(MARKER)) {
            return null;
        }
        return new String(HexFormat.of().parseHex(column.substring(MARKER.length())), StandardCharsets.UTF_8);
    }

    /** Words, quoted names, strings and single characters with their positions; comments and blanks skipped. */
    private static List<Tok> lex(String s) {
        List<Tok> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            int col = i - lineStart + 1;
            int startLine = line;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int endAt = s.indexOf("*/", i + 2);
                int stop = endAt < 0 ? n : endAt + 2;
                for (; i < stop; i++) {
                    if (s.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                i++;
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    i++;
                    if (d == c) {
                        if (i < n && s.charAt(i) == c) {
                            i++;
                        } else {
                            break;
                        }
                    }
                }
                out.add(new Tok(s.substring(start, i), start, startLine, col, false));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Tok(s.substring(start, i), start, line, col, true));
            } else {
                i++;
                out.add(new Tok(String.valueOf(c), start, line, col, false));
            }
        }
        return out;
    }
}
