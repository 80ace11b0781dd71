package dev.floe.arrow.kernels;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VarCharVector;

/**
 * SQL LIKE over UTF-8 bytes, without a {@code String} per row. The pattern is looked at once:
 * a literal with {@code %} only at its ends runs as an equals/prefix/suffix/contains test,
 * anything else through a wildcard matcher with one backtrack point.
 *
 * <pre>{@code BitVector brass = LikeKernel.like(types, "%BRASS", allocator);}</pre>
 */
public final class LikeKernel {
    private LikeKernel() {
    }

    /**
     * SQL LIKE, case-sensitive: {@code %} matches any run of characters, {@code _} exactly one
     * code point; there is no escape character. Patterns that are a literal with {@code %} only
     * at the ends run as equals/prefix/suffix/contains tests. {@code like(s, "AB%", a)}
     */
    public static BitVector like(VarCharVector s, String sqlPattern, BufferAllocator allocator) {
        byte[] p = sqlPattern.getBytes(StandardCharsets.UTF_8);
        int n = s.getValueCount();
        LikeShape shape = LikeShape.of(p);
        BitVector out = StringKernels.bits(n, allocator);
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf offsets = s.getOffsetBuffer();
        for (int i = 0; i < n; i++) {
            if (s.isNull(i)) {
                continue;
            }
            int start = offsets.getInt((long) i * 4);
            int len = offsets.getInt((long) (i + 1) * 4) - start;
            boolean hit = switch (shape.kind) {
                case EQUALS -> len == shape.len && StringKernels.regionEquals(data, start, p, shape.from, shape.len);
                case PREFIX -> len >= shape.len && StringKernels.regionEquals(data, start, p, shape.from, shape.len);
                case SUFFIX -> len >= shape.len && StringKernels.regionEquals(data, start + len - shape.len, p, shape.from, shape.len);
                case CONTAINS -> StringKernels.indexOf(data, start, len, slice(p, shape), shape.len, 0) >= 0;
                case GENERAL -> likeMatch(data, start, start + len, p);
            };
            BitVectorHelper.setBit(out.getValidityBuffer(), i);
            if (hit) {
                BitVectorHelper.setBit(out.getDataBuffer(), i);
            }
        }
        out.setValueCount(n);
        return out;
    }

    private static byte[] slice(byte[] p, LikeShape shape) {
        if (shape.sliced == null) {
            shape.sliced = java.util.Arrays.copyOfRange(p, shape.from, shape.from + shape.len);
        }
        return shape.sliced;
    }

    /** The fast path a LIKE pattern allows, found once per call. */
    private static final class LikeShape {
        enum Kind { EQUALS, PREFIX, SUFFIX, CONTAINS, GENERAL }

        final Kind kind;
        final int from;
        final int len;
        byte[] sliced;

        private LikeShape(Kind kind, int from, int len) {
            this.kind = kind;
            this.from = from;
            this.len = len;
        }

        static LikeShape of(byte[] p) {
            int first = -1;
            int last = -1;
            int count = 0;
            for (int k = 0; k < p.length; k++) {
                if (p[k] == '_') {
                    return new LikeShape(Kind.GENERAL, 0, 0);
                }
                if (p[k] == '%') {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                    count++;
                }
            }
            if (count == 0) {
                return new LikeShape(Kind.EQUALS, 0, p.length);
            }
            // leading %s and trailing %s only
            int lead = 0;
            while (lead < p.length && p[lead] == '%') {
                lead++;
            }
            int trail = p.length;
            while (trail > lead && p[trail - 1] == '%') {
                trail--;
            }
            for (int k = lead; k < trail; k++) {
                if (p[k] == '%') {
                    return new LikeShape(Kind.GENERAL, 0, 0);
                }
            }
            boolean l = lead > 0;
            boolean r = trail < p.length;
            Kind kind = l && r ? Kind.CONTAINS : l ? Kind.SUFFIX : Kind.PREFIX;
            return new LikeShape(kind, lead, trail - lead);
        }
    }

    /** Wildcard matching with one backtrack point (the last {@code %}); {@code _} consumes one code point. */
    private static boolean likeMatch(ArrowBuf data, int s, int end, byte[] p) {
        int pi = 0;
        int si = s;
        int starP = -1;
        int starS = -1;
        while (si < end) {
            if (pi < p.length && p[pi] == '%') {
                starP = ++pi;
                starS = si;
            } else if (pi < p.length && p[pi] == '_') {
                pi++;
                si += StringKernels.charWidth(data.getByte(si));
            } else if (pi < p.length && p[pi] == data.getByte(si)) {
                pi++;
                si++;
            } else if (starP >= 0) {
                starS += StringKernels.charWidth(data.getByte(starS));
                si = starS;
                pi = starP;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '%') {
            pi++;
        }
        return pi == p.length && si == end;
    }
}
