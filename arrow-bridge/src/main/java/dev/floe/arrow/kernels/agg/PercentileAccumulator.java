package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * MEDIAN and PERCENTILE, exact: every non-null value is kept as a double with its group in two
 * growable primitive arrays (12 bytes a value); {@link #finish} orders them by group (counting
 * sort), sorts each group's run and interpolates as DuckDB's {@code quantile_cont}: for fraction
 * p over n sorted values v, position h = (n - 1) p, result v[floor h] + (h - floor h)
 * (v[ceil h] - v[floor h]). NaN sorts above every number. A group without a non-null value gives
 * null; one fraction gives float64, several list(float64). Not decomposable: the values of a
 * group meet in one place (raw rows hashed by key); see {@link AggFunction#keepsValues}.
 */
final class PercentileAccumulator extends GroupedAccumulator {
    private final NumericReader reader;
    private final double[] fractions;
    private final boolean asList;
    private double[] values = new double[0];
    private int[] rowGroups = new int[0];
    private int used;

    PercentileAccumulator(DataType type, double[] fractions) {
        this.reader = new NumericReader(type, "percentile");
        this.fractions = fractions.clone();
        this.asList = fractions.length > 1;
    }

    @Override
    void resize(int newCapacity) {
        // per-group results are computed in finish(); nothing to grow
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (input instanceof NullVector || n == 0) {
            return;
        }
        if (used + n > values.length) {
            int c = Cols.grow(values.length, used + n);
            values = Arrays.copyOf(values, c);
            rowGroups = Arrays.copyOf(rowGroups, c);
        }
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                values[used] = reader.get(data, i);
                rowGroups[used++] = groupIds[i];
            }
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        throw new UnsupportedOperationException("percentile has no partial state; aggregate raw rows once");
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        throw new UnsupportedOperationException("percentile has no partial state; aggregate raw rows once");
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        int[] starts = new int[numGroups + 1];
        for (int r = 0; r < used; r++) {
            starts[rowGroups[r] + 1]++;
        }
        for (int g = 0; g < numGroups; g++) {
            starts[g + 1] += starts[g];
        }
        double[] sorted = new double[used];
        int[] next = Arrays.copyOf(starts, numGroups);
        for (int r = 0; r < used; r++) {
            sorted[next[rowGroups[r]]++] = values[r];
        }
        int per = fractions.length;
        double[] out = new double[numGroups * per];
        boolean[] valid = new boolean[numGroups];
        for (int g = 0; g < numGroups; g++) {
            int from = starts[g];
            int n = starts[g + 1] - from;
            if (n == 0) {
                continue;
            }
            valid[g] = true;
            Arrays.sort(sorted, from, from + n);
            for (int k = 0; k < per; k++) {
                out[g * per + k] = interpolate(sorted, from, n, fractions[k]);
            }
        }
        return Cols.doublesOrLists(out, per, asList, valid, numGroups, allocator);
    }

    /** DuckDB's quantile_cont over the sorted run {@code v[from, from + n)}. */
    static double interpolate(double[] v, int from, int n, double p) {
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        double low = v[from + lo];
        if (lo == hi) {
            return low;
        }
        double high = v[from + hi];
        return low + (h - lo) * (high - low);
    }

    @Override
    public long sizeInBytes() {
        return 12L * values.length;
    }

    @Override
    public void close() {
        super.close();
        values = new double[0];
        rowGroups = new int[0];
        used = 0;
    }
}
