package dev.floe.operators.source;

import dev.floe.api.JsonOptions;
import dev.floe.api.types.Schema;
import dev.floe.formats.BatchReader;
import dev.floe.formats.JsonFormat;
import dev.floe.formats.ScanMetrics;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads newline-delimited JSON splits (a whole file, or the lines that start in a byte range of
 * one, see {@link JsonFormat}) into batches of the read columns, hive partition columns filled from
 * the split.
 * {@code new JsonSplitOpener(schema, List.of("id", "name"), JsonOptions.defaults(), 65_536, List.of())}
 */
public record JsonSplitOpener(Schema fileSchema, List<String> readColumns, JsonOptions options, int batchRows,
        List<String> partitionColumns) implements SplitOpener {
    public JsonSplitOpener {
        readColumns = List.copyOf(readColumns);
        options = options == null ? JsonOptions.defaults() : options;
        partitionColumns = partitionColumns == null ? List.of() : List.copyOf(partitionColumns);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        return open(payload, allocator, null);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator, ScanMetrics metrics) {
        FilePayload file = (FilePayload) payload;
        BatchReader reader = JsonFormat.read(file.path(), file.start(), file.length(),
                PartitionColumns.fileSchema(fileSchema, partitionColumns),
                PartitionColumns.fileColumns(readColumns, partitionColumns), options, batchRows, allocator, metrics);
        return PartitionColumns.append(BatchIterator.of(reader), fileSchema, readColumns, partitionColumns, file,
                allocator);
    }
}
