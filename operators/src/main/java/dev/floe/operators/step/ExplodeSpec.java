package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.NestedKernels;
import dev.floe.arrow.kernels.Selection;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * One output row per list element of {@code columns} (see {@link dev.floe.api.plan.Explode}):
 * the other columns are taken by the repeated row indexes, the exploded ones from their lists'
 * child vectors, and the {@code position} column (when not null) from the elements' places in
 * their lists. An output bigger than the input is emitted as it is; the operator's coalescing and
 * the next exchange bound batch sizes.
 */
public record ExplodeSpec(Schema inputSchema, List<String> columns, Schema outputSchema, String position,
        boolean keepEmpty, String describe) implements StepSpec {
    public ExplodeSpec {
        columns = List.copyOf(columns);
    }

    /** Daft's explode: null and empty lists keep one row, no position column. */
    public ExplodeSpec(Schema inputSchema, List<String> columns, Schema outputSchema) {
        this(inputSchema, columns, outputSchema, null, true, "Explode: " + String.join(", ", columns));
    }

    /** Holds one batch at a time. */
    @Override
    public int managedMemoryWeight() {
        return 0;
    }

    /** Repeats each row once per list element: the columns it does not explode keep their values. */
    @Override
    public boolean keepsColumns(List<String> names) {
        return names.stream().noneMatch(n -> columns.contains(n) || n.equals(position));
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        int[] listIndex = new int[inputSchema.size()];
        java.util.Arrays.fill(listIndex, -1);
        for (int c = 0; c < columns.size(); c++) {
            listIndex[inputSchema.indexOf(columns.get(c))] = c;
        }
        return Step.map(input -> {
            try (input) {
                int n = input.numRows();
                List<ListVector> lists = new ArrayList<>(columns.size());
                for (String c : columns) {
                    lists.add((ListVector) input.vector(inputSchema.indexOf(c)));
                }
                NestedKernels.ExplodePlan plan = NestedKernels.explodePlan(lists, columns, n, keepEmpty);
                if (plan.rows() == 0) {
                    return null;
                }
                List<FieldVector> out = new ArrayList<>(outputSchema.size());
                try {
                    for (int i = 0; i < inputSchema.size(); i++) {
                        int c = listIndex[i];
                        if (c == 0 && position != null) {
                            out.add(NestedKernels.positions(lists.get(0), plan, allocator));
                        }
                        out.add(c < 0
                                ? Selection.take(input.vector(i), inputSchema.field(i).type(), plan.parent(), plan.rows(),
                                        allocator)
                                : NestedKernels.takeOrNull(lists.get(c).getDataVector(), outputSchema.field(out.size()).type(),
                                        plan.element()[c], plan.rows(), allocator));
                    }
                } catch (RuntimeException e) {
                    out.forEach(FieldVector::close);
                    throw e;
                }
                return RecordBatch.of(outputSchema, out, plan.rows());
            }
        });
    }
}
