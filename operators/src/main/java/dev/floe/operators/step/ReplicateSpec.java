package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Selection;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Emits each row {@code count} times without the count column (see
 * {@link dev.floe.api.plan.Replicate}); null or non-positive counts drop the row.
 */
public record ReplicateSpec(Schema inputSchema, String countColumn, Schema outputSchema) implements StepSpec {

    @Override public String describe() { return "Replicate: " + countColumn + " times"; }

    @Override public int managedMemoryWeight() { return 0; }

    @Override public boolean keepsColumns(List<String> columns) { return !columns.contains(countColumn); }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        int countAt = inputSchema.indexOf(countColumn);
        return Step.map(input -> {
            try (input) {
                int[] rows = repeatedRows((BigIntVector) input.vector(countAt), input.numRows(), countColumn);
                return rows.length == 0 ? null : takeExcept(input, inputSchema, countAt, rows, outputSchema, allocator);
            }
        });
    }

    /** Row i repeated counts[i] times (null and non-positive counts: none), in row order. */
    static int[] repeatedRows(BigIntVector counts, int n, String what) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (!counts.isNull(i) && counts.get(i) > 0) {
                total += counts.get(i);
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(what + " repeats the rows of one batch " + total + " times, more than one"
                    + " batch can hold");
        }
        int[] out = new int[(int) total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long c = counts.isNull(i) ? 0 : counts.get(i);
            for (long j = 0; j < c; j++) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The rows at {@code rows} of every column except {@code skip} (-1: none). */
    static RecordBatch takeExcept(RecordBatch input, Schema in, int skip, int[] rows, Schema out,
            BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(out.size());
        try {
            for (int c = 0; c < in.size(); c++) {
                if (c != skip) {
                    vectors.add(Selection.take(input.vector(c), in.field(c).type(), rows, allocator));
                }
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return RecordBatch.of(out, vectors, rows.length);
    }
}
