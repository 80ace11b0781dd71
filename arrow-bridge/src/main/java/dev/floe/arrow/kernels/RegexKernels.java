package dev.floe.arrow.kernels;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VarCharVector;

/**
 * Regular-expression kernels ({@link java.util.regex} syntax). These decode each row to a
 * {@code String}, since the regex engine needs a {@code CharSequence}; the pattern is compiled
 * once per call and one {@link Matcher} is reused. Null in, null out.
 *
 * <pre>{@code BitVector hasDigits = RegexKernels.matches(names, "[0-9]+", allocator);}</pre>
 */
public final class RegexKernels {
    private RegexKernels() {
    }

    /** Whether the regex is found anywhere in each string (DuckDB's {@code regexp_matches}). {@code matches(s, "[0-9]+", a)} */
    public static BitVector matches(VarCharVector s, String regex, BufferAllocator allocator) {
        Matcher m = Pattern.compile(regex).matcher("");
        int n = s.getValueCount();
        BitVector out = StringKernels.bits(n, allocator);
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        for (int i = 0; i < n; i++) {
            if (s.isNull(i)) {
                continue;
            }
            BitVectorHelper.setBit(out.getValidityBuffer(), i);
            if (m.reset(StringKernels.decode(data, offsets.getInt((long) i * 4), offsets.getInt((long) (i + 1) * 4))).find()) {
                BitVectorHelper.setBit(out.getDataBuffer(), i);
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * The given group of the first match of the regex (0 = the whole match); null when the
     * regex is not found or the group did not take part (Daft). {@code extract(s, "(\\d+)-(\\d+)", 2, a)}
     */
    public static VarCharVector extract(VarCharVector s, String regex, int group, BufferAllocator allocator) {
        Pattern pattern = Pattern.compile(regex);
        Matcher m = pattern.matcher("");
        if (group < 0 || group > m.groupCount()) {
            throw new IllegalArgumentException("regex " + regex + " has " + m.groupCount() + " groups, asked for group " + group);
        }
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                String str = StringKernels.decode(data, offsets.getInt((long) i * 4), offsets.getInt((long) (i + 1) * 4));
                String g = m.reset(str).find() ? m.group(group) : null;
                if (g != null) {
                    byte[] bytes = g.getBytes(StandardCharsets.UTF_8);
                    out.append(bytes, 0, bytes.length);
                }
                out.endRow(i, g != null);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /**
     * Every match of the regex replaced by {@code replacement} ({@link Matcher#replaceAll} syntax:
     * {@code $1} is group 1), as Spark's {@code regexp_replace}. {@code replaceAll(s, "[0-9]+", "#", a)}
     */
    public static VarCharVector replaceAll(VarCharVector s, String regex, String replacement, BufferAllocator allocator) {
        Matcher m = Pattern.compile(regex).matcher("");
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        Utf8Output out = Utf8Output.create(n, StringKernels.dataEnd(s), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                String str = StringKernels.decode(data, offsets.getInt((long) i * 4), offsets.getInt((long) (i + 1) * 4));
                byte[] bytes = m.reset(str).replaceAll(replacement).getBytes(StandardCharsets.UTF_8);
                out.append(bytes, 0, bytes.length);
                out.endRow(i, true);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.vector().close();
            throw e;
        }
    }

    /**
     * Splits each string around the matches of the regex into list(string), keeping empty parts
     * (DuckDB's {@code regexp_split_to_array}, Spark's {@code split} with limit -1).
     * {@code split(s, ",\\s*", a)}
     */
    public static org.apache.arrow.vector.complex.ListVector split(VarCharVector s, String regex, BufferAllocator allocator) {
        Matcher m = Pattern.compile(regex).matcher("");
        int n = s.getValueCount();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        org.apache.arrow.vector.complex.ListVector list = org.apache.arrow.vector.complex.ListVector.empty("out", allocator);
        try {
            list.addOrGetVector(org.apache.arrow.vector.types.pojo.FieldType.nullable(
                    org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE));
            list.setInitialCapacity(Math.max(n, 1));
            list.allocateNew();
            VarCharVector child = (VarCharVector) list.getDataVector();
            child.allocateNew(Math.max(StringKernels.dataEnd(s), 16), Math.max(n, 1));
            Utf8Output out = Utf8Output.appendTo(child, 0);
            int items = 0;
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    list.setNull(i);
                    continue;
                }
                list.startNewValue(i);
                int b = offsets.getInt((long) i * 4);
                String str = StringKernels.decode(data, b, offsets.getInt((long) (i + 1) * 4));
                int count = 0;
                int last = 0;
                m.reset(str);
                while (m.find()) {
                    if (m.end() == 0) {
                        continue; // a zero-width match at the start splits off nothing
                    }
                    items = part(out, str, last, m.start(), items);
                    count++;
                    last = m.end();
                }
                items = part(out, str, last, str.length(), items);
                count++;
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

    private static int part(Utf8Output out, String str, int from, int to, int item) {
        byte[] bytes = str.substring(from, to).getBytes(StandardCharsets.UTF_8);
        out.append(bytes, 0, bytes.length);
        out.endRow(item, true);
        return item + 1;
    }
}
