package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Kernels over lists and structs: per-list length, element access, string join and sum/min/max,
 * struct field access, row hashes, and the index plan of {@code explode}. They read the list's
 * offsets and validity and its child vector directly; picking elements is a take of the child
 * by computed indexes (-1 for a null result), so every element type works the same way.
 *
 * <pre>{@code BigIntVector n = NestedKernels.length(listVector, allocator);}</pre>
 */
public final class NestedKernels {
    /** {@code 10^38}, the first value a decimal(38, s) cannot hold, as two's-complement words. */
    private static final long LIMIT_HI = 0x4B3B4CA85A86C47AL;
    private static final long LIMIT_LO = 0x098A224000000000L;

    private NestedKernels() {
    }

    /** The list aggregations. */
    public enum Agg { SUM, MIN, MAX }

    private static int start(ListVector l, int i) {
        return l.getOffsetBuffer().getInt((long) i * 4);
    }

    private static int end(ListVector l, int i) {
        return l.getOffsetBuffer().getInt((long) (i + 1) * 4);
    }

    /** Number of elements of each list as int64 (nulls inside count); a null list gives null. */
    public static BigIntVector length(ListVector in, BufferAllocator allocator) {
        int n = in.getValueCount();
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(n);
        ArrowBuf d = out.getDataBuffer();
        for (int i = 0; i < n; i++) {
            if (!in.isNull(i)) {
                d.setLong((long) i * 8, end(in, i) - start(in, i));
                BitVectorHelper.setBit(out.getValidityBuffer(), i);
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Element {@code index} of each list: 0-based, negative counts from the end (-1 is the last);
     * out of range or a null list gives null.
     */
    public static FieldVector get(ListVector in, DataType element, int index, BufferAllocator allocator) {
        int n = in.getValueCount();
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            pick[i] = -1;
            if (!in.isNull(i)) {
                int s = start(in, i);
                int len = end(in, i) - s;
                int k = index < 0 ? len + index : index;
                if (k >= 0 && k < len) {
                    pick[i] = s + k;
                }
            }
        }
        return takeOrNull(in.getDataVector(), element, pick, n, allocator);
    }

    /**
     * The string elements of each list joined with {@code separator}; null elements are skipped,
     * an empty list gives "" and a null list null.
     */
    public static VarCharVector join(ListVector in, String separator, BufferAllocator allocator) {
        int n = in.getValueCount();
        byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
        VarCharVector child = (VarCharVector) in.getDataVector();
        ArrowBuf co = child.getOffsetBuffer();
        ArrowBuf cd = child.getDataBuffer();
        long hint = child.getValueCount() == 0 ? 0 : co.getInt((long) child.getValueCount() * 4) - co.getInt(0);
        Utf8Output out = Utf8Output.create(n, hint + (long) sep.length * child.getValueCount(), allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    out.endRow(i, false);
                    continue;
                }
                boolean first = true;
                for (int e = start(in, i), end = end(in, i); e < end; e++) {
                    if (child.isNull(e)) {
                        continue;
                    }
                    if (!first) {
                        out.append(sep, 0, sep.length);
                    }
                    int s = co.getInt((long) e * 4);
                    out.append(cd, s, co.getInt((long) (e + 1) * 4) - s);
                    first = false;
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
     * Sum, min or max of each list's non-null elements; an empty, all-null or null list gives
     * null. SUM of integers is int64 (overflow fails naming {@code what} and the row), of floats
     * float64, of decimal(p, s) decimal(38, s); MIN/MAX keep the element type and order floats
     * like sorting does (NaN above every number).
     */
    public static FieldVector aggregate(Agg agg, ListVector in, DataType element, String what,
            BufferAllocator allocator) {
        if (agg != Agg.SUM) {
            return extreme(agg == Agg.MAX, in, element, allocator);
        }
        int n = in.getValueCount();
        FieldVector child = in.getDataVector();
        Physical p = Physical.of(element);
        DataType result = switch (p) {
            case LONG, ULONG -> DataType.int64();
            case DOUBLE -> DataType.float64();
            case DECIMAL -> DataType.decimal(38, ((DataType.Decimal) element).scale());
            default -> throw new IllegalArgumentException("list sum of " + element + " in " + what);
        };
        FieldVector out = Buffers.allocate(result, n, allocator);
        try {
            ArrowBuf cd = child.getDataBuffer();
            ArrowBuf od = out.getDataBuffer();
            int w = Physical.width(element);
            boolean unsigned = Buffers.isUnsigned(element);
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    continue;
                }
                boolean any = false;
                long acc = 0;
                long hi = 0;
                double dacc = 0;
                for (int e = start(in, i), end = end(in, i); e < end; e++) {
                    if (child.isNull(e)) {
                        continue;
                    }
                    any = true;
                    switch (p) {
                        case DOUBLE -> dacc += Buffers.readDouble(cd, w, e);
                        case DECIMAL -> {
                            long xlo = cd.getLong((long) e * 16);
                            long xhi = cd.getLong((long) e * 16 + 8);
                            long lo = acc + xlo;
                            long carry = Long.compareUnsigned(lo, acc) < 0 ? 1 : 0;
                            long h = hi + xhi + carry;
                            boolean wrapped = (hi >= 0) == (xhi >= 0) && (h >= 0) != (hi >= 0);
                            if (wrapped || !fits38(lo, h)) {
                                throw new KernelException("Decimal overflow in " + what + " at row " + i
                                        + ": the sum needs more than 38 digits");
                            }
                            acc = lo;
                            hi = h;
                        }
                        default -> {
                            long x = Buffers.readLong(cd, w, unsigned, e);
                            if (p == Physical.ULONG && x < 0) {
                                throw new KernelException("Integer overflow in " + what + " at row " + i
                                        + ": " + Long.toUnsignedString(x) + " does not fit int64");
                            }
                            try {
                                acc = Math.addExact(acc, x);
                            } catch (ArithmeticException ex) {
                                throw new KernelException("Integer overflow in " + what + " at row " + i
                                        + ": the sum does not fit int64");
                            }
                        }
                    }
                }
                if (!any) {
                    continue;
                }
                switch (p) {
                    case DOUBLE -> od.setDouble((long) i * 8, dacc);
                    case DECIMAL -> {
                        od.setLong((long) i * 16, acc);
                        od.setLong((long) i * 16 + 8, hi);
                    }
                    default -> od.setLong((long) i * 8, acc);
                }
                BitVectorHelper.setBit(out.getValidityBuffer(), i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** -10^38 < (lo, hi) < 10^38 as a signed 128-bit number. */
    private static boolean fits38(long lo, long hi) {
        if (hi >= 0) {
            return hi < LIMIT_HI || (hi == LIMIT_HI && Long.compareUnsigned(lo, LIMIT_LO) < 0);
        }
        // negate: -(lo, hi) = (~lo + 1, ~hi + carry)
        long nlo = ~lo + 1;
        long nhi = ~hi + (nlo == 0 ? 1 : 0);
        return nhi < LIMIT_HI || (nhi == LIMIT_HI && Long.compareUnsigned(nlo, LIMIT_LO) < 0);
    }

    private static FieldVector extreme(boolean max, ListVector in, DataType element, BufferAllocator allocator) {
        int n = in.getValueCount();
        FieldVector child = in.getDataVector();
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            if (!in.isNull(i)) {
                for (int e = start(in, i), end = end(in, i); e < end; e++) {
                    if (child.isNull(e)) {
                        continue;
                    }
                    if (best < 0) {
                        best = e;
                    } else {
                        int c = ValueOps.compareNonNull(child, e, child, best, element);
                        if (max ? c > 0 : c < 0) {
                            best = e;
                        }
                    }
                }
            }
            pick[i] = best;
        }
        return takeOrNull(child, element, pick, n, allocator);
    }

    /**
     * Field {@code ordinal} of each struct; a null struct gives null. Shares the field's buffers
     * when the struct column has no nulls, else copies them to clear the bits of null structs.
     */
    public static FieldVector field(StructVector in, int ordinal, DataType fieldType, BufferAllocator allocator) {
        int n = in.getValueCount();
        FieldVector child = (FieldVector) in.getChildByOrdinal(ordinal);
        if (in.getNullCount() == 0) {
            TransferPair tp = child.getTransferPair(allocator);
            tp.splitAndTransfer(0, n);
            return (FieldVector) tp.getTo();
        }
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            pick[i] = in.isNull(i) ? -1 : i;
        }
        return takeOrNull(child, fieldType, pick, n, allocator);
    }

    /**
     * A 64-bit hash of each value as uint64, the hash Floe's shuffles and hash tables use (equal
     * keys hash equal: NaNs alike, -0.0 like 0.0); null hashes to a fixed value, not null.
     */
    public static UInt8Vector hash(FieldVector in, DataType type, int n, BufferAllocator allocator) {
        long[] h = Hashing.hashRows(List.of(in), List.of(type), n);
        UInt8Vector out = new UInt8Vector("out", allocator);
        out.allocateNew(n);
        ArrowBuf d = out.getDataBuffer();
        ArrowBuf v = out.getValidityBuffer();
        for (int i = 0; i < n; i++) {
            d.setLong((long) i * 8, h[i]);
            BitVectorHelper.setBit(v, i);
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Which rows {@code explode} produces: for row r with lists of length len (the same in every
     * exploded column; a null or empty list counts 0), max(1, len) output rows repeating r, whose
     * elements are the list's (or one null). {@code parent[k]} is the input row of output row k;
     * {@code element[c][k]} the child index in list column c, or -1 for null.
     */
    public record ExplodePlan(int rows, int[] parent, int[][] element) {
    }

    /** @param names the columns' names, for the error when a row's lists differ in length */
    public static ExplodePlan explodePlan(List<ListVector> lists, List<String> names, int n) {
        return explodePlan(lists, names, n, true);
    }

    /**
     * @param keepEmpty whether a null or empty list gives one row with null elements (Daft's explode,
     *                  Spark's posexplode_outer) or none (Spark's explode and posexplode)
     */
    public static ExplodePlan explodePlan(List<ListVector> lists, List<String> names, int n, boolean keepEmpty) {
        int least = keepEmpty ? 1 : 0;
        int total = 0;
        for (int r = 0; r < n; r++) {
            total = Math.addExact(total, Math.max(least, listLength(lists.get(0), r)));
        }
        int[] parent = new int[total];
        int[][] element = new int[lists.size()][total];
        int k = 0;
        for (int r = 0; r < n; r++) {
            int len = listLength(lists.get(0), r);
            for (int c = 1; c < lists.size(); c++) {
                int other = listLength(lists.get(c), r);
                if (other != len) {
                    throw new KernelException("explode needs lists of equal length in each row, but at row " + r
                            + " '" + names.get(0) + "' has " + len + " elements and '" + names.get(c) + "' has "
                            + other);
                }
            }
            int count = Math.max(least, len);
            for (int j = 0; j < count; j++) {
                parent[k + j] = r;
            }
            for (int c = 0; c < lists.size(); c++) {
                ListVector l = lists.get(c);
                int s = len == 0 ? -1 : start(l, r);
                for (int j = 0; j < count; j++) {
                    element[c][k + j] = len == 0 ? -1 : s + j;
                }
            }
            k += count;
        }
        return new ExplodePlan(total, parent, element);
    }

    /**
     * Each exploded row's position in its list (int32 from 0), null where the row stands for a
     * null or empty list.
     */
    public static IntVector positions(ListVector list, ExplodePlan plan, BufferAllocator allocator) {
        IntVector out = new IntVector("pos", allocator);
        out.allocateNew(plan.rows());
        int[] element = plan.element()[0];
        int[] parent = plan.parent();
        for (int k = 0; k < plan.rows(); k++) {
            if (element[k] >= 0) {
                out.set(k, element[k] - start(list, parent[k]));
            }
        }
        out.setValueCount(plan.rows());
        return out;
    }

    private static int listLength(ListVector l, int r) {
        return l.isNull(r) ? 0 : end(l, r) - start(l, r);
    }

    /** {@code in[pick[k]]} at row k, null where {@code pick[k] < 0}. */
    public static FieldVector takeOrNull(FieldVector in, DataType type, int[] pick, int n, BufferAllocator allocator) {
        if (type.kind() == DataType.Kind.NULL || in.getValueCount() == 0) {
            FieldVector out = Buffers.allocate(type, n, allocator);
            out.setValueCount(n);
            return out;
        }
        boolean anyNull = false;
        int[] safe = pick;
        for (int k = 0; k < n; k++) {
            if (pick[k] < 0) {
                if (!anyNull) {
                    safe = pick.clone();
                    anyNull = true;
                }
                safe[k] = 0;
            }
        }
        FieldVector out = Selection.take(in, type, safe, n, allocator);
        if (anyNull) {
            ArrowBuf validity = out.getValidityBuffer();
            for (int k = 0; k < n; k++) {
                if (pick[k] < 0) {
                    BitVectorHelper.unsetBit(validity, k);
                }
            }
        }
        return out;
    }
}
