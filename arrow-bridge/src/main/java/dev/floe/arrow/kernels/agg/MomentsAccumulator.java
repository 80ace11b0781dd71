package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * SKEW and KURTOSIS from the central moments M2, M3, M4 of each group, updated per value with
 * Terriberry's one-pass formulas and merged with Pébay's pairwise formulas; values are shifted by
 * the group's first value, as VARIANCE does. Results follow DuckDB's {@code skewness} and
 * {@code kurtosis} (the bias-corrected sample statistics, not Spark's population ones): with
 * m_k = M_k / n,
 * skew = sqrt(n (n - 1)) / (n - 2) * m3 / m2^1.5 (null when n < 3 or m2 = 0) and
 * kurtosis = (n - 1) ((n + 1) m4 / m2^2 - 3 (n - 1)) / ((n - 2) (n - 3)) (null when n < 4 or m2 = 0).
 * State = [int64 count, float64 mean, m2, m3, m4] (the mean unshifted).
 */
final class MomentsAccumulator extends GroupedAccumulator {
    private final NumericReader reader;
    private final boolean kurtosis;
    private long[] counts = new long[0];
    private double[] means = new double[0];
    private double[] m2s = new double[0];
    private double[] m3s = new double[0];
    private double[] m4s = new double[0];
    private double[] shifts = new double[0];

    MomentsAccumulator(DataType type, boolean kurtosis) {
        this.reader = new NumericReader(type, kurtosis ? "kurtosis" : "skew");
        this.kurtosis = kurtosis;
    }

    @Override
    void resize(int c) {
        counts = Arrays.copyOf(counts, c);
        means = Arrays.copyOf(means, c);
        m2s = Arrays.copyOf(m2s, c);
        m3s = Arrays.copyOf(m3s, c);
        m4s = Arrays.copyOf(m4s, c);
        shifts = Arrays.copyOf(shifts, c);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        for (int i = 0; i < n; i++) {
            if (!Cols.valid(validity, i)) {
                continue;
            }
            double x = reader.get(data, i);
            int g = groupIds[i];
            if (counts[g] == 0) {
                shifts[g] = Double.isFinite(x) ? x : 0;
            }
            double y = x - shifts[g];
            long n1 = counts[g];
            long k = ++counts[g];
            double delta = y - means[g];
            double dn = delta / k;
            double dn2 = dn * dn;
            double term1 = delta * dn * n1;
            means[g] += dn;
            m4s[g] += term1 * dn2 * ((double) k * k - 3.0 * k + 3) + 6 * dn2 * m2s[g] - 4 * dn * m3s[g];
            m3s[g] += term1 * dn * (k - 2) - 3 * dn * m2s[g];
            m2s[g] += term1;
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf countData = state.get(0).getDataBuffer();
        ArrowBuf meanData = state.get(1).getDataBuffer();
        ArrowBuf m2Data = state.get(2).getDataBuffer();
        ArrowBuf m3Data = state.get(3).getDataBuffer();
        ArrowBuf m4Data = state.get(4).getDataBuffer();
        ArrowBuf validity = Cols.nulls(state.get(0));
        for (int i = 0; i < n; i++) {
            long nb = Cols.valid(validity, i) ? countData.getLong((long) i * 8) : 0;
            if (nb == 0) {
                continue;
            }
            int g = groupIds[i];
            double mb = meanData.getDouble((long) i * 8);
            double m2b = m2Data.getDouble((long) i * 8);
            double m3b = m3Data.getDouble((long) i * 8);
            double m4b = m4Data.getDouble((long) i * 8);
            long na = counts[g];
            if (na == 0) {
                counts[g] = nb;
                shifts[g] = Double.isFinite(mb) ? mb : 0;
                means[g] = mb - shifts[g];
                m2s[g] = m2b;
                m3s[g] = m3b;
                m4s[g] = m4b;
                continue;
            }
            double a = na;
            double b = nb;
            double total = a + b;
            double delta = (mb - shifts[g]) - means[g];
            double d2 = delta * delta;
            double m2a = m2s[g];
            double m3a = m3s[g];
            m4s[g] += m4b + d2 * d2 * a * b * (a * a - a * b + b * b) / (total * total * total)
                    + 6 * d2 * (a * a * m2b + b * b * m2a) / (total * total) + 4 * delta * (a * m3b - b * m3a) / total;
            m3s[g] += m3b + d2 * delta * a * b * (a - b) / (total * total) + 3 * delta * (a * m2b - b * m2a) / total;
            m2s[g] += m2b + d2 * a * b / total;
            means[g] += delta * b / total;
            counts[g] = na + nb;
        }
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        return Cols.countsThenDoubles(counts, numGroups, allocator, Cols.unshifted(shifts, means, numGroups), m2s, m3s,
                m4s);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        double[] result = new double[numGroups];
        boolean[] valid = new boolean[numGroups];
        for (int g = 0; g < numGroups; g++) {
            double n = counts[g];
            double m2 = m2s[g] / n;
            if (n < (kurtosis ? 4 : 3) || !(m2 > 0) && !Double.isNaN(m2)) {
                continue;
            }
            valid[g] = true;
            if (kurtosis) {
                double m4 = m4s[g] / n;
                result[g] = (n - 1) * ((n + 1) * m4 / (m2 * m2) - 3 * (n - 1)) / ((n - 2) * (n - 3));
            } else {
                double m3 = m3s[g] / n;
                result[g] = Math.sqrt(n * (n - 1)) / (n - 2) * m3 / Math.pow(m2, 1.5);
            }
        }
        return Cols.doubles(result, valid, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 48L * counts.length;
    }
}
