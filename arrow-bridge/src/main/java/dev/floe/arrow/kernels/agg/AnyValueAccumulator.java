package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * ANY_VALUE: the first non-null value each group sees, of any type. The value is copied once per
 * group into an append-only vector this accumulator owns (so variable-width and nested values are
 * written in order), and {@code slot[g]} remembers where. State = [value of the input type].
 */
final class AnyValueAccumulator extends GroupedAccumulator {
    private final DataType type;
    private final FieldVector values;
    private int used;
    private int[] slot = new int[0];

    AnyValueAccumulator(DataType type, BufferAllocator allocator) {
        this.type = type;
        this.values = type.toArrowField("any_value").createVector(allocator);
        values.allocateNew();
    }

    @Override
    void resize(int newCapacity) {
        int old = slot.length;
        slot = Arrays.copyOf(slot, newCapacity);
        if (newCapacity > old) {
            Arrays.fill(slot, old, newCapacity, -1);
        }
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (input instanceof NullVector) {
            return;
        }
        int[] s = slot;
        var validity = Cols.nulls(input);
        for (int i = 0; i < n; i++) {
            int g = groupIds[i];
            if (s[g] < 0 && Cols.valid(validity, i)) {
                values.copyFromSafe(i, used, input);
                s[g] = used++;
            }
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        update(state.get(0), groupIds, n, numGroups);
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        return stateAsFinal(numGroups, allocator);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        values.setValueCount(used);
        return Cols.gather(type, values, slot, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 4L * slot.length + Cols.bytesHeld(values);
    }

    @Override
    public void close() {
        super.close();
        values.close();
    }
}
