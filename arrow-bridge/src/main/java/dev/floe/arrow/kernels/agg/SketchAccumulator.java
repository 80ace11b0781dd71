package dev.floe.arrow.kernels.agg;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.datasketches.memory.Memory;

/**
 * One Apache DataSketches sketch per group, created on the group's first value: the partial state
 * is each sketch serialized into a binary column ({@link SketchStates}), merged by the final
 * phase. Sizes are re-measured every 16 batches (a walk over every group), not per call.
 *
 * @param <S> the sketch class
 */
abstract class SketchAccumulator<S> extends GroupedAccumulator {
    private final SketchStates reader = new SketchStates();
    private Object[] sketches = new Object[0];
    private long bytes;
    private int updatesSinceMeasure;

    abstract S newSketch();

    /** Folds a serialized partial sketch into {@code into}. */
    abstract void merge(S into, Memory serialized);

    /** The serialized sketch, or null when it holds nothing. */
    abstract byte[] serialize(S sketch);

    abstract long bytes(S sketch);

    @Override
    final void resize(int newCapacity) {
        sketches = Arrays.copyOf(sketches, newCapacity);
    }

    /** The sketch of group g, created when first needed. */
    @SuppressWarnings("unchecked")
    final S sketch(int g) {
        Object s = sketches[g];
        if (s == null) {
            s = newSketch();
            sketches[g] = s;
        }
        return (S) s;
    }

    /** The sketch of group g, or null when the group has seen no value. */
    @SuppressWarnings("unchecked")
    final S existing(int g) {
        return (S) sketches[g];
    }

    @Override
    public final void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        FieldVector s = state.get(0);
        for (int i = 0; i < n; i++) {
            Memory m = reader.memory(s, i);
            if (m != null) {
                merge(sketch(groupIds[i]), m);
            }
        }
        measure();
    }

    /** Call after each batch folded in. */
    final void measure() {
        if (++updatesSinceMeasure < 16 && bytes > 0) {
            return;
        }
        updatesSinceMeasure = 0;
        long total = 0;
        for (int g = 0; g < sketches.length; g++) {
            if (sketches[g] != null) {
                total += 64 + bytes(existing(g));
            }
        }
        bytes = total;
    }

    @Override
    public final List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        byte[][] out = new byte[numGroups][];
        for (int g = 0; g < numGroups; g++) {
            if (sketches[g] != null) {
                out[g] = serialize(existing(g));
            }
        }
        return List.of(SketchStates.write(out, numGroups, allocator));
    }

    @Override
    public final long sizeInBytes() {
        return 8L * sketches.length + bytes;
    }
}
