package dev.floe.arrow.kernels;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * More string kernels (the functions users reach for besides {@link StringKernels}'): padding,
 * left/right, reverse, repeat, translate, initcap, position of a substring, Levenshtein distance,
 * split_part, concat_ws and ILIKE. They count code points and work on the UTF-8 bytes without a
 * {@code String} per row, except initcap of a non-ASCII row (Unicode case mapping needs one).
 * Null in, null out (concat_ws skips null arguments instead).
 *
 * <pre>{@code VarCharVector padded = TextKernels.pad(s, 5, "0", true, allocator); // lpad(s, 5, '0')}</pre>
 */
public final class TextKernels {
    private TextKernels() {
    }

    private static int start(VarCharVector s, int i) {
        return s.getOffsetBuffer().getInt((long) i * 4);
    }

    private static int end(VarCharVector s, int i) {
        return s.getOffsetBuffer().getInt((long) (i + 1) * 4);
    }

    private static int chars(ArrowBuf data, int from, int to) {
        int c = 0;
        for (int k = from; k < to; k++) {
            if ((data.getByte(k) & 0xC0) != 0x80) {
                c++;
            }
        }
        return c;
    }

    /** Byte position after {@code count} code points from {@code pos}, at most {@code end}. */
    private static int skip(ArrowBuf data, int pos, int end, long count) {
        for (long c = 0; c < count && pos < end; c++) {
            pos += StringKernels.charWidth(data.getByte(pos));
        }
        return Math.min(pos, end);
    }

    private static VarCharVector fail(Utf8Output out, RuntimeException e) {
        out.vector().close();
        throw e;
    }

    /**
     * Pads each string to {@code length} characters with {@code pad} repeated on the left (or the
     * right), or cuts it to its first {@code length} characters when longer (Spark's and DuckDB's
     * {@code lpad}/{@code rpad}); a negative length gives "", an empty pad leaves a shorter string as
     * it is. {@code pad(s, 5, "0", true, a)}
     */
    public static VarCharVector pad(VarCharVector s, long length, String pad, boolean left, BufferAllocator allocator) {
        byte[] p = pad.getBytes(StandardCharsets.UTF_8);
        int[] widths = widths(p);
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s) + (long) n * Math.max(0, Math.min(length, 64)), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = start(s, i);
                int e = end(s, i);
                if (length > 0) {
                    int have = chars(data, b, e);
                    if (have >= length) {
                        out.append(data, b, skip(data, b, e, length) - b);
                    } else {
                        long missing = widths.length == 0 ? 0 : length - have;
                        if (!left) {
                            out.append(data, b, e - b);
                        }
                        for (long c = 0; c < missing; c++) {
                            int k = (int) (c % widths.length);
                            int from = k == 0 ? 0 : widths[k - 1];
                            out.append(p, from, widths[k] - from);
                        }
                        if (left) {
                            out.append(data, b, e - b);
                        }
                    }
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    /** End offsets of each code point of {@code p}. */
    private static int[] widths(byte[] p) {
        int count = 0;
        for (int k = 0; k < p.length; k += StringKernels.charWidth(p[k])) {
            count++;
        }
        int[] ends = new int[count];
        int c = 0;
        for (int k = 0; k < p.length; k += StringKernels.charWidth(p[k])) {
            ends[c++] = Math.min(p.length, k + StringKernels.charWidth(p[k]));
        }
        return ends;
    }

    /**
     * The first {@code count} characters ({@code left}) or the last ones; a string shorter than
     * that is kept whole. {@code leftRight(s, 3, false, a)} is {@code right(s, 3)}
     */
    public static VarCharVector leftRight(VarCharVector s, long count, boolean left, BufferAllocator allocator) {
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = start(s, i);
                int e = end(s, i);
                if (left) {
                    out.append(data, b, skip(data, b, e, count) - b);
                } else {
                    int from = skip(data, b, e, Math.max(0, chars(data, b, e) - count));
                    out.append(data, from, e - from);
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    /** The characters (code points) in reverse order. {@code reverse(s, a)} */
    public static VarCharVector reverse(VarCharVector s, BufferAllocator allocator) {
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = start(s, i);
                int e = end(s, i);
                while (e > b) {
                    int p = e - 1;
                    while (p > b && (data.getByte(p) & 0xC0) == 0x80) {
                        p--;
                    }
                    out.append(data, p, e - p);
                    e = p;
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    /** The string {@code times} times; 0 or fewer gives "". {@code repeat(s, 3, a)} */
    public static VarCharVector repeat(VarCharVector s, long times, BufferAllocator allocator) {
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s) * Math.max(1, Math.min(times, 16)), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = start(s, i);
                int e = end(s, i);
                for (long t = 0; t < times; t++) {
                    out.append(data, b, e - b);
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    /**
     * Replaces each character found in {@code from} by the character at the same position of
     * {@code to}, deleting it when {@code to} is shorter (SQL {@code translate}); the first
     * occurrence in {@code from} wins. {@code translate(s, "abc", "xy", a)}
     */
    public static VarCharVector translate(VarCharVector s, String from, String to, BufferAllocator allocator) {
        int[] src = from.codePoints().toArray();
        int[] dst = to.codePoints().toArray();
        int[] ascii = new int[128]; // -2: keep, -1: delete, else the code point
        java.util.Arrays.fill(ascii, -2);
        for (int k = src.length - 1; k >= 0; k--) {
            if (src[k] < 128) {
                ascii[src[k]] = k < dst.length ? dst[k] : -1;
            }
        }
        byte[] enc = new byte[4];
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int e = end(s, i);
                for (int p = start(s, i); p < e; ) {
                    int w = Math.min(StringKernels.charWidth(data.getByte(p)), e - p);
                    int cp = codePoint(data, p, w);
                    int mapped;
                    if (cp < 128) {
                        mapped = ascii[cp];
                    } else {
                        mapped = -2;
                        for (int k = 0; k < src.length; k++) {
                            if (src[k] == cp) {
                                mapped = k < dst.length ? dst[k] : -1;
                                break;
                            }
                        }
                    }
                    if (mapped == -2) {
                        out.append(data, p, w);
                    } else if (mapped >= 0) {
                        out.append(enc, 0, encode(mapped, enc));
                    }
                    p += w;
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    static int codePoint(ArrowBuf data, int pos, int w) {
        int b = data.getByte(pos) & 0xFF;
        int cp = switch (w) {
            case 2 -> b & 0x1F;
            case 3 -> b & 0x0F;
            case 4 -> b & 0x07;
            default -> b;
        };
        for (int k = 1; k < w; k++) {
            cp = (cp << 6) | (data.getByte(pos + k) & 0x3F);
        }
        return cp;
    }

    /** UTF-8 bytes of a code point into {@code out}; returns how many. */
    static int encode(int cp, byte[] out) {
        if (cp < 0x80) {
            out[0] = (byte) cp;
            return 1;
        }
        if (cp < 0x800) {
            out[0] = (byte) (0xC0 | (cp >> 6));
            out[1] = (byte) (0x80 | (cp & 0x3F));
            return 2;
        }
        if (cp < 0x10000) {
            out[0] = (byte) (0xE0 | (cp >> 12));
            out[1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[2] = (byte) (0x80 | (cp & 0x3F));
            return 3;
        }
        out[0] = (byte) (0xF0 | (cp >> 18));
        out[1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[3] = (byte) (0x80 | (cp & 0x3F));
        return 4;
    }

    /**
     * Each word's first letter in upper case and the rest in lower case, words being separated by
     * spaces (Spark's {@code initcap}); ASCII rows byte by byte, others through one String.
     * {@code initcap(s, a)}
     */
    public static VarCharVector initcap(VarCharVector s, BufferAllocator allocator) {
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = start(s, i);
                int e = end(s, i);
                if (StringKernels.isAscii(data, b, e)) {
                    boolean wordStart = true;
                    for (int k = b; k < e; k++) {
                        int c = data.getByte(k);
                        if (wordStart && c >= 'a' && c <= 'z') {
                            c -= 32;
                        } else if (!wordStart && c >= 'A' && c <= 'Z') {
                            c += 32;
                        }
                        wordStart = c == ' ';
                        out.appendByte(c);
                    }
                } else {
                    String str = StringKernels.decode(data, b, e).toLowerCase(Locale.ROOT);
                    StringBuilder sb = new StringBuilder(str.length());
                    boolean wordStart = true;
                    for (int k = 0; k < str.length(); ) {
                        int cp = str.codePointAt(k);
                        if (wordStart) {
                            sb.append(String.valueOf(Character.toChars(cp)).toUpperCase(Locale.ROOT));
                        } else {
                            sb.appendCodePoint(cp);
                        }
                        wordStart = cp == ' ';
                        k += Character.charCount(cp);
                    }
                    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                    out.append(bytes, 0, bytes.length);
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    /**
     * The character position of the first occurrence of {@code needle} in each string as int64:
     * 1-based with 0 for "not found" (SQL {@code instr}) when {@code base} is 1, 0-based with -1
     * (Daft's {@code find}) when it is 0; an empty needle is found at the start.
     * {@code position(s, needles, 1, a)}
     */
    public static BigIntVector position(VarCharVector s, VarCharVector needle, int base, BufferAllocator allocator) {
        int n = s.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        ArrowBuf data = s.getDataBuffer();
        byte[] pat = new byte[16];
        for (int i = 0; i < n; i++) {
            if (s.isNull(i) || needle.isNull(i)) {
                continue;
            }
            int ps = start(needle, i);
            int plen = end(needle, i) - ps;
            if (pat.length < plen) {
                pat = new byte[Math.max(plen, pat.length * 2)];
            }
            needle.getDataBuffer().getBytes(ps, pat, 0, plen);
            int b = start(s, i);
            int hit = StringKernels.indexOf(data, b, end(s, i) - b, pat, plen, 0);
            out.set(i, hit < 0 ? base - 1 : chars(data, b, b + hit) + base);
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * The Levenshtein edit distance (insertions, deletions, substitutions of code points) between
     * the two strings of each row, as int64. {@code levenshtein(a, b, allocator)}
     */
    public static BigIntVector levenshtein(VarCharVector x, VarCharVector y, BufferAllocator allocator) {
        int n = x.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        int[][] cps = {new int[16], new int[16]};
        int[] prev = new int[17];
        int[] cur = new int[17];
        for (int i = 0; i < n; i++) {
            if (x.isNull(i) || y.isNull(i)) {
                continue;
            }
            int la = codePoints(x, i, cps, 0);
            int lb = codePoints(y, i, cps, 1);
            int[] a = cps[0];
            int[] b = cps[1];
            if (prev.length < lb + 1) {
                prev = new int[lb * 2 + 1];
                cur = new int[lb * 2 + 1];
            }
            for (int j = 0; j <= lb; j++) {
                prev[j] = j;
            }
            for (int k = 1; k <= la; k++) {
                cur[0] = k;
                int ca = a[k - 1];
                for (int j = 1; j <= lb; j++) {
                    int cost = ca == b[j - 1] ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            out.set(i, prev[lb]);
        }
        out.setValueCount(n);
        return out;
    }

    /** Decodes row i's code points into {@code bufs[which]} (grown when needed); returns how many. */
    private static int codePoints(VarCharVector s, int i, int[][] bufs, int which) {
        ArrowBuf data = s.getDataBuffer();
        int[] buf = bufs[which];
        int e = end(s, i);
        int c = 0;
        for (int p = start(s, i); p < e; ) {
            int w = Math.min(StringKernels.charWidth(data.getByte(p)), e - p);
            if (c == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[c++] = codePoint(data, p, w);
            p += w;
        }
        bufs[which] = buf;
        return c;
    }

    /**
     * Part {@code index} of each string split on a literal delimiter: 1-based, negative counts
     * from the end, out of range gives "" (Spark's and DuckDB's {@code split_part}); an empty
     * delimiter leaves the string whole as part 1. {@code splitPart(s, ",", 2, a)}
     */
    public static VarCharVector splitPart(VarCharVector s, String delimiter, long index, BufferAllocator allocator) {
        byte[] d = delimiter.getBytes(StandardCharsets.UTF_8);
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = start(s, i);
                int len = end(s, i) - b;
                long parts = 1;
                if (d.length > 0) {
                    for (int p = StringKernels.indexOf(data, b, len, d, d.length, 0); p >= 0;
                            p = StringKernels.indexOf(data, b, len, d, d.length, p + d.length)) {
                        parts++;
                    }
                }
                long want = index > 0 ? index : parts + index + 1;
                if (want >= 1 && want <= parts) {
                    int from = 0;
                    for (long k = 1; k < want; k++) {
                        from = StringKernels.indexOf(data, b, len, d, d.length, from) + d.length;
                    }
                    int to = d.length == 0 ? -1 : StringKernels.indexOf(data, b, len, d, d.length, from);
                    out.append(data, b + from, (to < 0 ? len : to) - from);
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    /**
     * The non-null strings of each row joined with {@code separator}, skipping null arguments
     * (Spark's and DuckDB's {@code concat_ws}); a row of nulls gives "". {@code concatWs("-", cols, n, a)}
     */
    public static VarCharVector concatWs(String separator, VarCharVector[] parts, int n, BufferAllocator allocator) {
        byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
        long hint = 0;
        for (VarCharVector p : parts) {
            hint += StringKernels.dataEnd(p) + (long) sep.length * n;
        }
        Utf8Output out = Utf8Output.create(n, hint, allocator);
        try {
            for (int i = 0; i < n; i++) {
                boolean first = true;
                for (VarCharVector p : parts) {
                    if (p.isNull(i)) {
                        continue;
                    }
                    if (!first) {
                        out.append(sep, 0, sep.length);
                    }
                    first = false;
                    int b = start(p, i);
                    out.append(p.getDataBuffer(), b, end(p, i) - b);
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            return fail(out, e);
        }
    }

    /**
     * Case-insensitive SQL LIKE: both sides in lower case ({@code Locale.ROOT}), then
     * {@link LikeKernel#like}. {@code ilike(s, "%abc%", a)}
     */
    public static BitVector ilike(VarCharVector s, String sqlPattern, BufferAllocator allocator) {
        try (VarCharVector lower = StringKernels.mapCase(StringKernels.Case.LOWER, s, allocator)) {
            return LikeKernel.like(lower, sqlPattern.toLowerCase(Locale.ROOT), allocator);
        }
    }
}
