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
}
