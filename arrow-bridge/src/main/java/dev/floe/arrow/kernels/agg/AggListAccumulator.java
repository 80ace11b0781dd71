package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Selection;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.VectorAppender;

/**
 * AGG_LIST: every value of a group, nulls included, in a list(inputType). Input batches are
 * appended whole to a vector this accumulator owns, with the group of each appended row in an
 * int[]; {@link #finish} orders the rows by group (counting sort) and takes them into the list's
 * child vector. Groups without rows give null; order inside a list is the arrival order, which the
 * contract leaves unspecified. Not decomposable.
 */
class AggListAccumulator extends GroupedAccumulator {
    final DataType elementType;
    /** The kept rows, in arrival order; {@code rowGroups[r]} is the group of row r. */
    final FieldVector values;
    int used;
    int[] rowGroups = new int[0];
    private final boolean emptyListWithoutRows;
    private final BufferAllocator allocator;

    AggListAccumulator(DataType elementType, BufferAllocator allocator) {
        this(elementType, false, allocator);
    }

    /** {@code emptyListWithoutRows}: a group that kept no row gives [] instead of null. */
    AggListAccumulator(DataType elementType, boolean emptyListWithoutRows, BufferAllocator allocator) {
        this.elementType = elementType;
        this.emptyListWithoutRows = emptyListWithoutRows;
        this.allocator = allocator;
        this.values = elementType.toArrowField("item").createVector(allocator);
        values.allocateNew();
    }

    /** Keeps rows {@code rows[0..k)} of the input (groups from {@code groupIds} by input row). */
    final void keepRows(FieldVector input, int[] rows, int k, int[] groupIds) {
        if (k == 0) {
            return;
        }
        int[] groups = new int[k];
        for (int j = 0; j < k; j++) {
            groups[j] = groupIds[rows[j]];
        }
        try (FieldVector kept = Selection.take(input, elementType, rows, k, allocator)) {
            append(kept, groups, k);
        }
    }

    @Override
    void resize(int newCapacity) {
        // per-group state is computed in finish(); nothing to grow
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        append(input, groupIds, n);
    }

    /** Appends rows 0..n-1 of the input with their groups. */
    final void append(FieldVector input, int[] groupIds, int n) {
        if (n == 0) {
            return;
        }
        if (used + n > rowGroups.length) {
            rowGroups = Arrays.copyOf(rowGroups, Cols.grow(rowGroups.length, used + n));
        }
        System.arraycopy(groupIds, 0, rowGroups, used, n);
        if (input.getValueCount() == n && appendable(values.getField(), input.getField())) {
            input.accept(new VectorAppender(values), null);
        } else {
            for (int i = 0; i < n; i++) {
                values.copyFromSafe(i, used + i, input);
            }
            values.setValueCount(used + n);
        }
        used += n;
    }

    /**
     * Whether {@link VectorAppender} accepts the input: it insists on equal types, nullability and
     * metadata (names aside); inputs from readers may carry metadata, and those go row by row.
     */
    private static boolean appendable(Field target, Field input) {
        if (!target.getType().equals(input.getType()) || target.isNullable() != input.isNullable()
                || !target.getMetadata().equals(input.getMetadata())
                || target.getChildren().size() != input.getChildren().size()) {
            return false;
        }
        for (int k = 0; k < target.getChildren().size(); k++) {
            if (!appendable(target.getChildren().get(k), input.getChildren().get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no partial state; aggregate raw rows once");
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no partial state; aggregate raw rows once");
    }

    /** Where each group's rows start in {@link #orderByGroup} (numGroups + 1 entries, counting sort). */
    final int[] groupStarts(int numGroups) {
        int[] starts = new int[numGroups + 1];
        for (int r = 0; r < used; r++) {
            starts[rowGroups[r] + 1]++;
        }
        for (int g = 0; g < numGroups; g++) {
            starts[g + 1] += starts[g];
        }
        return starts;
    }

    /** The kept rows ordered by group, arrival order inside a group. */
    final int[] orderByGroup(int[] starts, int numGroups) {
        int[] order = new int[used];
        int[] next = Arrays.copyOf(starts, numGroups);
        for (int r = 0; r < used; r++) {
            order[next[rowGroups[r]]++] = r;
        }
        return order;
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        int[] starts = groupStarts(numGroups);
        int[] order = orderByGroup(starts, numGroups);
        ListVector out = (ListVector) DataType.list(elementType).toArrowField("out").createVector(allocator);
        try (FieldVector items = Selection.take(values, elementType, order, allocator)) {
            out.setInitialCapacity(numGroups);
            out.allocateNew();
            while (out.getValueCapacity() < numGroups) {
                out.reAlloc();
            }
            items.makeTransferPair(out.getDataVector()).transfer();
            ArrowBuf offsets = out.getOffsetBuffer();
            ArrowBuf validity = out.getValidityBuffer();
            offsets.setInt(0, 0);
            for (int g = 0; g < numGroups; g++) {
                offsets.setInt((long) (g + 1) * 4, starts[g + 1]);
                if (starts[g + 1] > starts[g] || emptyListWithoutRows) {
                    BitVectorHelper.setBit(validity, g);
                }
            }
            out.setLastSet(numGroups - 1);
            out.setValueCount(numGroups);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public long sizeInBytes() {
        return 4L * rowGroups.length + Cols.bytesHeld(values);
    }

    @Override
    public void close() {
        super.close();
        rowGroups = new int[0];
        values.close();
    }
}
