package dev.floe.operators.source;

import dev.floe.api.types.Schema;
import dev.floe.formats.BatchReader;
import dev.floe.formats.ParquetFormat;
import dev.floe.formats.ScanMetrics;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads the row groups of a Parquet split, decoding only the read columns that the file holds;
 * hive partition columns are filled from the split's directory values.
 */
public record ParquetSplitOpener(Schema fileSchema, List<String> readColumns, int batchRows,
        List<String> partitionColumns) implements SplitOpener {
    public ParquetSplitOpener {
        readColumns = List.copyOf(readColumns);
        partitionColumns = partitionColumns == null ? List.of() : List.copyOf(partitionColumns);
    }

    public ParquetSplitOpener(Schema fileSchema, List<String> readColumns, int batchRows) {
        this(fileSchema, readColumns, batchRows, List.of());
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        return open(payload, allocator, null);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator, ScanMetrics metrics) {
        FilePayload file = (FilePayload) payload;
        BatchReader reader = ParquetFormat.read(file.path(), fileSchema,
                PartitionColumns.fileColumns(readColumns, partitionColumns), file.rowGroups(), batchRows, allocator,
                metrics);
        return PartitionColumns.append(BatchIterator.of(reader), fileSchema, readColumns, partitionColumns, file,
                allocator);
    }
}
