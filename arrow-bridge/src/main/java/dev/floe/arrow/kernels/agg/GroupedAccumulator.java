package dev.floe.arrow.kernels.agg;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Growth of per-group primitive arrays, shared by every accumulator. */
abstract class GroupedAccumulator implements Accumulator {
    /** Slots allocated in the per-group arrays. */
    protected int capacity;

    /** Grows the per-group arrays so that groups [0, numGroups) have a slot. */
    final void ensure(int numGroups) {
        if (numGroups > capacity) {
            int c = Cols.grow(capacity, numGroups);
            resize(c);
            capacity = c;
        }
    }

    /** Reallocates every per-group array to {@code newCapacity} slots, keeping the values. */
    abstract void resize(int newCapacity);

    /** The state of kinds whose partial state is their final value. */
    List<FieldVector> stateAsFinal(int numGroups, BufferAllocator allocator) {
        return List.of(finish(numGroups, allocator));
    }

    @Override
    public void close() {
        capacity = 0;
        resize(0);
    }
}
