package dev.floe.operators.source;

import dev.floe.api.CsvOptions;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.io.BatchReader;
import dev.floe.arrow.io.CsvFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Reads CSV splits (whole files) into batches of the read columns, hive partition columns filled from the split. */
public record CsvSplitOpener(Schema fileSchema, List<String> readColumns, CsvOptions options, int batchRows,
        List<String> partitionColumns) implements SplitOpener {
    public CsvSplitOpener {
        readColumns = List.copyOf(readColumns);
        partitionColumns = partitionColumns == null ? List.of() : List.copyOf(partitionColumns);
    }

    public CsvSplitOpener(Schema fileSchema, List<String> readColumns, CsvOptions options, int batchRows) {
        this(fileSchema, readColumns, options, batchRows, List.of());
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        FilePayload file = (FilePayload) payload;
        Schema csvSchema = partitionColumns.isEmpty() ? fileSchema
                : fileSchema.select(PartitionColumns.fileColumns(fileSchema.names(), partitionColumns));
        BatchReader reader = CsvFormat.read(file.path(), csvSchema,
                PartitionColumns.fileColumns(readColumns, partitionColumns), options, batchRows, allocator);
        BatchIterator batches = new BatchIterator() {
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
        return PartitionColumns.append(batches, fileSchema, readColumns, partitionColumns, file, allocator);
    }
}
