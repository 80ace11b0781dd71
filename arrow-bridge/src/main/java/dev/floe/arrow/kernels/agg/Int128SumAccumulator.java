package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.KernelException;
import dev.floe.arrow.kernels.Physical;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Exact 128-bit sums: SUM of decimal(p, s) into decimal(38, s), and MEAN of integers and decimals
 * (the exact sum divided by the count once, at the end). A sum past 38 digits is a
 * {@link KernelException} when it is written out. State: SUM = [decimal(38, s) sum, null without
 * values]; MEAN = [decimal(38, s) sum (s = 0 for integers), int64 count].
 */
final class Int128SumAccumulator extends GroupedAccumulator {
    private final boolean mean;
    private final boolean decimalInput;
    private final int width;
    private final boolean unsigned;
    private final boolean uint64;
    private final int scale;
    private long[] lo = new long[0];
    private long[] hi = new long[0];
    private long[] counts = new long[0];

    Int128SumAccumulator(DataType inputType, boolean mean) {
        this.mean = mean;
        this.decimalInput = inputType.kind() == DataType.Kind.DECIMAL;
        this.width = Physical.width(inputType);
        this.unsigned = Cols.isUnsigned(inputType);
        this.uint64 = inputType.kind() == DataType.Kind.UINT64;
        this.scale = Cols.scale(inputType);
    }

    DataType sumType() {
        return DataType.decimal(DataType.Decimal.MAX_PRECISION, scale);
    }

    @Override
    void resize(int newCapacity) {
        lo = Arrays.copyOf(lo, newCapacity);
        hi = Arrays.copyOf(hi, newCapacity);
        counts = Arrays.copyOf(counts, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (decimalInput) {
            foldDecimals(input, groupIds, n, true);
        } else {
            foldIntegers(input, groupIds, n);
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (!mean) {
            foldDecimals(state.get(0), groupIds, n, true);
            return;
        }
        foldDecimals(state.get(0), groupIds, n, false);
        FieldVector countVector = state.get(1);
        ArrowBuf data = countVector.getDataBuffer();
        ArrowBuf validity = Cols.nulls(countVector);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                counts[groupIds[i]] += data.getLong((long) i * 8);
            }
        }
    }

    private void foldIntegers(FieldVector v, int[] groupIds, int n) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = Cols.nulls(v);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                long x = Cols.readLong(data, width, unsigned, i);
                add(groupIds[i], x, uint64 ? 0 : x >> 63);
                counts[groupIds[i]]++;
            }
        }
    }

    private void foldDecimals(FieldVector v, int[] groupIds, int n, boolean count) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = Cols.nulls(v);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                int g = groupIds[i];
                add(g, data.getLong((long) i * 16), data.getLong((long) i * 16 + 8));
                if (count) {
                    counts[g]++;
                }
            }
        }
    }

    private void add(int g, long xlo, long xhi) {
        long a = lo[g];
        long b = hi[g];
        long rlo = a + xlo;
        long carry = Long.compareUnsigned(rlo, a) < 0 ? 1 : 0;
        long rhi = b + xhi + carry;
        if (((b ^ rhi) & (xhi ^ rhi)) < 0) {
            throw tooLarge(g);
        }
        lo[g] = rlo;
        hi[g] = rhi;
    }

    private KernelException tooLarge(int g) {
        String what = decimalInput ? "decimal overflow in sum" : "integer overflow in sum";
        return new KernelException(what + ": the sum of group " + g + " exceeds 38 digits, the most "
                + sumType() + " can hold");
    }

    /** The sums as a decimal(38, s) vector; null for groups without values when {@code nullIfEmpty}. */
    private FieldVector sums(int numGroups, boolean nullIfEmpty, BufferAllocator allocator) {
        FieldVector out = Cols.allocate(sumType(), numGroups, allocator);
        try {
            ArrowBuf data = out.getDataBuffer();
            ArrowBuf validity = out.getValidityBuffer();
            for (int g = 0; g < numGroups; g++) {
                if (nullIfEmpty && counts[g] == 0) {
                    continue;
                }
                if (Cols.exceeds38(lo[g], hi[g])) {
                    throw tooLarge(g);
                }
                data.setLong((long) g * 16, lo[g]);
                data.setLong((long) g * 16 + 8, hi[g]);
                BitVectorHelper.setBit(validity, g);
            }
            out.setValueCount(numGroups);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        if (!mean) {
            return List.of(sums(numGroups, true, allocator));
        }
        List<FieldVector> out = new ArrayList<>(2);
        try {
            out.add(sums(numGroups, false, allocator));
            out.add(Cols.longs(counts, numGroups, allocator));
            return out;
        } catch (RuntimeException e) {
            Cols.closeAll(out);
            throw e;
        }
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        if (!mean) {
            return sums(numGroups, true, allocator);
        }
        FieldVector out = Cols.allocate(DataType.float64(), numGroups, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        double divisor = Cols.pow10(scale);
        for (int g = 0; g < numGroups; g++) {
            long k = counts[g];
            if (k > 0) {
                data.setDouble((long) g * 8, Cols.toDouble(lo[g], hi[g]) / divisor / k);
                BitVectorHelper.setBit(validity, g);
            }
        }
        out.setValueCount(numGroups);
        return out;
    }

    @Override
    public long sizeInBytes() {
        return 24L * lo.length;
    }
}
