package dev.floe.operators.source;

import dev.floe.api.CsvOptions;
import dev.floe.api.types.Schema;
import dev.floe.formats.BatchReader;
import dev.floe.formats.CsvFormat;
import dev.floe.formats.ScanMetrics;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads CSV splits (a whole file, or the records that start in a byte range of one, see
 * {@link CsvFormat}) into batches of the read columns, hive partition columns filled from the split.
 * {@code new CsvSplitOpener(schema, List.of("id", "name"), CsvOptions.defaults(), 65_536)}
 */
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
        return open(payload, allocator, null);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator, ScanMetrics metrics) {
        FilePayload file = (FilePayload) payload;
        BatchReader reader = CsvFormat.read(file.path(), file.start(), file.length(),
                PartitionColumns.fileSchema(fileSchema, partitionColumns),
                PartitionColumns.fileColumns(readColumns, partitionColumns), options, batchRows, allocator, metrics);
        return PartitionColumns.append(BatchIterator.of(reader), fileSchema, readColumns, partitionColumns, file,
                allocator);
    }
}
