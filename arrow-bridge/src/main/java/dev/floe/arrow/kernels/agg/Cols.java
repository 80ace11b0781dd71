package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Buffers;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** Buffer reads, output vectors and 128-bit helpers shared by the accumulators. */
final class Cols {
    /** 10^38 as (lo, hi): the first unscaled value a decimal(38, s) cannot hold. */
    static final long LIMIT38_LO;
    static final long LIMIT38_HI;
    /** 10^k as doubles, correctly rounded, k = 0..38. */
    private static final double[] POW10 = new double[39];

    static {
        BigInteger limit = BigInteger.TEN.pow(38);
        LIMIT38_LO = limit.longValue();
        LIMIT38_HI = limit.shiftRight(64).longValue();
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = Double.parseDouble("1e" + k);
        }
    }

    private Cols() {
    }

    /** The validity buffer when the vector has nulls, null when every value is valid. */
    static ArrowBuf nulls(FieldVector v) {
        return v.getNullCount() == 0 ? null : v.getValidityBuffer();
    }

    static boolean valid(ArrowBuf validity, int i) {
        return validity == null || ((validity.getByte(i >> 3) >> (i & 7)) & 1) != 0;
    }

    /** Value i of a fixed-width integer buffer widened to long (unsigned widths below 64 zero-extended). */
    static long readLong(ArrowBuf data, int width, boolean unsigned, int i) {
        return switch (width) {
            case 1 -> unsigned ? data.getByte(i) & 0xFFL : data.getByte(i);
            case 2 -> unsigned ? data.getShort((long) i * 2) & 0xFFFFL : data.getShort((long) i * 2);
            case 4 -> unsigned ? data.getInt((long) i * 4) & 0xFFFFFFFFL : data.getInt((long) i * 4);
            default -> data.getLong((long) i * 8);
        };
    }

    static void writeLong(ArrowBuf data, int width, int i, long v) {
        switch (width) {
            case 1 -> data.setByte(i, (byte) v);
            case 2 -> data.setShort((long) i * 2, (short) v);
            case 4 -> data.setInt((long) i * 4, (int) v);
            default -> data.setLong((long) i * 8, v);
        }
    }

    static double readDouble(ArrowBuf data, int width, int i) {
        return width == 4 ? data.getFloat((long) i * 4) : data.getDouble((long) i * 8);
    }

    static boolean isUnsigned(DataType t) {
        return switch (t.kind()) {
            case UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    static int scale(DataType t) {
        return t instanceof DataType.Decimal d ? d.scale() : 0;
    }

    static double pow10(int k) {
        return POW10[k];
    }

    /** A 128-bit two's-complement integer as a double (one rounding for values that fit a long). */
    static double toDouble(long lo, long hi) {
        if (hi == (lo >> 63)) {
            return lo;
        }
        double unsignedLo = (double) ((lo >>> 1) | (lo & 1)) * 2.0;
        return hi * 0x1p64 + unsignedLo;
    }

    /** True when |(lo, hi)| >= 10^38, i.e. the value does not fit decimal(38, s). */
    static boolean exceeds38(long lo, long hi) {
        if (hi < 0) {
            // negate: ~x + 1
            long nlo = ~lo + 1;
            long nhi = ~hi + (nlo == 0 ? 1 : 0);
            lo = nlo;
            hi = nhi;
            if (hi < 0) {
                return true; // -2^127 itself
            }
        }
        return hi > LIMIT38_HI || (hi == LIMIT38_HI && Long.compareUnsigned(lo, LIMIT38_LO) >= 0);
    }

    /** The capacity to grow to so that {@code needed} slots fit (amortized doubling). */
    static int grow(int current, int needed) {
        long c = Math.max(16, (long) current + (current >> 1));
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(c, needed));
    }

    static FieldVector allocate(DataType type, int n, BufferAllocator allocator) {
        return Buffers.allocate(type, n, allocator);
    }

    static void setValid(FieldVector v, int i) {
        BitVectorHelper.setBit(v.getValidityBuffer(), i);
    }

    /** An int64 vector of {@code values[0..n)}, all valid. */
    static FieldVector longs(long[] values, int n, BufferAllocator allocator) {
        FieldVector out = allocate(DataType.int64(), n, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int g = 0; g < n; g++) {
            data.setLong((long) g * 8, values[g]);
            BitVectorHelper.setBit(validity, g);
        }
        out.setValueCount(n);
        return out;
    }

    /** A float64 vector of {@code values[0..n)}, value g valid where {@code valid[g]} (all valid when null). */
    static FieldVector doubles(double[] values, boolean[] valid, int n, BufferAllocator allocator) {
        FieldVector out = allocate(DataType.float64(), n, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int g = 0; g < n; g++) {
            if (valid == null || valid[g]) {
                data.setDouble((long) g * 8, values[g]);
                BitVectorHelper.setBit(validity, g);
            }
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Per group {@code per} float64 results from {@code flat[g * per ..]}: a float64 vector when
     * {@code asList} is false (per = 1), else a list(float64) vector; group g is null where
     * {@code valid[g]} is false.
     */
    static FieldVector doublesOrLists(double[] flat, int per, boolean asList, boolean[] valid, int n,
            BufferAllocator allocator) {
        if (!asList) {
            return doubles(flat, valid, n, allocator);
        }
        org.apache.arrow.vector.complex.ListVector out = (org.apache.arrow.vector.complex.ListVector)
                DataType.list(DataType.float64()).toArrowField("out").createVector(allocator);
        try {
            int items = 0;
            for (int g = 0; g < n; g++) {
                items += valid[g] ? per : 0;
            }
            double[] packed = new double[items];
            int k = 0;
            for (int g = 0; g < n; g++) {
                if (valid[g]) {
                    System.arraycopy(flat, g * per, packed, k, per);
                    k += per;
                }
            }
            out.setInitialCapacity(n);
            out.allocateNew();
            while (out.getValueCapacity() < n) {
                out.reAlloc();
            }
            try (FieldVector child = doubles(packed, null, items, allocator)) {
                child.makeTransferPair(out.getDataVector()).transfer();
            }
            ArrowBuf offsets = out.getOffsetBuffer();
            ArrowBuf validity = out.getValidityBuffer();
            offsets.setInt(0, 0);
            int at = 0;
            for (int g = 0; g < n; g++) {
                if (valid[g]) {
                    at += per;
                    BitVectorHelper.setBit(validity, g);
                }
                offsets.setInt((long) (g + 1) * 4, at);
            }
            out.setLastSet(n - 1);
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A vector of {@code type} whose value g is {@code values[slot[g]]}, null where slot[g] < 0. */
    static FieldVector gather(DataType type, FieldVector values, int[] slot, int n, BufferAllocator allocator) {
        FieldVector out = type.toArrowField("out").createVector(allocator);
        try {
            out.setInitialCapacity(n);
            out.allocateNew();
            for (int g = 0; g < n; g++) {
                if (slot[g] >= 0) {
                    out.copyFromSafe(slot[g], g, values);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Capacity of every buffer of a vector (children included), whatever its value count. */
    static long bytesHeld(FieldVector v) {
        long total = 0;
        for (ArrowBuf b : v.getBuffers(false)) {
            total += b.capacity();
        }
        return total;
    }

    /** {@code shifts[g] + means[g]} for the first {@code n} groups: the mean a shifted accumulator kept. */
    static double[] unshifted(double[] shifts, double[] means, int n) {
        double[] out = new double[n];
        for (int g = 0; g < n; g++) {
            out[g] = shifts[g] + means[g];
        }
        return out;
    }

    /**
     * The partial state of a moments-style accumulator: the int64 counts, then one all-valid float64
     * column per array, in order; nothing is left allocated if a column cannot be built.
     */
    static List<FieldVector> countsThenDoubles(long[] counts, int n, BufferAllocator allocator, double[]... columns) {
        List<FieldVector> out = new ArrayList<>(1 + columns.length);
        try {
            out.add(longs(counts, n, allocator));
            for (double[] column : columns) {
                out.add(doubles(column, null, n, allocator));
            }
            return out;
        } catch (RuntimeException e) {
            closeAll(out);
            throw e;
        }
    }

    /** Closes vectors built so far when building a multi-column state fails half way. */
    static void closeAll(List<FieldVector> vectors) {
        for (FieldVector v : vectors) {
            if (v != null) {
                v.close();
            }
        }
    }
}
