package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * List kernels of the functions users reach for besides {@link NestedKernels}: contains, sort,
 * distinct, slice, flatten, count and mean. They read the list offsets and compare elements with
 * the allocation-free {@link ValueOps}; a result list is the input's child taken by computed
 * element indexes ({@link Selection#take}), so every element type works the same way. A null list
 * gives null.
 *
 * <pre>{@code ListVector sorted = ListFunctionKernels.sort(lists, DataType.int64(), false, allocator);}</pre>
 */
public final class ListFunctionKernels {
    private ListFunctionKernels() {
    }

    private static int start(ListVector l, int i) {
        return l.getOffsetBuffer().getInt((long) i * 4);
    }

    private static int end(ListVector l, int i) {
        return l.getOffsetBuffer().getInt((long) (i + 1) * 4);
    }

    /**
     * Whether each list holds the row's value (nulls inside never match; DuckDB's
     * {@code list_contains}); null when the list or the value is null.
     */
    public static BitVector contains(ListVector lists, FieldVector values, DataType element, BufferAllocator allocator) {
        int n = lists.getValueCount();
        BitVector out = new BitVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        FieldVector child = lists.getDataVector();
        for (int i = 0; i < n; i++) {
            if (lists.isNull(i) || values.isNull(i)) {
                continue;
            }
            boolean hit = false;
            for (int e = start(lists, i), end = end(lists, i); e < end && !hit; e++) {
                hit = !child.isNull(e) && ValueOps.equal(child, e, values, i, element);
            }
            out.set(i, hit ? 1 : 0);
        }
        out.setValueCount(n);
        return out;
    }

    /** Number of non-null elements of each list as int64 (Daft's {@code list.count}). */
    public static BigIntVector count(ListVector lists, BufferAllocator allocator) {
        int n = lists.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        FieldVector child = lists.getDataVector();
        for (int i = 0; i < n; i++) {
            if (lists.isNull(i)) {
                continue;
            }
            long c = 0;
            for (int e = start(lists, i), end = end(lists, i); e < end; e++) {
                if (!child.isNull(e)) {
                    c++;
                }
            }
            out.set(i, c);
        }
        out.setValueCount(n);
        return out;
    }

    /** Mean of the non-null numeric elements as float64; null for an empty or all-null list. */
    public static Float8Vector mean(ListVector lists, DataType element, BufferAllocator allocator) {
        int n = lists.getValueCount();
        Float8Vector out = new Float8Vector("out", allocator);
        out.allocateNew(Math.max(n, 1));
        FieldVector child = lists.getDataVector();
        Physical p = Physical.of(element);
        int w = Physical.width(element);
        boolean unsigned = Buffers.isUnsigned(element);
        int scale = element instanceof DataType.Decimal d ? d.scale() : 0;
        ArrowBuf data = child.getDataBuffer();
        for (int i = 0; i < n; i++) {
            if (lists.isNull(i)) {
                continue;
            }
            double sum = 0;
            long c = 0;
            for (int e = start(lists, i), end = end(lists, i); e < end; e++) {
                if (child.isNull(e)) {
                    continue;
                }
                sum += switch (p) {
                    case LONG, ULONG -> (double) Buffers.readLong(data, w, unsigned, e);
                    case DOUBLE -> Buffers.readDouble(data, w, e);
                    case DECIMAL -> new java.math.BigDecimal(Decimals.unscaled(data, e), scale).doubleValue();
                    default -> throw new KernelException("list mean needs numbers, got " + element);
                };
                c++;
            }
            if (c > 0) {
                out.set(i, sum / c);
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Each list's elements in ascending (or descending) order, nulls last, NaN above every number.
     * {@code sort(lists, int64(), true, a)}
     */
    public static ListVector sort(ListVector lists, DataType element, boolean descending, BufferAllocator allocator) {
        int n = lists.getValueCount();
        FieldVector child = lists.getDataVector();
        int total = n == 0 ? 0 : end(lists, n - 1) - start(lists, 0);
        int[] pick = new int[Math.max(total, 0)];
        int[] sizes = new int[n];
        int[] tmp = new int[pick.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (lists.isNull(i)) {
                sizes[i] = -1;
                continue;
            }
            int from = k;
            for (int e = start(lists, i), end = end(lists, i); e < end; e++) {
                pick[k++] = e;
            }
            sizes[i] = k - from;
            mergeSort(pick, tmp, from, k, child, element, descending);
        }
        return assemble(child, element, pick, k, sizes, n, allocator);
    }

    private static int order(FieldVector v, int a, int b, DataType t, boolean descending) {
        boolean an = v.isNull(a);
        boolean bn = v.isNull(b);
        if (an || bn) {
            return an == bn ? 0 : (an ? 1 : -1);
        }
        int c = ValueOps.compareNonNull(v, a, v, b, t);
        return descending ? -c : c;
    }

    /** Stable merge sort of idx[from, to) by the elements they point at, without boxing. */
    private static void mergeSort(int[] idx, int[] tmp, int from, int to, FieldVector v, DataType t, boolean desc) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = idx[i];
                int j = i - 1;
                while (j >= from && order(v, idx[j], x, t, desc) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(idx, tmp, from, mid, v, t, desc);
        mergeSort(idx, tmp, mid, to, v, t, desc);
        int a = from;
        int b = mid;
        int o = from;
        while (a < mid && b < to) {
            tmp[o++] = order(v, idx[b], idx[a], t, desc) < 0 ? idx[b++] : idx[a++];
        }
        while (a < mid) {
            tmp[o++] = idx[a++];
        }
        while (b < to) {
            tmp[o++] = idx[b++];
        }
        System.arraycopy(tmp, from, idx, from, to - from);
    }

    /** The distinct non-null elements of each list in the order of their first occurrence. */
    public static ListVector distinct(ListVector lists, DataType element, BufferAllocator allocator) {
        int n = lists.getValueCount();
        FieldVector child = lists.getDataVector();
        int total = n == 0 ? 0 : end(lists, n - 1) - start(lists, 0);
        int[] pick = new int[Math.max(total, 0)];
        int[] sizes = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (lists.isNull(i)) {
                sizes[i] = -1;
                continue;
            }
            int from = k;
            for (int e = start(lists, i), end = end(lists, i); e < end; e++) {
                if (child.isNull(e)) {
                    continue;
                }
                boolean seen = false;
                for (int q = from; q < k && !seen; q++) {
                    seen = ValueOps.equal(child, pick[q], child, e, element);
                }
                if (!seen) {
                    pick[k++] = e;
                }
            }
            sizes[i] = k - from;
        }
        return assemble(child, element, pick, k, sizes, n, allocator);
    }

    /**
     * Elements [start, end) of each list, 0-based; negative positions count from the end; both
     * are clamped to the list (Daft's {@code list.slice}). {@code slice(lists, int64(), 1, 3, a)}
     */
    public static ListVector slice(ListVector lists, DataType element, long start, long end, BufferAllocator allocator) {
        int n = lists.getValueCount();
        FieldVector child = lists.getDataVector();
        int total = n == 0 ? 0 : end(lists, n - 1) - start(lists, 0);
        int[] pick = new int[Math.max(total, 0)];
        int[] sizes = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (lists.isNull(i)) {
                sizes[i] = -1;
                continue;
            }
            int s = start(lists, i);
            long len = end(lists, i) - s;
            long from = Math.max(0, Math.min(len, start < 0 ? len + start : start));
            long to = Math.max(0, Math.min(len, end < 0 ? len + end : end));
            int before = k;
            for (long e = from; e < to; e++) {
                pick[k++] = (int) (s + e);
            }
            sizes[i] = k - before;
        }
        return assemble(child, element, pick, k, sizes, n, allocator);
    }

    /** The elements of each list's non-null inner lists, concatenated (DuckDB's {@code flatten}). */
    public static ListVector flatten(ListVector lists, DataType element, BufferAllocator allocator) {
        int n = lists.getValueCount();
        ListVector inner = (ListVector) lists.getDataVector();
        FieldVector leaves = inner.getDataVector();
        int total = inner.getValueCount() == 0 ? 0 : end(inner, inner.getValueCount() - 1) - start(inner, 0);
        int[] pick = new int[Math.max(total, 0)];
        int[] sizes = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (lists.isNull(i)) {
                sizes[i] = -1;
                continue;
            }
            int before = k;
            for (int l = start(lists, i), le = end(lists, i); l < le; l++) {
                if (inner.isNull(l)) {
                    continue;
                }
                for (int e = start(inner, l), ee = end(inner, l); e < ee; e++) {
                    pick[k++] = e;
                }
            }
            sizes[i] = k - before;
        }
        return assemble(leaves, element, pick, k, sizes, n, allocator);
    }

    /** A list vector whose row i holds the next {@code sizes[i]} elements {@code child[pick[..]]} (-1: a null list). */
    static ListVector assemble(FieldVector child, DataType element, int[] pick, int picked, int[] sizes, int n,
            BufferAllocator allocator) {
        ListVector out = (ListVector) Buffers.allocate(DataType.list(element), n, allocator);
        try (FieldVector taken = NestedKernels.takeOrNull(child, element, pick, picked, allocator)) {
            taken.makeTransferPair(out.getDataVector()).transfer();
            setSizes(out, sizes, n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Sets row i of {@code out} to its next {@code sizes[i]} elements (-1: a null row) and the value count to n. */
    static void setSizes(ListVector out, int[] sizes, int n) {
        for (int i = 0; i < n; i++) {
            if (sizes[i] < 0) {
                out.setNull(i);
            } else {
                out.startNewValue(i);
                out.endValue(i, sizes[i]);
            }
        }
        out.setValueCount(n);
    }
}
