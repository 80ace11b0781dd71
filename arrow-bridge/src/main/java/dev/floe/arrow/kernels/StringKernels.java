package dev.floe.arrow.kernels;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * String kernels over UTF-8 offsets and bytes. Lengths and positions count code points; the
 * functions here (find, length, substr, strip, replace, split, concat, and upper/lower of ASCII
 * rows) work on the bytes without a {@code String} per row; upper/lower of a non-ASCII row
 * decode it, since Unicode case mapping needs a {@code String}. SQL LIKE is in
 * {@link LikeKernel}, regular expressions in {@link RegexKernels}. Null in, null out.
 *
 * <pre>{@code BitVector hits = StringKernels.find(StringKernels.Find.CONTAINS, names, Operand.scalar(string(), "ab"), allocator);}</pre>
 */
public final class StringKernels {
    private StringKernels() {
    }

    /** Substring tests of {@link #find}. */
    public enum Find { CONTAINS, STARTS_WITH, ENDS_WITH }

    /** Case mappings of {@link #mapCase}. */
    public enum Case { UPPER, LOWER }

    /** Sides of {@link #strip}. */
    public enum Side { BOTH, LEFT, RIGHT }

    // ---- predicates -------------------------------------------------------------------------

    /**
     * Whether each string contains / starts with / ends with the pattern, a string scalar or a
     * string vector of the same length. {@code find(Find.CONTAINS, s, Operand.scalar(string(), "x"), a)}
     */
    public static BitVector find(Find op, VarCharVector s, Operand pattern, BufferAllocator allocator) {
        int n = s.getValueCount();
        BitVector out = bits(n, allocator);
        if (pattern.isNullScalar()) {
            out.setValueCount(n);
            return out;
        }
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        ArrowBuf outBits = out.getDataBuffer();
        ArrowBuf outValid = out.getValidityBuffer();
        byte[] pat = pattern.isScalar() ? pattern.bytesValue : new byte[16];
        VarCharVector pv = pattern.isScalar() ? null : (VarCharVector) pattern.vector();
        for (int i = 0; i < n; i++) {
            if (s.isNull(i)) {
                continue;
            }
            int plen;
            if (pv == null) {
                plen = pat.length;
            } else {
                if (pv.isNull(i)) {
                    continue;
                }
                int ps = pv.getOffsetBuffer().getInt((long) i * 4);
                plen = pv.getOffsetBuffer().getInt((long) (i + 1) * 4) - ps;
                if (pat.length < plen) {
                    pat = new byte[Math.max(plen, pat.length * 2)];
                }
                pv.getDataBuffer().getBytes(ps, pat, 0, plen);
            }
            int start = offsets.getInt((long) i * 4);
            int len = offsets.getInt((long) (i + 1) * 4) - start;
            boolean hit = switch (op) {
                case CONTAINS -> indexOf(data, start, len, pat, plen, 0) >= 0;
                case STARTS_WITH -> plen <= len && regionEquals(data, start, pat, 0, plen);
                case ENDS_WITH -> plen <= len && regionEquals(data, start + len - plen, pat, 0, plen);
            };
            BitVectorHelper.setBit(outValid, i);
            if (hit) {
                BitVectorHelper.setBit(outBits, i);
            }
        }
        out.setValueCount(n);
        return out;
    }

    // ---- length, case, substr, strip ---------------------------------------------------------

    /** Characters (code points) per string, as int64. {@code length(names, a)} */
    public static BigIntVector length(VarCharVector s, BufferAllocator allocator) {
        int n = s.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(n);
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        for (int i = 0; i < n; i++) {
            if (s.isNull(i)) {
                continue;
            }
            int start = offsets.getInt((long) i * 4);
            int end = offsets.getInt((long) (i + 1) * 4);
            long chars = 0;
            for (int k = start; k < end; k++) {
                if ((data.getByte(k) & 0xC0) != 0x80) {
                    chars++;
                }
            }
            out.set(i, chars);
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Upper or lower case with {@link Locale#ROOT}: ASCII rows byte by byte, other rows through
     * {@link String#toUpperCase(Locale)} (one String per non-ASCII row). {@code mapCase(Case.UPPER, s, a)}
     */
    public static VarCharVector mapCase(Case c, VarCharVector s, BufferAllocator allocator) {
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        Utf8Output out = Utf8Output.create(n, dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int start = offsets.getInt((long) i * 4);
                int end = offsets.getInt((long) (i + 1) * 4);
                if (isAscii(data, start, end)) {
                    for (int k = start; k < end; k++) {
                        int b = data.getByte(k);
                        if (c == Case.UPPER && b >= 'a' && b <= 'z') {
                            b -= 32;
                        } else if (c == Case.LOWER && b >= 'A' && b <= 'Z') {
                            b += 32;
                        }
                        out.appendByte(b);
                    }
                } else {
                    String str = decode(data, start, end);
                    byte[] mapped = (c == Case.UPPER ? str.toUpperCase(Locale.ROOT) : str.toLowerCase(Locale.ROOT))
                            .getBytes(StandardCharsets.UTF_8);
                    out.append(mapped, 0, mapped.length);
                }
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /**
     * Characters [start, start + length) counting code points from 0; a start past the end gives
     * "", a negative length means "to the end". {@code substr(s, 1, 3, a)}
     */
    public static VarCharVector substr(VarCharVector s, int start, int length, BufferAllocator allocator) {
        if (start < 0) {
            throw new IllegalArgumentException("substr start must be >= 0, got " + start);
        }
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        Utf8Output out = Utf8Output.create(n, dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int from = offsets.getInt((long) i * 4);
                int end = offsets.getInt((long) (i + 1) * 4);
                int b = skipChars(data, from, end, start);
                int e = length < 0 ? end : skipChars(data, b, end, length);
                out.append(data, b, e - b);
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /** Byte position after skipping {@code chars} code points from {@code pos}, at most {@code end}. */
    private static int skipChars(ArrowBuf data, int pos, int end, int chars) {
        for (int c = 0; c < chars && pos < end; c++) {
            pos += charWidth(data.getByte(pos));
        }
        return Math.min(pos, end);
    }

    /**
     * Removes Unicode white space (the White_Space property, as Rust's {@code trim} and Daft)
     * from one or both ends; ASCII ends are tested byte by byte. {@code strip(Side.BOTH, s, a)}
     */
    public static VarCharVector strip(Side side, VarCharVector s, BufferAllocator allocator) {
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        Utf8Output out = Utf8Output.create(n, dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = offsets.getInt((long) i * 4);
                int e = offsets.getInt((long) (i + 1) * 4);
                if (side != Side.RIGHT) {
                    while (b < e) {
                        int w = whiteWidthAt(data, b, e);
                        if (w == 0) {
                            break;
                        }
                        b += w;
                    }
                }
                if (side != Side.LEFT) {
                    while (e > b) {
                        int w = whiteWidthBefore(data, b, e);
                        if (w == 0) {
                            break;
                        }
                        e -= w;
                    }
                }
                out.append(data, b, e - b);
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /** Width of the white-space character starting at pos, or 0. */
    private static int whiteWidthAt(ArrowBuf data, int pos, int end) {
        int b = data.getByte(pos) & 0xFF;
        if (b < 0x80) {
            return isAsciiWhite(b) ? 1 : 0;
        }
        int w = Math.min(charWidth((byte) b), end - pos);
        return isWhite(codePoint(data, pos, w)) ? w : 0;
    }

    /** Width of the white-space character ending at end, or 0. */
    private static int whiteWidthBefore(ArrowBuf data, int begin, int end) {
        int b = data.getByte(end - 1) & 0xFF;
        if (b < 0x80) {
            return isAsciiWhite(b) ? 1 : 0;
        }
        int p = end - 1;
        while (p > begin && (data.getByte(p) & 0xC0) == 0x80) {
            p--;
        }
        return isWhite(codePoint(data, p, end - p)) ? end - p : 0;
    }

    static boolean isAsciiWhite(int b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0D);
    }

    private static boolean isWhite(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    private static int codePoint(ArrowBuf data, int pos, int w) {
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

    // ---- replace, split, concat ----------------------------------------------------------------

    /**
     * Replaces every non-overlapping occurrence of a literal, left to right; an empty
     * {@code from} leaves the string unchanged (as DuckDB). {@code replace(s, "a", "b", a)}
     */
    public static VarCharVector replace(VarCharVector s, String from, String to, BufferAllocator allocator) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        Utf8Output out = Utf8Output.create(n, dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                int b = offsets.getInt((long) i * 4);
                int e = offsets.getInt((long) (i + 1) * 4);
                int pos = 0;
                if (f.length > 0) {
                    int hit;
                    while ((hit = indexOf(data, b, e - b, f, f.length, pos)) >= 0) {
                        out.append(data, b + pos, hit - pos);
                        out.append(t, 0, t.length);
                        pos = hit + f.length;
                    }
                }
                out.append(data, b + pos, e - b - pos);
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /**
     * Splits on a literal separator into a list of strings; an empty separator splits into
     * characters (as DuckDB's {@code string_split}). {@code split(s, ",", a)}
     */
    public static ListVector split(VarCharVector s, String separator, BufferAllocator allocator) {
        byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        ListVector list = ListVector.empty("out", allocator);
        try {
            list.addOrGetVector(FieldType.nullable(ArrowType.Utf8.INSTANCE));
            list.setInitialCapacity(Math.max(n, 1));
            list.allocateNew();
            VarCharVector child = (VarCharVector) list.getDataVector();
            child.allocateNew(Math.max(dataEnd(s), 16), Math.max(n, 1));
            Utf8Output out = Utf8Output.appendTo(child, 0);
            int items = 0;
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    list.setNull(i);
                    continue;
                }
                list.startNewValue(i);
                int b = offsets.getInt((long) i * 4);
                int e = offsets.getInt((long) (i + 1) * 4);
                int count = 0;
                if (sep.length == 0) {
                    for (int p = b; p < e; ) {
                        int w = Math.min(charWidth(data.getByte(p)), e - p);
                        out.append(data, p, w);
                        out.endRow(items++, true);
                        count++;
                        p += w;
                    }
                } else {
                    int pos = 0;
                    int hit;
                    while ((hit = indexOf(data, b, e - b, sep, sep.length, pos)) >= 0) {
                        out.append(data, b + pos, hit - pos);
                        out.endRow(items++, true);
                        count++;
                        pos = hit + sep.length;
                    }
                    out.append(data, b + pos, e - b - pos);
                    out.endRow(items++, true);
                    count++;
                }
                list.endValue(i, count);
            }
            out.finish();
            list.setValueCount(n);
            return list;
        } catch (RuntimeException e) {
            list.close();
            throw e;
        }
    }

    /** {@code a || b} per row; null if either side is null. Either side may be a scalar. */
    public static VarCharVector concat(Operand a, Operand b, int n, BufferAllocator allocator) {
        Utf8Output out = Utf8Output.create(n, estimate(a, n) + estimate(b, n), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (isNull(a, i) || isNull(b, i)) {
                    out.endRow(i, false);
                    continue;
                }
                appendValue(out, a, i);
                appendValue(out, b, i);
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    private static long estimate(Operand o, int n) {
        if (o.isScalar()) {
            return o.bytesValue == null ? 0 : (long) o.bytesValue.length * n;
        }
        return dataEnd((VarCharVector) o.vector());
    }

    private static boolean isNull(Operand o, int i) {
        return o.isScalar() ? o.isNullScalar() : o.vector().isNull(i);
    }

    private static void appendValue(Utf8Output out, Operand o, int i) {
        if (o.isScalar()) {
            out.append(o.bytesValue, 0, o.bytesValue.length);
        } else {
            VarCharVector v = (VarCharVector) o.vector();
            int b = v.getOffsetBuffer().getInt((long) i * 4);
            out.append(v.getDataBuffer(), b, v.getOffsetBuffer().getInt((long) (i + 1) * 4) - b);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** End of the last value's bytes; a vector of 0 rows may have no offset buffer at all. */
    static int dataEnd(VarCharVector s) {
        int n = s.getValueCount();
        return n == 0 ? 0 : s.getOffsetBuffer().getInt((long) n * 4);
    }

    static BitVector bits(int n, BufferAllocator allocator) {
        BitVector out = new BitVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        return out;
    }

    /** Bytes of the UTF-8 character whose first byte is b (1 for stray continuation bytes). */
    static int charWidth(byte b) {
        int x = b & 0xFF;
        if (x < 0xC0) {
            return 1;
        }
        if (x < 0xE0) {
            return 2;
        }
        return x < 0xF0 ? 3 : 4;
    }

    static boolean isAscii(ArrowBuf data, int start, int end) {
        for (int k = start; k < end; k++) {
            if (data.getByte(k) < 0) {
                return false;
            }
        }
        return true;
    }

    static String decode(ArrowBuf data, int start, int end) {
        byte[] b = new byte[end - start];
        data.getBytes(start, b, 0, b.length);
        return new String(b, StandardCharsets.UTF_8);
    }

    static boolean regionEquals(ArrowBuf data, int at, byte[] p, int from, int len) {
        for (int k = 0; k < len; k++) {
            if (data.getByte(at + k) != p[from + k]) {
                return false;
            }
        }
        return true;
    }

    /** Offset (relative to start) of the first occurrence of p[0, plen) at or after {@code from}, or -1. */
    static int indexOf(ArrowBuf data, int start, int len, byte[] p, int plen, int from) {
        if (plen == 0) {
            return from <= len ? from : -1;
        }
        byte first = p[0];
        int last = len - plen;
        for (int k = from; k <= last; k++) {
            if (data.getByte(start + k) == first && regionEquals(data, start + k + 1, p, 1, plen - 1)) {
                return k;
            }
        }
        return -1;
    }
}
