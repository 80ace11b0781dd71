package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.KernelException;
import dev.floe.arrow.kernels.Physical;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM of signed or unsigned integers, or of booleans (the number of true values), into int64;
 * overflow of int64 is a {@link KernelException} ("integer overflow in sum"), never a silent wrap. State = [int64 sum, null for groups without values].
 */
final class IntegerSumAccumulator extends GroupedAccumulator {
    private final int width;
    private final boolean unsigned;
    private final boolean uint64;
    private final boolean bits;
    private long[] sums = new long[0];
    private boolean[] seen = new boolean[0];

    IntegerSumAccumulator(DataType inputType) {
        this.width = Physical.width(inputType);
        this.unsigned = Cols.isUnsigned(inputType);
        this.uint64 = inputType.kind() == DataType.Kind.UINT64;
        this.bits = inputType.kind() == DataType.Kind.BOOL;
    }

    @Override
    void resize(int newCapacity) {
        sums = Arrays.copyOf(sums, newCapacity);
        seen = Arrays.copyOf(seen, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (bits) {
            countTrue(input, groupIds, n);
        } else {
            fold(input, width, unsigned, uint64, groupIds, n);
        }
    }

    /** Counting true values cannot overflow an int64 (that would take 2^63 rows). */
    private void countTrue(FieldVector v, int[] groupIds, int n) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = Cols.nulls(v);
        long[] s = sums;
        boolean[] has = seen;
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                int g = groupIds[i];
                s[g] += (data.getByte(i >> 3) >> (i & 7)) & 1;
                has[g] = true;
            }
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        fold(state.get(0), 8, false, false, groupIds, n);
    }

    private void fold(FieldVector v, int w, boolean zeroExtend, boolean u64, int[] groupIds, int n) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = Cols.nulls(v);
        long[] s = sums;
        boolean[] has = seen;
        for (int i = 0; i < n; i++) {
            if (!Cols.valid(validity, i)) {
                continue;
            }
            long x = Cols.readLong(data, w, zeroExtend, i);
            int g = groupIds[i];
            long before = s[g];
            long r = before + x;
            if ((u64 && x < 0) || ((before ^ r) & (x ^ r)) < 0) {
                throw overflow(g, before, x, u64);
            }
            s[g] = r;
            has[g] = true;
        }
    }

    private static KernelException overflow(int group, long before, long x, boolean u64) {
        String value = u64 ? Long.toUnsignedString(x) : Long.toString(x);
        return new KernelException("integer overflow in sum: adding " + value + " to the running sum "
                + before + " of group " + group + " exceeds the int64 range; cast the column to a decimal "
                + "or float64 before summing");
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        return stateAsFinal(numGroups, allocator);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        FieldVector out = Cols.allocate(DataType.int64(), numGroups, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int g = 0; g < numGroups; g++) {
            if (seen[g]) {
                data.setLong((long) g * 8, sums[g]);
                BitVectorHelper.setBit(validity, g);
            }
        }
        out.setValueCount(numGroups);
        return out;
    }

    @Override
    public long sizeInBytes() {
        return 9L * sums.length;
    }
}
