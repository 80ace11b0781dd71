package dev.floe.arrow.kernels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;

/**
 * Extracts the value at a JSON path from JSON text (Spark's {@code get_json_object}, DuckDB's
 * {@code json_extract_string}): a scanner walks the UTF-8 bytes of each row, skipping what the path
 * does not name, without building a tree or a String per row. A string comes back unquoted with
 * its escapes decoded, a number or boolean as written, an object or array as minified JSON; JSON
 * null, a missing member, an index out of range or malformed JSON give null.
 *
 * <pre>{@code VarCharVector city = JsonPathKernels.extract(json, JsonPathKernels.compile("$.address.city"), allocator);}</pre>
 */
public final class JsonPathKernels {
    private JsonPathKernels() {
    }

    /** A compiled path: member names (byte arrays) and array indexes (Integer). */
    public record Path(String text, List<Object> steps) {
    }

    /**
     * Compiles {@code $}, {@code .name}, {@code ['name']} and {@code [index]} steps; anything else
     * is an IllegalArgumentException naming the position. {@code compile("$.items[0].id")}
     */
    public static Path compile(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with '$', got '" + path + "'");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    j++;
                }
                if (j == i + 1) {
                    throw new IllegalArgumentException("empty member name at position " + i + " of JSON path '" + path + "'");
                }
                steps.add(path.substring(i + 1, j).getBytes(StandardCharsets.UTF_8));
                i = j;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' at position " + i + " of JSON path '" + path + "'");
                }
                String inside = path.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(inside.substring(1, inside.length() - 1).getBytes(StandardCharsets.UTF_8));
                } else {
                    try {
                        int index = Integer.parseInt(inside);
                        if (index < 0) {
                            throw new NumberFormatException();
                        }
                        steps.add(index);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'[" + inside + "]' at position " + i + " of JSON path '" + path
                                + "' is neither an index >= 0 nor a quoted name");
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + i + " of JSON path '" + path
                        + "'; use $.name, $['name'] or $[0]");
            }
        }
        return new Path(path, List.copyOf(steps));
    }

    /** The value at {@code path} of each row's JSON text as a string (see the class comment). */
    public static VarCharVector extract(VarCharVector json, Path path, BufferAllocator allocator) {
        int n = json.getValueCount();
        ArrowBuf data = json.getDataBuffer();
        ArrowBuf offsets = json.getOffsetBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(json), allocator);
        Scanner s = new Scanner(data);
        try {
            for (int i = 0; i < n; i++) {
                boolean valid = false;
                if (!json.isNull(i)) {
                    int start = offsets.getInt((long) i * 4);
                    s.pos = start;
                    s.end = offsets.getInt((long) (i + 1) * 4);
                    // a document whose brackets or strings do not close, or with text after it, is malformed
                    boolean whole = s.skipValue() && s.peek() < 0;
                    s.pos = start;
                    valid = whole && s.find(path.steps()) && s.emit(out);
                }
                out.endRow(i, valid);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /** A cursor over one row's bytes; every method returns false (or -1) on malformed JSON. */
    private static final class Scanner {
        final ArrowBuf data;
        int pos;
        int end;

        Scanner(ArrowBuf data) {
            this.data = data;
        }

        private int peek() {
            while (pos < end) {
                int c = data.getByte(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return c;
                }
                pos++;
            }
            return -1;
        }

        /** Moves to the start of the value the steps name. */
        boolean find(List<Object> steps) {
            for (Object step : steps) {
                int c = peek();
                if (step instanceof Integer index) {
                    if (c != '[') {
                        return false;
                    }
                    pos++;
                    if (peek() == ']') {
                        return false;
                    }
                    for (int k = 0; ; k++) {
                        if (k == index) {
                            break;
                        }
                        if (!skipValue() || peek() != ',') {
                            return false;
                        }
                        pos++;
                    }
                } else {
                    byte[] name = (byte[]) step;
                    if (c != '{') {
                        return false;
                    }
                    pos++;
                    if (peek() == '}') {
                        return false;
                    }
                    while (true) {
                        if (peek() != '"') {
                            return false;
                        }
                        int keyStart = pos + 1;
                        if (!skipString()) {
                            return false;
                        }
                        int keyEnd = pos - 1;
                        if (peek() != ':') {
                            return false;
                        }
                        pos++;
                        if (keyEnd - keyStart == name.length && StringKernels.regionEquals(data, keyStart, name, 0, name.length)) {
                            break;
                        }
                        if (!skipValue()) {
                            return false;
                        }
                        int next = peek();
                        if (next != ',') {
                            return false;
                        }
                        pos++;
                    }
                }
            }
            return peek() >= 0;
        }

        private boolean skipString() {
            pos++; // opening quote
            while (pos < end) {
                int c = data.getByte(pos++);
                if (c == '\\') {
                    pos++;
                } else if (c == '"') {
                    return true;
                }
            }
            return false;
        }

        private boolean skipValue() {
            int c = peek();
            if (c == '"') {
                return skipString();
            }
            if (c == '{' || c == '[') {
                int depth = 0;
                while (pos < end) {
                    int b = data.getByte(pos);
                    if (b == '"') {
                        if (!skipString()) {
                            return false;
                        }
                        continue;
                    }
                    pos++;
                    if (b == '{' || b == '[') {
                        depth++;
                    } else if (b == '}' || b == ']') {
                        if (--depth == 0) {
                            return true;
                        }
                    }
                }
                return false;
            }
            int start = pos;
            while (pos < end) {
                int b = data.getByte(pos);
                if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                    break;
                }
                pos++;
            }
            return pos > start;
        }

        /** Writes the value at the cursor; false for JSON null or malformed text. */
        boolean emit(Utf8Output out) {
            int c = peek();
            int start = pos;
            if (c == '"') {
                if (!skipString()) {
                    return false;
                }
                unescape(start + 1, pos - 1, out);
                return true;
            }
            if (!skipValue()) {
                return false;
            }
            if (c == '{' || c == '[') {
                minify(start, pos, out);
                return true;
            }
            if (pos - start == 4 && data.getByte(start) == 'n') {
                return false; // null
            }
            out.append(data, start, pos - start);
            return true;
        }

        private void minify(int from, int to, Utf8Output out) {
            boolean inString = false;
            for (int p = from; p < to; p++) {
                int b = data.getByte(p);
                if (inString) {
                    out.appendByte(b);
                    if (b == '\\' && p + 1 < to) {
                        out.appendByte(data.getByte(++p));
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    out.appendByte(b);
                    inString = b == '"';
                }
            }
        }

        private void unescape(int from, int to, Utf8Output out) {
            byte[] enc = new byte[4];
            for (int p = from; p < to; p++) {
                int b = data.getByte(p);
                if (b != '\\' || p + 1 >= to) {
                    out.appendByte(b);
                    continue;
                }
                int e = data.getByte(++p);
                switch (e) {
                    case 'n' -> out.appendByte('\n');
                    case 't' -> out.appendByte('\t');
                    case 'r' -> out.appendByte('\r');
                    case 'b' -> out.appendByte('\b');
                    case 'f' -> out.appendByte('\f');
                    case 'u' -> {
                        if (p + 4 < to) {
                            int cp = hex(p + 1);
                            p += 4;
                            if (Character.isHighSurrogate((char) cp) && p + 6 < to && data.getByte(p + 1) == '\\'
                                    && data.getByte(p + 2) == 'u') {
                                int low = hex(p + 3);
                                if (Character.isLowSurrogate((char) low)) {
                                    cp = Character.toCodePoint((char) cp, (char) low);
                                    p += 6;
                                }
                            }
                            out.append(enc, 0, TextKernels.encode(cp, enc));
                        }
                    }
                    default -> out.appendByte(e);
                }
            }
        }

        private int hex(int at) {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                v = v * 16 + Character.digit(data.getByte(at + k), 16);
            }
            return v;
        }
    }
}
