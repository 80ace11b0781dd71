package dev.floe.operators.source;

import dev.floe.api.types.Schema;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Decodes in-memory batches and keeps only the read columns. */
public record MemorySplitOpener(Schema sourceSchema, List<String> readColumns) implements SplitOpener {
    public MemorySplitOpener {
        readColumns = List.copyOf(readColumns);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        Iterator<EncodedBatch> it = ((MemoryPayload) payload).batches().iterator();
        Schema readSchema = sourceSchema.select(readColumns);
        int[] indexes = readColumns.stream().mapToInt(sourceSchema::indexOf).toArray();
        return new BatchIterator() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public RecordBatch next() {
                RecordBatch full = BatchCodec.decode(it.next(), sourceSchema, allocator);
                if (indexes.length == sourceSchema.size() && readSchema.equals(sourceSchema)) {
                    return full;
                }
                return keepColumns(full, indexes, readSchema);
            }

            @Override
            public void close() {
            }
        };
    }

    /** Moves the chosen vectors (distinct indexes) into a new batch and frees the rest. */
    static RecordBatch keepColumns(RecordBatch full, int[] indexes, Schema readSchema) {
        List<FieldVector> kept = new ArrayList<>(indexes.length);
        boolean[] used = new boolean[full.numColumns()];
        for (int i : indexes) {
            used[i] = true;
            kept.add(full.vector(i));
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                full.vector(i).close();
            }
        }
        return RecordBatch.of(readSchema, kept, full.numRows());
    }
}
