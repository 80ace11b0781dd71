package dev.floe.operators.testing;

import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Test data kept as Java rows (for the reference computation) and cut into batches (for the steps). */
public final class TestBatches {
    private TestBatches() {
    }

    /** Rows {@code [from, to)} of {@code rows} as one batch of {@code schema}. */
    public static RecordBatch batch(Schema schema, List<List<Object>> rows, int from, int to, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Field f = schema.field(c);
            List<Object> values = new ArrayList<>(to - from);
            for (int r = from; r < to; r++) {
                values.add(rows.get(r).get(c));
            }
            vectors.add(Values.toVector(f.name(), f.type(), values, allocator));
        }
        return RecordBatch.of(schema, vectors, to - from);
    }

    /** Feeds {@code rows} to the harness in batches of {@code batchRows}. */
    public static void pushAll(StepHarness h, Schema schema, List<List<Object>> rows, int batchRows,
            BufferAllocator allocator) {
        for (int from = 0; from < rows.size(); from += batchRows) {
            h.push(batch(schema, rows, from, Math.min(rows.size(), from + batchRows), allocator));
        }
    }

    /** Rows as sortable text, for comparing multisets of rows. */
    public static List<String> sortedText(List<List<Object>> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            out.add(String.valueOf(r));
        }
        out.sort(null);
        return out;
    }
}
