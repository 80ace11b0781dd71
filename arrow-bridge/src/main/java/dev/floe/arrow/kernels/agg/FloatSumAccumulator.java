package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Physical;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM and MEAN of float32/float64 into float64 with compensated (Neumaier) summation, so the
 * result does not depend much on how rows were split into batches or partial states.
 * State: SUM = [float64 sum, null without values]; MEAN = [float64 sum, int64 count].
 */
final class FloatSumAccumulator extends GroupedAccumulator {
    private final boolean mean;
    private final int width;
    private double[] sums = new double[0];
    private double[] compensation = new double[0];
    private long[] counts = new long[0];

    FloatSumAccumulator(DataType inputType, boolean mean) {
        this.mean = mean;
        this.width = Physical.width(inputType);
    }

    @Override
    void resize(int newCapacity) {
        sums = Arrays.copyOf(sums, newCapacity);
        compensation = Arrays.copyOf(compensation, newCapacity);
        counts = Arrays.copyOf(counts, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        fold(input, width, groupIds, n, true);
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (!mean) {
            fold(state.get(0), 8, groupIds, n, true);
            return;
        }
        fold(state.get(0), 8, groupIds, n, false);
        FieldVector countVector = state.get(1);
        ArrowBuf data = countVector.getDataBuffer();
        ArrowBuf validity = Cols.nulls(countVector);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                counts[groupIds[i]] += data.getLong((long) i * 8);
            }
        }
    }

    private void fold(FieldVector v, int w, int[] groupIds, int n, boolean count) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = Cols.nulls(v);
        double[] s = sums;
        double[] c = compensation;
        long[] k = counts;
        for (int i = 0; i < n; i++) {
            if (!Cols.valid(validity, i)) {
                continue;
            }
            double x = Cols.readDouble(data, w, i);
            int g = groupIds[i];
            double before = s[g];
            double t = before + x;
            if (Math.abs(before) >= Math.abs(x)) {
                c[g] += (before - t) + x;
            } else {
                c[g] += (x - t) + before;
            }
            s[g] = t;
            if (count) {
                k[g]++;
            }
        }
    }

    /** The compensated sum; once it is infinite or NaN the compensation carries no information. */
    private double total(int g) {
        double s = sums[g];
        return Double.isFinite(s) ? s + compensation[g] : s;
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        if (!mean) {
            return stateAsFinal(numGroups, allocator);
        }
        List<FieldVector> out = new ArrayList<>(2);
        try {
            FieldVector sum = Cols.allocate(DataType.float64(), numGroups, allocator);
            out.add(sum);
            for (int g = 0; g < numGroups; g++) {
                sum.getDataBuffer().setDouble((long) g * 8, total(g));
                BitVectorHelper.setBit(sum.getValidityBuffer(), g);
            }
            sum.setValueCount(numGroups);
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
        FieldVector out = Cols.allocate(DataType.float64(), numGroups, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int g = 0; g < numGroups; g++) {
            long k = counts[g];
            if (k > 0) {
                data.setDouble((long) g * 8, mean ? total(g) / k : total(g));
                BitVectorHelper.setBit(validity, g);
            }
        }
        out.setValueCount(numGroups);
        return out;
    }

    @Override
    public long sizeInBytes() {
        return 24L * sums.length;
    }
}
