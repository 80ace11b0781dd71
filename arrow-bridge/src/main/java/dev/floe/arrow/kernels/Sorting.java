package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Sort keys and orderings: sort permutations, top-N, row comparison and range partitioning.
 * Floats order -Inf &lt; ... &lt; +Inf &lt; NaN (-0.0 = 0.0), strings and binary by unsigned
 * bytes, unsigned ints unsigned, decimals numerically, false &lt; true; nulls go where each
 * {@link Order} says, on either direction. Sorting is not stable.
 *
 * <p>Each key is read once into a long[] that orders like the key: exactly for one-long types
 * and decimals that fit a long; for strings the first 7 bytes and the length, exact up to 7
 * bytes. The first key is radix sorted, ties go to the next key the same way, and only what the
 * longs cannot decide is compared value by value.
 *
 * <pre>{@code
 * int[] perm = Sorting.sortIndices(List.of(batch.vector("o_totalprice")), List.of(DataType.decimal(15, 2)),
 *         List.of(new Sorting.Order(true, true)), batch.numRows());
 * }</pre>
 */
public final class Sorting {
    private static final int SMALL = 48;

    private Sorting() {
    }

    /** One sort key: descending flag and where nulls go. */
    public record Order(boolean descending, boolean nullsFirst) implements java.io.Serializable {
        /** The defaults of API.md: ascending puts nulls last, descending puts nulls first. */
        public static Order of(boolean descending) {
            return new Order(descending, descending);
        }
    }

    /** A permutation of [0, n) that orders the rows by the keys (first key most significant). */
    public static int[] sortIndices(List<FieldVector> keys, List<DataType> types, List<Order> orders, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n < 2 || keys.isEmpty()) {
            checkSizes(keys, types, orders);
            return idx;
        }
        new Sorter(SortKey.all(keys, types, orders, n)).sort(idx, 0, n, 0);
        return idx;
    }

    /** Compares row i of keys a with row j of keys b (same types). Negative/0/positive in the order. */
    public static int compareRows(List<FieldVector> a, int i, List<FieldVector> b, int j, List<DataType> types,
            List<Order> orders) {
        for (int k = 0; k < types.size(); k++) {
            DataType t = types.get(k);
            if (t.kind() == DataType.Kind.NULL) {
                continue;
            }
            FieldVector va = a.get(k);
            FieldVector vb = b.get(k);
            boolean an = va.isNull(i);
            boolean bn = vb.isNull(j);
            Order o = orders.get(k);
            if (an || bn) {
                if (an && bn) {
                    continue;
                }
                return an == o.nullsFirst() ? -1 : 1;
            }
            int c = ValueOps.compareNonNull(va, i, vb, j, t);
            if (c != 0) {
                return o.descending() ? -c : c;
            }
        }
        return 0;
    }

    /**
     * Range partition of each row given numBoundaries sorted boundary rows: partition p is the
     * number of boundaries strictly before the row in the order, so p is in [0, numBoundaries],
     * a row equal to boundary b lands in partition b (with the rows just below b), and equal
     * keys always land in the same partition.
     */
    public static int[] rangePartitions(List<FieldVector> keys, List<DataType> types, List<Order> orders, int n,
            List<FieldVector> boundaries, int numBoundaries) {
        int[] out = new int[n];
        if (n == 0 || numBoundaries == 0) {
            return out;
        }
        SortKey[] rows = SortKey.all(keys, types, orders, n);
        SortKey[] bounds = SortKey.all(boundaries, types, orders, numBoundaries);
        for (int r = 0; r < n; r++) {
            int lo = 0;
            int hi = numBoundaries;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(bounds, mid, rows, r, 0) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[r] = lo;
        }
        return out;
    }

    /** The indexes of the first {@code limit} rows in the order (top-N), in order: a bounded heap, then a sort. */
    public static int[] topIndices(List<FieldVector> keys, List<DataType> types, List<Order> orders, int n, int limit) {
        if (limit <= 0 || n == 0) {
            return new int[0];
        }
        if (limit >= n || keys.isEmpty()) {
            int[] all = sortIndices(keys, types, orders, n);
            return limit >= n ? all : java.util.Arrays.copyOf(all, limit);
        }
        Sorter s = new Sorter(SortKey.all(keys, types, orders, n));
        int[] heap = new int[limit];
        for (int r = 0; r < limit; r++) {
            heap[r] = r;
            s.siftUp(heap, 0, r);
        }
        for (int r = limit; r < n; r++) {
            if (s.cmp(r, heap[0]) < 0) {
                heap[0] = r;
                s.siftDown(heap, 0, 0, limit);
            }
        }
        s.sort(heap, 0, limit, 0);
        return heap;
    }

    private static void checkSizes(List<FieldVector> keys, List<DataType> types, List<Order> orders) {
        if (keys.size() != types.size() || keys.size() != orders.size()) {
            throw new IllegalArgumentException("Sort keys need one type and one order per key vector, got "
                    + keys.size() + " vectors, " + types.size() + " types and " + orders.size() + " orders");
        }
    }

    /** Row a of keys x against row b of keys y, keys from level on. */
    private static int compare(SortKey[] x, int a, SortKey[] y, int b, int level) {
        for (int k = level; k < x.length; k++) {
            int c = x[k].compare(a, y[k], b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One key column read for sorting: validity, and a long[] whose order is the key's order. */
    private static final class SortKey {
        final FieldVector vector;
        final DataType type;
        final boolean descending;
        final boolean nullsFirst;
        final boolean noNulls;
        final ArrowBuf validity;
        /** Order-preserving longs with the direction applied; null when the type has none. */
        long[] norm;
        /** True when equal longs mean equal keys; false for prefixes (ties need the full compare). */
        boolean exact;
        /** Strings/binary: equal longs mean equal keys when the value is shorter than 8 bytes. */
        boolean bytes;

        SortKey(FieldVector vector, DataType type, Order order, int n) {
            this.vector = vector;
            this.type = type;
            this.descending = order.descending();
            this.nullsFirst = order.nullsFirst();
            boolean allNull = type.kind() == DataType.Kind.NULL;
            this.noNulls = !allNull && vector.getNullCount() == 0;
            this.validity = allNull ? null : vector.getValidityBuffer();
            if (!allNull) {
                normalize(n);
            }
        }

        static SortKey[] all(List<FieldVector> keys, List<DataType> types, List<Order> orders, int n) {
            checkSizes(keys, types, orders);
            SortKey[] out = new SortKey[keys.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = new SortKey(keys.get(k), types.get(k), orders.get(k), n);
            }
            return out;
        }

        private void normalize(int n) {
            long[] out = new long[n];
            exact = true;
            switch (Physical.of(type)) {
                case LONG, BOOL -> PrimitiveKeys.read(vector, type, n, out);
                case ULONG -> {
                    PrimitiveKeys.read(vector, type, n, out);
                    for (int i = 0; i < n; i++) {
                        out[i] ^= Long.MIN_VALUE;
                    }
                }
                case DOUBLE -> {
                    PrimitiveKeys.read(vector, type, n, out);
                    for (int i = 0; i < n; i++) {
                        long b = out[i];
                        out[i] = b ^ ((b >> 63) & Long.MAX_VALUE);
                    }
                }
                case DECIMAL -> {
                    ArrowBuf d = vector.getDataBuffer();
                    for (int i = 0; i < n; i++) {
                        long lo = d.getLong((long) i * 16);
                        if (d.getLong((long) i * 16 + 8) != (lo >> 63) && !isNull(i)) {
                            return; // some value needs 128 bits: compare value by value
                        }
                        out[i] = lo;
                    }
                }
                case BYTES -> {
                    // the first 7 bytes big-endian, then min(length, 8): exact for strings of up to 7 bytes
                    exact = false;
                    bytes = true;
                    ArrowBuf d = vector.getDataBuffer();
                    ArrowBuf off = vector.getOffsetBuffer();
                    for (int i = 0; i < n; i++) {
                        int s = off.getInt((long) i * 4);
                        int len = off.getInt((long) (i + 1) * 4) - s;
                        long p;
                        if (len >= 8) {
                            p = (Long.reverseBytes(d.getLong(s)) & ~0xFFL) | 8;
                        } else {
                            p = len;
                            for (int k = 0; k < len; k++) {
                                p |= (d.getByte(s + k) & 0xFFL) << (56 - 8 * k);
                            }
                        }
                        out[i] = p ^ Long.MIN_VALUE;
                    }
                }
                default -> {
                    return;
                }
            }
            if (descending) {
                for (int i = 0; i < n; i++) {
                    out[i] = ~out[i];
                }
            }
            norm = out;
        }

        /** True when rows whose longs equal v have equal keys. */
        boolean decides(long v) {
            return exact || (bytes && ((descending ? ~v : v) & 0xFF) < 8);
        }

        boolean isNull(int i) {
            return validity == null || (!noNulls && BitVectorHelper.get(validity, i) == 0);
        }

        /** Row i of this key against row j of another key of the same type and order. */
        int compare(int i, SortKey other, int j) {
            boolean an = isNull(i);
            boolean bn = other.isNull(j);
            if (an || bn) {
                if (an && bn) {
                    return 0;
                }
                return an == nullsFirst ? -1 : 1;
            }
            if (norm != null && other.norm != null) {
                long v = norm[i];
                int c = Long.compare(v, other.norm[j]);
                if (c != 0 || (exact && other.exact) || (bytes && decides(v))) {
                    return c;
                }
            }
            int c = ValueOps.compareNonNull(vector, i, other.vector, j, type);
            return descending ? -c : c;
        }
    }

    /** Sorts index ranges by a list of keys: radix on the longs of a key, value comparisons for the rest. */
    private static final class Sorter {
        private final SortKey[] keys;

        Sorter(SortKey[] keys) {
            this.keys = keys;
        }

        int cmp(int a, int b) {
            return compare(keys, a, keys, b, 0);
        }

        /** Sorts idx[from, to) by keys[level..]. */
        void sort(int[] idx, int from, int to, int level) {
            if (to - from < 2 || level >= keys.length) {
                return;
            }
            SortKey k = keys[level];
            if (k.norm == null) {
                introsort(idx, from, to, level);
                return;
            }
            int lo = from;
            int hi = to;
            if (!k.noNulls) {
                int w = from;
                for (int r = from; r < to; r++) {
                    if (k.isNull(idx[r]) == k.nullsFirst) {
                        swap(idx, r, w++);
                    }
                }
                if (k.nullsFirst) {
                    lo = w;
                    sort(idx, from, lo, level + 1);
                } else {
                    hi = w;
                    sort(idx, hi, to, level + 1);
                }
            }
            radixSort(idx, lo, hi, k.norm);
            if (k.bytes || level + 1 < keys.length) {
                long[] norm = k.norm;
                int s = lo;
                while (s < hi) {
                    long v = norm[idx[s]];
                    int e = s + 1;
                    while (e < hi && norm[idx[e]] == v) {
                        e++;
                    }
                    if (e - s > 1) {
                        if (k.decides(v)) {
                            sort(idx, s, e, level + 1);
                        } else {
                            introsort(idx, s, e, level);
                        }
                    }
                    s = e;
                }
            }
        }

        /** LSD radix sort of idx[lo, hi) by norm[idx[..]] as signed longs, skipping bytes all keys share. */
        private static void radixSort(int[] idx, int lo, int hi, long[] norm) {
            int m = hi - lo;
            if (m < SMALL) {
                for (int a = lo + 1; a < hi; a++) {
                    int row = idx[a];
                    long v = norm[row];
                    int b = a - 1;
                    while (b >= lo && norm[idx[b]] > v) {
                        idx[b + 1] = idx[b];
                        b--;
                    }
                    idx[b + 1] = row;
                }
                return;
            }
            long[] k1 = new long[m];
            int[] i1 = new int[m];
            int[][] counts = new int[8][256];
            for (int j = 0; j < m; j++) {
                int row = idx[lo + j];
                long v = norm[row] ^ Long.MIN_VALUE;
                k1[j] = v;
                i1[j] = row;
                for (int b = 0; b < 8; b++) {
                    counts[b][(int) (v >>> (8 * b)) & 0xFF]++;
                }
            }
            long[] k2 = null;
            int[] i2 = null;
            for (int b = 0; b < 8; b++) {
                int[] c = counts[b];
                int shift = 8 * b;
                if (c[(int) (k1[0] >>> shift) & 0xFF] == m) {
                    continue;
                }
                if (k2 == null) {
                    k2 = new long[m];
                    i2 = new int[m];
                }
                int sum = 0;
                for (int d = 0; d < 256; d++) {
                    int t = c[d];
                    c[d] = sum;
                    sum += t;
                }
                for (int j = 0; j < m; j++) {
                    long v = k1[j];
                    int pos = c[(int) (v >>> shift) & 0xFF]++;
                    k2[pos] = v;
                    i2[pos] = i1[j];
                }
                long[] tk = k1;
                k1 = k2;
                k2 = tk;
                int[] ti = i1;
                i1 = i2;
                i2 = ti;
            }
            System.arraycopy(i1, 0, idx, lo, m);
        }

        /** Quicksort with three-way partitioning (many equal keys), heapsort past a depth limit. */
        private void introsort(int[] x, int lo, int hi, int level) {
            introsort(x, lo, hi, level, 2 * (31 - Integer.numberOfLeadingZeros(Math.max(1, hi - lo))) + 4);
        }

        private void introsort(int[] x, int lo, int hi, int level, int depth) {
            while (hi - lo > 16) {
                if (depth-- == 0) {
                    heapsort(x, lo, hi, level);
                    return;
                }
                int pivot = median(x[lo], x[(lo + hi) >>> 1], x[hi - 1], level);
                int lt = lo;
                int i = lo;
                int gt = hi;
                while (i < gt) {
                    int c = compare(keys, x[i], keys, pivot, level);
                    if (c < 0) {
                        swap(x, lt++, i++);
                    } else if (c > 0) {
                        swap(x, i, --gt);
                    } else {
                        i++;
                    }
                }
                if (lt - lo < hi - gt) {
                    introsort(x, lo, lt, level, depth);
                    lo = gt;
                } else {
                    introsort(x, gt, hi, level, depth);
                    hi = lt;
                }
            }
            for (int a = lo + 1; a < hi; a++) {
                int row = x[a];
                int b = a - 1;
                while (b >= lo && compare(keys, x[b], keys, row, level) > 0) {
                    x[b + 1] = x[b];
                    b--;
                }
                x[b + 1] = row;
            }
        }

        private int median(int a, int b, int c, int level) {
            if (compare(keys, a, keys, b, level) < 0) {
                if (compare(keys, b, keys, c, level) < 0) {
                    return b;
                }
                return compare(keys, a, keys, c, level) < 0 ? c : a;
            }
            if (compare(keys, a, keys, c, level) < 0) {
                return a;
            }
            return compare(keys, b, keys, c, level) < 0 ? c : b;
        }

        private void heapsort(int[] x, int lo, int hi, int level) {
            int m = hi - lo;
            for (int r = m / 2 - 1; r >= 0; r--) {
                siftDown(x, lo, r, m, level);
            }
            for (int end = m - 1; end > 0; end--) {
                swap(x, lo, lo + end);
                siftDown(x, lo, 0, end, level);
            }
        }

        /** Max-heap over x[base, base + size) by keys[level..]. */
        private void siftDown(int[] x, int base, int r, int size, int level) {
            int row = x[base + r];
            while (true) {
                int child = 2 * r + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && compare(keys, x[base + child + 1], keys, x[base + child], level) > 0) {
                    child++;
                }
                if (compare(keys, x[base + child], keys, row, level) <= 0) {
                    break;
                }
                x[base + r] = x[base + child];
                r = child;
            }
            x[base + r] = row;
        }

        void siftDown(int[] x, int base, int r, int size) {
            siftDown(x, base, r, size, 0);
        }

        void siftUp(int[] x, int base, int r) {
            int row = x[base + r];
            while (r > 0) {
                int parent = (r - 1) >>> 1;
                if (compare(keys, x[base + parent], keys, row, 0) >= 0) {
                    break;
                }
                x[base + r] = x[base + parent];
                r = parent;
            }
            x[base + r] = row;
        }

        private static void swap(int[] x, int a, int b) {
            int t = x[a];
            x[a] = x[b];
            x[b] = t;
        }
    }
}
