package dev.floe.operators.source;

import dev.floe.api.CsvOptions;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.io.BatchReader;
import dev.floe.arrow.io.CsvFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Reads CSV splits (whole files) into batches of the read columns. */
public record CsvSplitOpener(Schema fileSchema, List<String> readColumns, CsvOptions options, int batchRows)
        implements SplitOpener {
    public CsvSplitOpener {
        readColumns = List.copyOf(readColumns);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        FilePayload file = (FilePayload) payload;
        BatchReader reader = CsvFormat.read(file.path(), fileSchema, readColumns, options, batchRows, allocator);
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
