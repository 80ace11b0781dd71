package dev.floe.formats;

import dev.floe.api.plan.FileFormat;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What Floe does with one file format: infer the schema, prune and plan splits, open a split,
 * write a file.
 * One implementation per {@link FileFormat} record, chosen by {@link #of(FileFormat)} through the
 * format's visitor, so a new format does not compile until it has one.
 *
 * <pre>{@code BatchReader r = FileFormatHandler.of(source.format()).open(range, fileSchema, columns, 65_536, allocator, null);}</pre>
 */
public interface FileFormatHandler {

    /** The schema of the files' own columns (hive partition directories are added by the caller). */
    Schema inferSchema(List<FileEntry> files);

    /**
     * The row groups of a file that statistics cannot rule out, or null when the format has no
     * row groups (the file is read whole, in byte ranges).
     *
     * @param schema    the source schema (file columns plus any partition columns)
     * @param predicate what the scan's filters say that statistics can check, or null
     * @param constants normalized values of the columns constant in this file (hive partitions)
     */
    ParquetFormat.RowGroupSelection selectRowGroups(String path, Schema schema, StatsPredicate predicate,
            Map<String, Object> constants);

    /**
     * The splits of one file of {@code size} bytes: one per kept row group, or byte ranges of at
     * most {@code splitSize} where the format can start reading mid-file.
     *
     * @param rowGroups the row groups kept by {@link #selectRowGroups} (null = the whole file)
     */
    List<FileRange> planSplits(String path, long size, int[] rowGroups, long splitSize);

    /**
     * Opens a split as batches of {@code readColumns} (columns of {@code fileSchema}, in that order).
     *
     * @param metrics counts what the reader does (null = not counted)
     */
    BatchReader open(FileRange range, Schema fileSchema, List<String> readColumns, int batchRows,
            BufferAllocator allocator, ScanMetrics metrics);

    /** Creates the file {@code path} and writes batches of {@code schema} into it. */
    BatchWriter createWriter(String path, Schema schema);

    /** The handler of a format. */
    static FileFormatHandler of(FileFormat format) {
        return format.accept(new FileFormat.Visitor<>() {
            @Override
            public FileFormatHandler parquet(FileFormat.Parquet f) {
                return new ParquetFormat.Handler(f.write());
            }

            @Override
            public FileFormatHandler csv(FileFormat.Csv f) {
                return new CsvFormat.Handler(f.options());
            }

            @Override
            public FileFormatHandler json(FileFormat.Json f) {
                return new JsonFormat.Handler(f.options());
            }
        });
    }

    /** Byte ranges of at most {@code splitSize} covering a file (one range when it is not larger). */
    static List<FileRange> byteRanges(String path, long size, long splitSize) {
        if (size <= splitSize) {
            return List.of(new FileRange(path, 0, size, null));
        }
        List<FileRange> out = new java.util.ArrayList<>();
        for (long start = 0; start < size; start += splitSize) {
            out.add(new FileRange(path, start, Math.min(splitSize, size - start), null));
        }
        return out;
    }
}
