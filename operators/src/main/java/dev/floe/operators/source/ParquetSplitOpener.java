package dev.floe.operators.source;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.io.BatchReader;
import dev.floe.arrow.io.ParquetFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Reads the row groups of a Parquet split, decoding only the read columns. */
public record ParquetSplitOpener(Schema fileSchema, List<String> readColumns, int batchRows) implements SplitOpener {
    public ParquetSplitOpener {
        readColumns = List.copyOf(readColumns);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        FilePayload file = (FilePayload) payload;
        BatchReader reader = ParquetFormat.read(file.path(), fileSchema, readColumns, file.rowGroups(), batchRows,
                allocator, null);
        return new BatchIterator() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public RecordBatch next() {
                return reader.next();
            }

            @Override
            public void close() throws Exception {
                reader.close();
            }
        };
    }
}
