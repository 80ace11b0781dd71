package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * COVARIANCE (sample, n - 1) and CORRELATION (Pearson) of two numeric inputs over the rows where
 * both are non-null: one-pass co-moment C = sum (x - mean x)(y - mean y) with the second moments
 * of each side, merged with Chan et al.'s pairwise formulas; values shifted by the group's first
 * pair. Covariance is null below 2 pairs; correlation C / sqrt(M2x M2y) is null without a pair
 * and NaN when either side is constant, one pair included (as DuckDB's corr). State = [int64 count, float64 mean x, mean y,
 * co-moment, m2 x, m2 y].
 */
final class CovarianceAccumulator extends GroupedAccumulator {
    private final boolean correlation;
    private long[] counts = new long[0];
    private double[] meanX = new double[0];
    private double[] meanY = new double[0];
    private double[] co = new double[0];
    private double[] m2X = new double[0];
    private double[] m2Y = new double[0];
    private double[] shiftX = new double[0];
    private double[] shiftY = new double[0];

    CovarianceAccumulator(boolean correlation) {
        this.correlation = correlation;
    }

    @Override
    void resize(int c) {
        counts = Arrays.copyOf(counts, c);
        meanX = Arrays.copyOf(meanX, c);
        meanY = Arrays.copyOf(meanY, c);
        co = Arrays.copyOf(co, c);
        m2X = Arrays.copyOf(m2X, c);
        m2Y = Arrays.copyOf(m2Y, c);
        shiftX = Arrays.copyOf(shiftX, c);
        shiftY = Arrays.copyOf(shiftY, c);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        throw new UnsupportedOperationException((correlation ? "correlation" : "covariance") + " takes two inputs");
    }

    @Override
    public void update(FieldVector xs, FieldVector ys, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (xs instanceof NullVector || ys instanceof NullVector) {
            return;
        }
        String name = correlation ? "correlation" : "covariance";
        NumericReader rx = new NumericReader(DataType.fromArrow(xs.getField()), name);
        NumericReader ry = new NumericReader(DataType.fromArrow(ys.getField()), name);
        ArrowBuf dx = xs.getDataBuffer();
        ArrowBuf dy = ys.getDataBuffer();
        ArrowBuf vx = Cols.nulls(xs);
        ArrowBuf vy = Cols.nulls(ys);
        for (int i = 0; i < n; i++) {
            if (!Cols.valid(vx, i) || !Cols.valid(vy, i)) {
                continue;
            }
            double x = rx.get(dx, i);
            double y = ry.get(dy, i);
            int g = groupIds[i];
            if (counts[g] == 0) {
                shiftX[g] = Double.isFinite(x) ? x : 0;
                shiftY[g] = Double.isFinite(y) ? y : 0;
            }
            x -= shiftX[g];
            y -= shiftY[g];
            long k = ++counts[g];
            double deltaX = x - meanX[g];
            double deltaY = y - meanY[g];
            meanX[g] += deltaX / k;
            meanY[g] += deltaY / k;
            co[g] += deltaX * (y - meanY[g]);
            m2X[g] += deltaX * (x - meanX[g]);
            m2Y[g] += deltaY * (y - meanY[g]);
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        ArrowBuf cnt = state.get(0).getDataBuffer();
        ArrowBuf validity = Cols.nulls(state.get(0));
        for (int i = 0; i < n; i++) {
            long nb = Cols.valid(validity, i) ? cnt.getLong((long) i * 8) : 0;
            if (nb == 0) {
                continue;
            }
            int g = groupIds[i];
            double mxb = state.get(1).getDataBuffer().getDouble((long) i * 8);
            double myb = state.get(2).getDataBuffer().getDouble((long) i * 8);
            double cb = state.get(3).getDataBuffer().getDouble((long) i * 8);
            double m2xb = state.get(4).getDataBuffer().getDouble((long) i * 8);
            double m2yb = state.get(5).getDataBuffer().getDouble((long) i * 8);
            long na = counts[g];
            if (na == 0) {
                counts[g] = nb;
                shiftX[g] = Double.isFinite(mxb) ? mxb : 0;
                shiftY[g] = Double.isFinite(myb) ? myb : 0;
                meanX[g] = mxb - shiftX[g];
                meanY[g] = myb - shiftY[g];
                co[g] = cb;
                m2X[g] = m2xb;
                m2Y[g] = m2yb;
                continue;
            }
            double total = (double) na + nb;
            double f = na * (double) nb / total;
            double deltaX = (mxb - shiftX[g]) - meanX[g];
            double deltaY = (myb - shiftY[g]) - meanY[g];
            co[g] += cb + deltaX * deltaY * f;
            m2X[g] += m2xb + deltaX * deltaX * f;
            m2Y[g] += m2yb + deltaY * deltaY * f;
            meanX[g] += deltaX * nb / total;
            meanY[g] += deltaY * nb / total;
            counts[g] = na + nb;
        }
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        return Cols.countsThenDoubles(counts, numGroups, allocator, Cols.unshifted(shiftX, meanX, numGroups),
                Cols.unshifted(shiftY, meanY, numGroups), co, m2X, m2Y);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        double[] result = new double[numGroups];
        boolean[] valid = new boolean[numGroups];
        for (int g = 0; g < numGroups; g++) {
            long k = counts[g];
            if (correlation) {
                if (k > 0) {
                    valid[g] = true;
                    result[g] = co[g] / (Math.sqrt(m2X[g]) * Math.sqrt(m2Y[g]));
                }
            } else if (k > 1) {
                valid[g] = true;
                result[g] = co[g] / (k - 1);
            }
        }
        return Cols.doubles(result, valid, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 64L * counts.length;
    }
}
