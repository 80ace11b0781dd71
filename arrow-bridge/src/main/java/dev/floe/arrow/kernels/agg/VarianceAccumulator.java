package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * VARIANCE and STDDEV with {@code ddof} (1 = sample): Welford's update per value, Chan et al.'s
 * parallel formula to merge partial (count, mean, M2) states. Each group's values are shifted by
 * the first value it saw, so a large common offset (1e9 + small spread) does not cost the running
 * mean its low digits. Values are read as doubles
 * (decimals from their unscaled 128-bit words). A group with count <= ddof gives null.
 * State = [int64 count, float64 mean, float64 m2].
 */
final class VarianceAccumulator extends GroupedAccumulator {
    private final boolean stddev;
    private final int ddof;
    private final NumericReader reader;
    private long[] counts = new long[0];
    private double[] means = new double[0];
    private double[] m2s = new double[0];
    /** Subtracted from every value of the group; {@code means} holds the mean of the shifted values. */
    private double[] shifts = new double[0];

    VarianceAccumulator(DataType inputType, int ddof, boolean stddev) {
        this.stddev = stddev;
        this.ddof = ddof;
        this.reader = new NumericReader(inputType, "variance");
    }

    @Override
    void resize(int newCapacity) {
        counts = Arrays.copyOf(counts, newCapacity);
        means = Arrays.copyOf(means, newCapacity);
        m2s = Arrays.copyOf(m2s, newCapacity);
        shifts = Arrays.copyOf(shifts, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        long[] k = counts;
        double[] mean = means;
        double[] m2 = m2s;
        for (int i = 0; i < n; i++) {
            if (!Cols.valid(validity, i)) {
                continue;
            }
            double x = reader.get(data, i);
            int g = groupIds[i];
            if (k[g] == 0) {
                shifts[g] = Double.isFinite(x) ? x : 0;
            }
            double y = x - shifts[g];
            long c = ++k[g];
            double delta = y - mean[g];
            double m = mean[g] + delta / c;
            mean[g] = m;
            m2[g] += delta * (y - m);
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf countData = state.get(0).getDataBuffer();
        ArrowBuf meanData = state.get(1).getDataBuffer();
        ArrowBuf m2Data = state.get(2).getDataBuffer();
        ArrowBuf validity = Cols.nulls(state.get(0));
        for (int i = 0; i < n; i++) {
            if (!Cols.valid(validity, i)) {
                continue;
            }
            long nb = countData.getLong((long) i * 8);
            if (nb == 0) {
                continue;
            }
            int g = groupIds[i];
            long na = counts[g];
            double mb = meanData.getDouble((long) i * 8);
            double m2b = m2Data.getDouble((long) i * 8);
            if (na == 0) {
                counts[g] = nb;
                shifts[g] = Double.isFinite(mb) ? mb : 0;
                means[g] = mb - shifts[g];
                m2s[g] = m2b;
                continue;
            }
            long total = na + nb;
            double delta = (mb - shifts[g]) - means[g];
            double fb = (double) nb / total;
            means[g] += delta * fb;
            m2s[g] += m2b + delta * delta * na * fb;
            counts[g] = total;
        }
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        return Cols.countsThenDoubles(counts, numGroups, allocator, Cols.unshifted(shifts, means, numGroups), m2s);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        FieldVector out = Cols.allocate(DataType.float64(), numGroups, allocator);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        for (int g = 0; g < numGroups; g++) {
            long k = counts[g];
            if (k > ddof) {
                double variance = m2s[g] / (k - ddof);
                data.setDouble((long) g * 8, stddev ? Math.sqrt(variance) : variance);
                BitVectorHelper.setBit(validity, g);
            }
        }
        out.setValueCount(numGroups);
        return out;
    }

    @Override
    public long sizeInBytes() {
        return 32L * counts.length;
    }
}
