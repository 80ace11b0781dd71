package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * APPROX_PERCENTILE: one Apache DataSketches KLL doubles sketch per group (k = {@value #K},
 * normalized rank error about 1.33% (single quantile, 99% confidence); exact while a group holds
 * fewer than k values). Result for fraction p: the smallest value seen whose rank is at least p
 * (an inclusive search, no interpolation: always a value of the group). NaN values are ignored
 * by the sketch. A group without a non-null value gives null. State = [binary: the sketch].
 */
final class KllAccumulator extends SketchAccumulator<KllDoublesSketch> {
    static final int K = 200;

    private final NumericReader numbers;
    private final double[] fractions;

    KllAccumulator(DataType type, double[] fractions) {
        this.numbers = new NumericReader(type, "approxPercentile");
        this.fractions = fractions.clone();
    }

    @Override
    KllDoublesSketch newSketch() {
        return KllDoublesSketch.newHeapInstance(K);
    }

    @Override
    void merge(KllDoublesSketch into, Memory serialized) {
        into.merge(KllDoublesSketch.heapify(serialized));
    }

    @Override
    byte[] serialize(KllDoublesSketch sketch) {
        return sketch.isEmpty() ? null : sketch.toByteArray();
    }

    @Override
    long bytes(KllDoublesSketch sketch) {
        return sketch.getSerializedSizeBytes();
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (input instanceof NullVector) {
            return;
        }
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                sketch(groupIds[i]).update(numbers.get(data, i));
            }
        }
        measure();
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        int per = fractions.length;
        double[] out = new double[numGroups * per];
        boolean[] valid = new boolean[numGroups];
        for (int g = 0; g < numGroups; g++) {
            KllDoublesSketch s = existing(g);
            if (s == null || s.isEmpty()) {
                continue;
            }
            valid[g] = true;
            for (int k = 0; k < per; k++) {
                out[g * per + k] = s.getQuantile(fractions[k], QuantileSearchCriteria.INCLUSIVE);
            }
        }
        return Cols.doublesOrLists(out, per, per > 1, valid, numGroups, allocator);
    }
}
