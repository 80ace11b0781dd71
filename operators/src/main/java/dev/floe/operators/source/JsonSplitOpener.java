package dev.floe.operators.source;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.io.BatchReader;
import dev.floe.arrow.io.JsonFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads newline-delimited JSON splits (whole files) into batches of the read columns, hive
 * partition columns filled from the split.
 * {@code new JsonSplitOpener(schema, List.of("id", "name"), 65_536, List.of())}
 */
public record JsonSplitOpener(Schema fileSchema, List<String> readColumns, int batchRows, List<String> partitionColumns)
        implements SplitOpener {
    public JsonSplitOpener {
        readColumns = List.copyOf(readColumns);
        partitionColumns = partitionColumns == null ? List.of() : List.copyOf(partitionColumns);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        FilePayload file = (FilePayload) payload;
        Schema jsonSchema = partitionColumns.isEmpty() ? fileSchema
                : fileSchema.select(PartitionColumns.fileColumns(fileSchema.names(), partitionColumns));
        BatchReader reader = JsonFormat.read(file.path(), jsonSchema,
                PartitionColumns.fileColumns(readColumns, partitionColumns), batchRows, allocator);
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
