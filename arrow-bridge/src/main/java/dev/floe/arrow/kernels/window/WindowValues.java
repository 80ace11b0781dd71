package dev.floe.arrow.kernels.window;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Buffers;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Selection;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Ranking numbers and values taken from other rows of one sorted partition of n rows: row
 * numbers, ranks, ntile, lag/lead, first/last/nth value of a frame.
 *
 * <pre>{@code
 * FieldVector r = WindowValues.rank(peerStart, n, allocator);         // int64
 * FieldVector prev = WindowValues.shifted(price, type, -1, null, n, allocator);   // lag(price)
 * }</pre>
 */
public final class WindowValues {
    private WindowValues() {
    }

    private static FieldVector longs(long[] values, int n, BufferAllocator allocator) {
        FieldVector out = Buffers.allocate(DataType.int64(), n, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int i = 0; i < n; i++) {
            data.setLong(8L * i, values[i]);
            BitVectorHelper.setBit(validity, i);
        }
        out.setValueCount(n);
        return out;
    }

    private static FieldVector doubles(double[] values, int n, BufferAllocator allocator) {
        FieldVector out = Buffers.allocate(DataType.float64(), n, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int i = 0; i < n; i++) {
            data.setDouble(8L * i, values[i]);
            BitVectorHelper.setBit(validity, i);
        }
        out.setValueCount(n);
        return out;
    }

    /** 1..n, continuing from {@code first} (a partition split across calls). */
    public static FieldVector rowNumber(long first, int n, BufferAllocator allocator) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = first + i;
        }
        return longs(v, n, allocator);
    }

    /** 1 + the rows before the row's peer group ({@code before} rows came in earlier pieces). */
    public static FieldVector rank(int[] peerStart, long before, int n, BufferAllocator allocator) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = before + peerStart[i] + 1L;
        }
        return longs(v, n, allocator);
    }

    /** 1 + the peer groups before the row's ({@code before} groups came in earlier pieces). */
    public static FieldVector denseRank(int[] peerStart, long before, int n, BufferAllocator allocator) {
        long[] v = new long[n];
        long d = before;
        for (int i = 0; i < n; i++) {
            if (peerStart[i] == i) {
                d++;
            }
            v[i] = d;
        }
        return longs(v, n, allocator);
    }

    /** (rank - 1) / (n - 1); 0 when n = 1. */
    public static FieldVector percentRank(int[] peerStart, int n, BufferAllocator allocator) {
        return percentRank(peerStart, 0, n, n, allocator);
    }

    /**
     * percent_rank of m rows of a partition of {@code total} rows that starts {@code before} rows
     * earlier (a partition streamed in pieces once its size is known): (rank - 1) / (total - 1).
     */
    public static FieldVector percentRank(int[] peerStart, long before, long total, int m, BufferAllocator allocator) {
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = total <= 1 ? 0.0 : (double) (before + peerStart[i]) / (total - 1);
        }
        return doubles(v, m, allocator);
    }

    /** cume_dist of m rows of a partition of {@code total} rows, {@code before} rows in: (rows up to the last peer) / total. */
    public static FieldVector cumeDist(int[] peerEnd, long before, long total, int m, BufferAllocator allocator) {
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = (double) (before + peerEnd[i]) / total;
        }
        return doubles(v, m, allocator);
    }

    /** ntile of m rows of a partition of {@code total} rows, {@code before} rows in. */
    public static FieldVector ntile(long buckets, long before, long total, int m, BufferAllocator allocator) {
        long[] v = new long[m];
        long size = total / buckets;
        long big = total % buckets;
        long bigRows = big * (size + 1);
        for (int r = 0; r < m; r++) {
            long i = before + r;
            v[r] = i < bigRows ? i / (size + 1) + 1 : big + (i - bigRows) / Math.max(1, size) + 1;
        }
        return longs(v, m, allocator);
    }

    /** (rows up to the row's last peer) / n. */
    public static FieldVector cumeDist(int[] peerEnd, int n, BufferAllocator allocator) {
        return cumeDist(peerEnd, 0, n, n, allocator);
    }

    /** Bucket 1..buckets; the first n % buckets buckets hold one row more (SQL's ntile). */
    public static FieldVector ntile(long buckets, int n, BufferAllocator allocator) {
        // the first n % buckets buckets hold one row more
        return ntile(buckets, 0, n, n, allocator);
    }

    /**
     * Row {@code indexes[i]} of {@code values} at row i, null where the index is -1. {@code values}
     * must hold at least one row when any index is not -1.
     */
    public static FieldVector takeOrNull(FieldVector values, DataType type, int[] indexes, int n,
            BufferAllocator allocator) {
        if (values.getValueCount() == 0) {
            FieldVector out = Buffers.allocate(type, n, allocator);
            out.setValueCount(n);
            return out;
        }
        int[] safe = new int[n];
        boolean anyMissing = false;
        for (int i = 0; i < n; i++) {
            anyMissing |= indexes[i] < 0;
            safe[i] = Math.max(0, indexes[i]);
        }
        FieldVector out = Selection.take(values, type, safe, n, allocator);
        if (anyMissing && type.kind() != DataType.Kind.NULL) {
            ArrowBuf validity = out.getValidityBuffer();
            for (int i = 0; i < n; i++) {
                if (indexes[i] < 0) {
                    BitVectorHelper.unsetBit(validity, i);
                }
            }
        }
        return out;
    }

    /**
     * lag/lead: the value {@code shift} rows away (negative = before), else the row's value of
     * {@code defaults} (same type), else null.
     */
    public static FieldVector shifted(FieldVector values, DataType type, long shift, FieldVector defaults, int n,
            BufferAllocator allocator) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            long j = i + shift;
            idx[i] = j >= 0 && j < n ? (int) j : defaults == null ? -1 : n + i;
        }
        if (defaults == null) {
            return takeOrNull(values, type, idx, n, allocator);
        }
        try (FieldVector both = Concat.concat("values", type, List.of(values, defaults), 2 * n, allocator)) {
            return Selection.take(both, type, idx, n, allocator);
        }
    }

    /**
     * first/last/nth value of each frame: row {@code start + nth - 1} when the frame has it (nth
     * counted from 1; nth = 0 means the frame's last row), else null.
     */
    public static FieldVector nthOfFrame(FieldVector values, DataType type, int[] start, int[] end, long nth, int n,
            BufferAllocator allocator) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            if (nth == 0) {
                idx[i] = end[i] > start[i] ? end[i] - 1 : -1;
            } else {
                long j = start[i] + nth - 1;
                idx[i] = j < end[i] ? (int) j : -1;
            }
        }
        return takeOrNull(values, type, idx, n, allocator);
    }
}
