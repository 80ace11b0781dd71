package dev.floe.operators.source;

import dev.floe.api.plan.FileFormat;
import dev.floe.api.types.Schema;
import dev.floe.formats.BatchReader;
import dev.floe.formats.FileFormatHandler;
import dev.floe.formats.FileRange;
import dev.floe.formats.ScanMetrics;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads file splits of any format (a Parquet file's row groups, the records that start in a byte
 * range of a CSV or JSON-lines file) through the format's {@link FileFormatHandler}, decoding only
 * the read columns the files hold; hive partition columns are filled from the split's directory values.
 *
 * <pre>{@code new FileSplitOpener(new FileFormat.Csv(null), schema, List.of("id", "name"), 65_536, List.of())}</pre>
 *
 * @param sourceSchema the source schema: the files' columns, then the partition columns
 */
public record FileSplitOpener(FileFormat format, Schema sourceSchema, List<String> readColumns, int batchRows,
        List<String> partitionColumns) implements SplitOpener {
    public FileSplitOpener {
        readColumns = List.copyOf(readColumns);
        partitionColumns = partitionColumns == null ? List.of() : List.copyOf(partitionColumns);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        return open(payload, allocator, null);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator, ScanMetrics metrics) {
        FilePayload file = (FilePayload) payload;
        BatchReader reader = FileFormatHandler.of(format).open(
                new FileRange(file.path(), file.start(), file.length(), file.rowGroups()),
                PartitionColumns.fileSchema(sourceSchema, partitionColumns),
                PartitionColumns.fileColumns(readColumns, partitionColumns), batchRows, allocator, metrics);
        return PartitionColumns.append(BatchIterator.of(reader), sourceSchema, readColumns, partitionColumns, file,
                allocator);
    }
}
