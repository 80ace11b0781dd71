package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Hashing;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * APPROX_COUNT_DISTINCT: one Apache DataSketches HLL union per group (lgK {@value #LG_K}; it
 * starts as a small list and grows to 2^14 registers only for large groups). Each non-null value
 * enters as Floe's 64-bit row hash ({@link Hashing}: NaN equal NaN, -0.0 equal 0.0, strings by
 * their UTF-8 bytes), computed for the whole batch at once, so no object is made per value.
 * Relative standard error 1.04 / sqrt(2^14) = 0.81%: estimates are within 2% of the exact count
 * with about 98% confidence (2.5 standard errors), and exact below a few hundred values (the
 * sketch's list mode). A group without a value gives 0. State = [binary: the compact sketch].
 */
final class HllAccumulator extends SketchAccumulator<Union> {
    static final int LG_K = 14;

    private final DataType type;

    HllAccumulator(DataType type) {
        this.type = type;
    }

    @Override
    Union newSketch() {
        return new Union(LG_K);
    }

    @Override
    void merge(Union into, Memory serialized) {
        into.update(HllSketch.heapify(serialized));
    }

    @Override
    byte[] serialize(Union sketch) {
        return sketch.toCompactByteArray();
    }

    @Override
    long bytes(Union sketch) {
        return sketch.getUpdatableSerializationBytes();
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (input instanceof NullVector || n == 0) {
            return;
        }
        long[] hashes = Hashing.hashRows(List.of(input), List.of(type), n);
        ArrowBuf validity = Cols.nulls(input);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                sketch(groupIds[i]).update(hashes[i]);
            }
        }
        measure();
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        long[] estimates = new long[numGroups];
        for (int g = 0; g < numGroups; g++) {
            Union u = existing(g);
            estimates[g] = u == null ? 0 : Math.round(u.getEstimate());
        }
        return Cols.longs(estimates, numGroups, allocator);
    }
}
