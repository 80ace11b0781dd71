package dev.floe.arrow.kernels.window;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Sorting;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * Peer groups and frame bounds of one sorted partition of n rows. A frame is the half-open row
 * range {@code [start[i], end[i])} of row i; an empty frame has {@code start == end}.
 *
 * <pre>{@code
 * int[] peerStart = FrameBounds.peerStarts(orderKeys, types, orders, n);
 * int[] peerEnd = FrameBounds.peerEnds(peerStart, n);
 * FrameBounds.rows(n, -2, 0, start, end);      // ROWS BETWEEN 2 PRECEDING AND CURRENT ROW
 * }</pre>
 */
public final class FrameBounds {
    /** A RANGE edge for {@link #range}: the partition's first or last row. */
    public static final int UNBOUNDED = 0;
    /** A RANGE edge for {@link #range}: the current row's peer group. */
    public static final int CURRENT = 1;
    /** A RANGE edge for {@link #range}: the rows whose key is within an offset of the current key. */
    public static final int OFFSET = 2;

    private FrameBounds() {
    }

    /** For each row, the first row of its peer group (rows with equal order keys; all rows without keys). */
    public static int[] peerStarts(List<FieldVector> keys, List<DataType> types, List<Sorting.Order> orders, int n) {
        int[] out = new int[n];
        for (int i = 1; i < n; i++) {
            out[i] = Sorting.compareRows(keys, i - 1, keys, i, types, orders) == 0 ? out[i - 1] : i;
        }
        return out;
    }

    /** For each row, one past the last row of its peer group. */
    public static int[] peerEnds(int[] peerStart, int n) {
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = i == n - 1 || peerStart[i + 1] == i + 1 ? i + 1 : out[i + 1];
        }
        return out;
    }

    /** ROWS frames: {@code lo}/{@code hi} are signed row offsets, Long.MIN/MAX_VALUE unbounded. */
    public static void rows(int n, long lo, long hi, int[] start, int[] end) {
        for (int i = 0; i < n; i++) {
            long s = lo == Long.MIN_VALUE ? 0 : clamp(i + lo, n);
            long e = hi == Long.MAX_VALUE ? n : clamp(i + hi + 1, n);
            start[i] = (int) s;
            end[i] = (int) Math.max(s, e);
        }
    }

    private static long clamp(long v, int n) {
        return Math.max(0, Math.min(n, v));
    }

    /** Moves a key value by a RANGE offset; saturates instead of overflowing. */
    @FunctionalInterface
    public interface Shift {
        long apply(long value);

        /** value + offset, saturating. */
        static Shift plus(long offset) {
            return v -> {
                long r = v + offset;
                return ((v ^ r) & (offset ^ r)) < 0 ? (offset < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
            };
        }
    }

    /**
     * RANGE frames over one order key whose values read as longs (integers, dates in days,
     * timestamps in their unit). Each edge is UNBOUNDED, CURRENT (the peer group) or OFFSET with
     * a shift that moves a key value toward "following" (the caller turns {@code 2 PRECEDING} over
     * an ascending key into {@code v - 2}, over a descending key into {@code v + 2}). Rows with a
     * null key frame their null peers for OFFSET edges, as in PostgreSQL.
     */
    public static void rangeLong(FieldVector key, DataType type, boolean descending, int n, int[] peerStart,
            int[] peerEnd, int startKind, Shift startShift, int endKind, Shift endShift, int[] start, int[] end) {
        int w = dev.floe.arrow.kernels.Physical.width(type);
        boolean unsigned = type.kind() == DataType.Kind.UINT8 || type.kind() == DataType.Kind.UINT16
                || type.kind() == DataType.Kind.UINT32;
        ArrowBuf data = key.getDataBuffer();
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (w) {
                case 1 -> unsigned ? data.getByte(i) & 0xFFL : data.getByte(i);
                case 2 -> unsigned ? data.getShort(2L * i) & 0xFFFFL : data.getShort(2L * i);
                case 4 -> unsigned ? data.getInt(4L * i) & 0xFFFFFFFFL : data.getInt(4L * i);
                default -> data.getLong(8L * i);
            };
        }
        int[] valued = valued(key, n);
        int a = valued[0];
        int b = valued[1];
        edge(v, descending, a, b, n, peerStart, peerEnd, startKind, startShift, false, start);
        edge(v, descending, a, b, n, peerStart, peerEnd, endKind, endShift, true, end);
        for (int i = 0; i < n; i++) {
            end[i] = Math.max(start[i], end[i]);
        }
    }

    private static void edge(long[] v, boolean desc, int a, int b, int n, int[] peerStart, int[] peerEnd, int kind,
            Shift shift, boolean isEnd, int[] out) {
        int j = a;
        for (int i = 0; i < n; i++) {
            if (kind == UNBOUNDED) {
                out[i] = isEnd ? n : 0;
            } else if (kind == CURRENT || i < a || i >= b) {
                out[i] = isEnd ? peerEnd[i] : peerStart[i];
            } else {
                long target = shift.apply(v[i]);
                // first row at (start) or past (end) the target in the key's order; targets only grow
                while (j < b && (isEnd ? !after(v[j], target, desc) : before(v[j], target, desc))) {
                    j++;
                }
                while (j > a && (isEnd ? after(v[j - 1], target, desc) : !before(v[j - 1], target, desc))) {
                    j--;
                }
                out[i] = j;
            }
        }
    }

    /** The rows [a, b) with a non-null key (nulls sort to one end). */
    private static int[] valued(FieldVector key, int n) {
        int a = 0;
        while (a < n && key.isNull(a)) {
            a++;
        }
        int b = n;
        while (b > a && key.isNull(b - 1)) {
            b--;
        }
        return new int[] {a, b};
    }

    private static boolean before(long x, long target, boolean desc) {
        return desc ? x > target : x < target;
    }

    private static boolean after(long x, long target, boolean desc) {
        return desc ? x < target : x > target;
    }

    /** {@link #rangeLong} over float keys; offsets are added to the value (NaN sorts last and is its own peer). */
    public static void rangeDouble(FieldVector key, DataType type, boolean descending, int n, int[] peerStart,
            int[] peerEnd, int startKind, double startOffset, int endKind, double endOffset, int[] start, int[] end) {
        boolean f32 = type.kind() == DataType.Kind.FLOAT32;
        ArrowBuf data = key.getDataBuffer();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f32 ? data.getFloat(4L * i) : data.getDouble(8L * i);
        }
        int[] valued = valued(key, n);
        int a = valued[0];
        int b = valued[1];
        edgeDouble(v, descending, a, b, n, peerStart, peerEnd, startKind, startOffset, false, start);
        edgeDouble(v, descending, a, b, n, peerStart, peerEnd, endKind, endOffset, true, end);
        for (int i = 0; i < n; i++) {
            end[i] = Math.max(start[i], end[i]);
        }
    }

    private static void edgeDouble(double[] v, boolean desc, int a, int b, int n, int[] peerStart, int[] peerEnd,
            int kind, double offset, boolean isEnd, int[] out) {
        for (int i = 0; i < n; i++) {
            if (kind == UNBOUNDED) {
                out[i] = isEnd ? n : 0;
            } else if (kind == CURRENT || i < a || i >= b || Double.isNaN(v[i])) {
                out[i] = isEnd ? peerEnd[i] : peerStart[i];
            } else {
                double target = v[i] + offset;
                // binary search: NaN and infinities make a two-pointer walk fragile
                int lo = a;
                int hi = b;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    double x = v[mid];
                    int c = Double.isNaN(x) ? 1 : Double.compare(x == 0.0 ? 0.0 : x, target == 0.0 ? 0.0 : target);
                    if (desc) {
                        c = -c;
                    }
                    if (isEnd ? c <= 0 : c < 0) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                out[i] = lo;
            }
        }
    }

    /**
     * {@link #rangeLong} over a decimal key of scale {@code scale}, exactly: each OFFSET edge's shift
     * (toward larger keys: {@code 0.5 PRECEDING} over an ascending key is -0.5) is rounded to the key's
     * scale in the direction that keeps the comparison with every key value the same (a frame starting
     * at v + 0.005 over keys of scale 2 starts at v + 0.01), then added to the 128-bit key, saturating:
     * past the 128-bit range lies beyond every decimal(38) value. Any offset is exact, however large.
     */
    public static void rangeDecimal(FieldVector key, int scale, boolean descending, int n, int[] peerStart,
            int[] peerEnd, int startKind, BigDecimal startShift, int endKind, BigDecimal endShift, int[] start,
            int[] end) {
        ArrowBuf data = key.getDataBuffer();
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int i = 0; i < n; i++) {
            lo[i] = data.getLong(16L * i);
            hi[i] = data.getLong(16L * i + 8);
        }
        int[] valued = valued(key, n);
        // a frame starts at the first key >= v + shift (<= when descending) and ends after the last key <= it
        long[] s = units(startShift, scale, descending ? RoundingMode.FLOOR : RoundingMode.CEILING);
        long[] e = units(endShift, scale, descending ? RoundingMode.CEILING : RoundingMode.FLOOR);
        edgeDecimal(lo, hi, descending, valued[0], valued[1], n, peerStart, peerEnd, startKind, s, false, start);
        edgeDecimal(lo, hi, descending, valued[0], valued[1], n, peerStart, peerEnd, endKind, e, true, end);
        for (int i = 0; i < n; i++) {
            end[i] = Math.max(start[i], end[i]);
        }
    }

    private static final BigInteger TEN_TO_38 = BigInteger.TEN.pow(38);

    /**
     * A shift in units of the key's last digit as two parts {lo1, hi1, lo2, hi2} of at most 10^38 each
     * (so each fits 128 bits): two keys differ by less than 2 * 10^38, so a larger shift is cut there.
     */
    private static long[] units(BigDecimal shift, int scale, RoundingMode mode) {
        if (shift == null) {
            return new long[4];
        }
        BigInteger u = shift.setScale(scale, mode).unscaledValue();
        BigInteger cap = u.signum() < 0 ? TEN_TO_38.negate() : TEN_TO_38;
        BigInteger first = u.abs().compareTo(TEN_TO_38) > 0 ? cap : u;
        BigInteger second = u.subtract(first);
        second = second.abs().compareTo(TEN_TO_38) > 0 ? cap : second;
        return new long[] {first.longValue(), first.shiftRight(64).longValue(), second.longValue(),
                second.shiftRight(64).longValue()};
    }

    /** t += (lo, hi) on 128 bits, saturating at the range's ends (which lie beyond every decimal(38) value). */
    private static void addSaturating(long[] t, long lo, long hi) {
        long rlo = t[0] + lo;
        long rhi = t[1] + hi + (Long.compareUnsigned(rlo, t[0]) < 0 ? 1 : 0);
        if (((t[1] ^ rhi) & (hi ^ rhi)) < 0) {
            rlo = hi < 0 ? 0 : -1L;
            rhi = hi < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        t[0] = rlo;
        t[1] = rhi;
    }

    private static void edgeDecimal(long[] lo, long[] hi, boolean desc, int a, int b, int n, int[] peerStart,
            int[] peerEnd, int kind, long[] shift, boolean isEnd, int[] out) {
        long[] target = new long[2];
        for (int i = 0; i < n; i++) {
            if (kind == UNBOUNDED) {
                out[i] = isEnd ? n : 0;
                continue;
            }
            if (kind == CURRENT || i < a || i >= b) {
                out[i] = isEnd ? peerEnd[i] : peerStart[i];
                continue;
            }
            target[0] = lo[i];
            target[1] = hi[i];
            addSaturating(target, shift[0], shift[1]);
            addSaturating(target, shift[2], shift[3]);
            int l = a;
            int r = b;
            while (l < r) {
                int mid = (l + r) >>> 1;
                int c = hi[mid] != target[1] ? Long.compare(hi[mid], target[1]) : Long.compareUnsigned(lo[mid], target[0]);
                if (desc) {
                    c = -c;
                }
                if (isEnd ? c <= 0 : c < 0) {
                    l = mid + 1;
                } else {
                    r = mid;
                }
            }
            out[i] = l;
        }
    }
}
