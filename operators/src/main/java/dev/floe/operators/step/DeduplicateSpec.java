package dev.floe.operators.step;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.GroupTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Emits the first row of each distinct key it sees (nulls equal, NaN equal, -0.0 like 0.0) and
 * drops later ones, streaming: the state is the keys seen so far in a {@link GroupTable} (no spill).
 * Run once where the rows are and once after the hash exchange on the keys: {@code dropDuplicates}.
 */
public record DeduplicateSpec(Schema inputSchema, List<String> keys, String describe) implements StepSpec {
    public DeduplicateSpec {
        keys = List.copyOf(keys);
    }

    @Override public Schema outputSchema() { return inputSchema; }

    /** The key table grows with the distinct keys. */
    @Override public int managedMemoryWeight() { return BLOCKING_WEIGHT; }

    /** Emits input rows unchanged. */
    @Override public boolean keepsColumns(List<String> columns) { return true; }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        int[] at = new int[keys.size()];
        List<DataType> types = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            at[k] = inputSchema.indexOf(keys.get(k));
            types.add(inputSchema.field(at[k]).type());
        }
        GroupTable seen = new GroupTable(types, allocator);
        return new Step() {
            @Override
            public void push(RecordBatch input, Emitter out) {
                int n = input.numRows();
                int[] rows = new int[n];
                int k = 0;
                try {
                    List<FieldVector> keyVectors = new ArrayList<>(at.length);
                    for (int c : at) {
                        keyVectors.add(input.vector(c));
                    }
                    int next = seen.numGroups();
                    int[] ids = seen.insert(keyVectors, n);
                    // ids are dense in first-seen order: a row opens a new group when its id is the next one
                    for (int i = 0; i < n; i++) {
                        if (ids[i] == next) {
                            rows[k++] = i;
                            next++;
                        }
                    }
                } catch (RuntimeException e) {
                    input.close();
                    throw e;
                }
                if (k == n) {
                    out.emit(input);
                    return;
                }
                RecordBatch kept;
                try (input) {
                    if (k == 0) {
                        return;
                    }
                    kept = ReplicateSpec.takeExcept(input, inputSchema, -1, java.util.Arrays.copyOf(rows, k),
                            inputSchema, allocator);
                }
                out.emit(kept);
            }

            @Override public long memoryInUse() { return seen.sizeInBytes(); }

            @Override public void close() { seen.close(); }
        };
    }
}
