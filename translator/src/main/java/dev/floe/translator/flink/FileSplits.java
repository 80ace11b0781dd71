package dev.floe.translator.flink;

import dev.floe.api.CsvOptions;
import dev.floe.api.plan.FileSource;
import dev.floe.formats.FileFormatHandler;
import dev.floe.formats.FileRange;
import dev.floe.formats.ScanMetrics;
import dev.floe.operators.source.FilePayload;
import dev.floe.operators.source.FileSplitOpener;
import dev.floe.operators.source.FloeSplit;
import dev.floe.translator.physical.FileScanPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits for file sources from the pruned {@link FileScanPlan}, as the format plans them
 * ({@link FileFormatHandler#planSplits}): one per kept Parquet row group, and
 * for CSV and JSON lines one per byte range of at most the split size ({@code floe.files.split-size},
 * 64 MiB by default), so one large file keeps every task busy. A text range owns the records that
 * start inside it (see {@code LineRangeInputStream}); CSV files with {@link CsvOptions#multiLine()}
 * are one split each. What pruning skipped is added to the JVM's {@link ScanMetrics} totals.
 *
 * <pre>{@code SourceSplits s = FileSplits.of(source, List.of("id"), plan, 64L << 20); // a 200 MiB CSV: 4 splits}</pre>
 */
final class FileSplits {
    static final int BATCH_ROWS = 65_536;
    /** Default byte size of a CSV / JSON-lines split. */
    static final long DEFAULT_SPLIT_SIZE = 64L << 20;

    private FileSplits() {
    }

    static SourceSplits of(FileSource source, List<String> readColumns, FileScanPlan plan) {
        return of(source, readColumns, plan, DEFAULT_SPLIT_SIZE);
    }

    /** @param splitSize the largest byte range of a CSV / JSON-lines file one split reads (at least 1) */
    static SourceSplits of(FileSource source, List<String> readColumns, FileScanPlan plan, long splitSize) {
        if (splitSize < 1) {
            throw new IllegalArgumentException("floe.files.split-size must be at least 1 byte, got " + splitSize);
        }
        if (plan == null) {
            plan = FileScanPlan.of(source, List.of());
        }
        ScanMetrics skipped = new ScanMetrics();
        skipped.filesSkipped = plan.filesSkipped();
        skipped.rowGroupsSkipped = plan.rowGroupsSkipped();
        skipped.publish();
        FileFormatHandler handler = FileFormatHandler.of(source.format());
        List<String> partitionColumns = source.partitions().names();
        List<FloeSplit> splits = new ArrayList<>();
        int id = 0;
        for (FileScanPlan.Piece piece : plan.pieces()) {
            int i = piece.file();
            List<String> values = source.partitions().isEmpty() ? null : source.partitions().values().get(i);
            for (FileRange r : handler.planSplits(source.files().get(i), source.sizes().get(i), piece.rowGroups(),
                    splitSize)) {
                splits.add(new FloeSplit(source.format().name() + "-" + (id++),
                        new FilePayload(r.path(), r.start(), r.length(), r.rowGroups(), values)));
            }
        }
        return new SourceSplits(splits, new FileSplitOpener(source.format(), source.schema(), readColumns, BATCH_ROWS,
                partitionColumns));
    }
}
