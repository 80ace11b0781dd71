package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * FIRST and LAST of any type, in the order rows reach the accumulator (without a sort that is
 * the order of the input's partitions and batches: deterministic at parallelism 1 over one
 * split, otherwise any row's). With {@code ignoreNulls} only non-null values count; otherwise a
 * null first (last) value gives null. Values are copied into an append-only vector this
 * accumulator owns, at most once per group and batch, and {@code slot[g]} says where (-1 no row
 * yet, -2 the chosen row was null); LAST compacts the vector when dead copies outnumber live ones.
 * State = [value of the input type, bool seen]; merging treats each seen state as one row.
 */
final class FirstLastAccumulator extends GroupedAccumulator {
    private static final int NONE = -1;
    private static final int NULL = -2;

    private final DataType type;
    private final boolean last;
    private final boolean ignoreNulls;
    private final BufferAllocator allocator;
    private FieldVector values;
    private int used;
    private int[] slot = new int[0];
    /** LAST: the chosen row of each group touched by the current batch, and those groups. */
    private int[] pick = new int[0];
    private int[] touched = new int[0];

    FirstLastAccumulator(DataType type, boolean last, boolean ignoreNulls, BufferAllocator allocator) {
        this.type = type;
        this.last = last;
        this.ignoreNulls = ignoreNulls;
        this.allocator = allocator;
        this.values = newValues();
    }

    private FieldVector newValues() {
        FieldVector v = type.toArrowField("first_last").createVector(allocator);
        v.allocateNew();
        return v;
    }

    @Override
    void resize(int newCapacity) {
        int old = slot.length;
        slot = Arrays.copyOf(slot, newCapacity);
        pick = Arrays.copyOf(pick, newCapacity);
        if (newCapacity > old) {
            Arrays.fill(slot, old, newCapacity, NONE);
            Arrays.fill(pick, old, newCapacity, NONE);
        }
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        fold(input, null, groupIds, n, numGroups);
    }

    /** Rows i with {@code seen} null or set; a row is taken when it is valid or nulls count. */
    private void fold(FieldVector input, ArrowBuf seen, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        boolean allNull = input instanceof NullVector;
        ArrowBuf validity = allNull ? null : Cols.nulls(input);
        if (!last) {
            int[] s = slot;
            for (int i = 0; i < n; i++) {
                int g = groupIds[i];
                if (s[g] != NONE || (seen != null && BitVectorHelper.get(seen, i) == 0)) {
                    continue;
                }
                if (!allNull && Cols.valid(validity, i)) {
                    values.copyFromSafe(i, used, input);
                    s[g] = used++;
                } else if (!ignoreNulls) {
                    s[g] = NULL;
                }
            }
            return;
        }
        if (touched.length < n) {
            touched = new int[n];
        }
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (seen != null && BitVectorHelper.get(seen, i) == 0) {
                continue;
            }
            boolean valid = !allNull && Cols.valid(validity, i);
            if (valid || !ignoreNulls) {
                int g = groupIds[i];
                if (pick[g] == NONE) {
                    touched[t++] = g;
                }
                pick[g] = i;
            }
        }
        for (int k = 0; k < t; k++) {
            int g = touched[k];
            int i = pick[g];
            pick[g] = NONE;
            if (!allNull && Cols.valid(validity, i)) {
                values.copyFromSafe(i, used, input);
                slot[g] = used++;
            } else {
                slot[g] = NULL;
            }
        }
        if (used > 1024 && used > 2 * numGroups) {
            compact(numGroups);
        }
    }

    /** Copies the live values into a new vector (LAST leaves one dead copy per replaced value). */
    private void compact(int numGroups) {
        values.setValueCount(used);
        FieldVector fresh = newValues();
        int k = 0;
        try {
            for (int g = 0; g < numGroups; g++) {
                if (slot[g] >= 0) {
                    fresh.copyFromSafe(slot[g], k, values);
                    slot[g] = k++;
                }
            }
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        values.close();
        values = fresh;
        used = k;
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        fold(state.get(0), state.get(1).getDataBuffer(), groupIds, n, numGroups);
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>(2);
        try {
            out.add(finish(numGroups, allocator));
            FieldVector seen = Cols.allocate(DataType.bool(), numGroups, allocator);
            out.add(seen);
            for (int g = 0; g < numGroups; g++) {
                BitVectorHelper.setBit(seen.getValidityBuffer(), g);
                if (slot[g] != NONE) {
                    BitVectorHelper.setBit(seen.getDataBuffer(), g);
                }
            }
            seen.setValueCount(numGroups);
            return out;
        } catch (RuntimeException e) {
            Cols.closeAll(out);
            throw e;
        }
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        values.setValueCount(used);
        return Cols.gather(type, values, slot, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 8L * slot.length + 4L * touched.length + Cols.bytesHeld(values);
    }

    @Override
    public void close() {
        super.close();
        values.close();
    }
}
