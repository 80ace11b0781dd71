package dev.floe.operators.exchange;

import dev.floe.api.expr.SortKey;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.blocking.SortSpec;
import dev.floe.operators.step.KeyColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A range exchange for a global sort: each input subtask samples its sort keys, one subtask turns
 * the samples into {@code numPartitions - 1} boundaries, and a splitter routes every row to the
 * partition whose range holds its key; a local sort per partition then gives the global order.
 */
public record RangeSpec(Schema inputSchema, List<SortKey> keys, int numPartitions, int samplesPerSubtask)
        implements Serializable {
    public RangeSpec {
        keys = List.copyOf(keys);
    }

    /** The schema of sample and boundary batches: one column per key. */
    public Schema keySchema() {
        KeyColumns k = KeyColumns.bind(new ArrayList<>(keys), inputSchema);
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            fields.add(new Field("k" + i, k.types().get(i)));
        }
        return new Schema(fields);
    }

    public List<Sorting.Order> orders() {
        return SortSpec.orders(keys);
    }

    public String describe() {
        return "RangeSplit: " + keys.stream().map(SortKey::display).collect(Collectors.joining(", ")) + " into "
                + numPartitions;
    }

    /** The key columns of a batch as a new batch of {@link #keySchema()} (copied). */
    RecordBatch keysOf(RecordBatch batch, KeyColumns keyColumns, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>();
        try (KeyColumns.Values v = keyColumns.evaluate(batch, allocator)) {
            int[] all = new int[batch.numRows()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            for (int i = 0; i < v.vectors().size(); i++) {
                out.add(dev.floe.arrow.kernels.Selection.take(v.vectors().get(i), keyColumns.types().get(i), all,
                        allocator));
            }
        }
        return RecordBatch.of(keySchema(), out, batch.numRows());
    }
}
