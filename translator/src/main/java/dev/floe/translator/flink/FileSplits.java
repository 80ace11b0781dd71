package dev.floe.translator.flink;

import dev.floe.api.CsvOptions;
import dev.floe.api.plan.FileSource;
import dev.floe.arrow.io.ScanMetrics;
import dev.floe.operators.source.CsvSplitOpener;
import dev.floe.operators.source.FilePayload;
import dev.floe.operators.source.FloeSplit;
import dev.floe.operators.source.JsonSplitOpener;
import dev.floe.operators.source.ParquetSplitOpener;
import dev.floe.translator.physical.FileScanPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits for file sources from the pruned {@link FileScanPlan}: one per CSV file, one per kept
 * Parquet row group. What pruning skipped is added to the JVM's {@link ScanMetrics} totals.
 */
final class FileSplits {
    static final int BATCH_ROWS = 65_536;

    private FileSplits() {
    }

    static SourceSplits of(FileSource source, List<String> readColumns, FileScanPlan plan) {
        if (plan == null) {
            plan = FileScanPlan.of(source, List.of());
        }
        ScanMetrics skipped = new ScanMetrics();
        skipped.filesSkipped = plan.filesSkipped();
        skipped.rowGroupsSkipped = plan.rowGroupsSkipped();
        skipped.publish();
        List<String> partitionColumns = source.partitions().names();
        List<FloeSplit> splits = new ArrayList<>();
        int id = 0;
        for (FileScanPlan.Piece piece : plan.pieces()) {
            int i = piece.file();
            List<String> values = source.partitions().isEmpty() ? null : source.partitions().values().get(i);
            splits.add(new FloeSplit(source.format() + "-" + (id++),
                    new FilePayload(source.files().get(i), 0, source.sizes().get(i), piece.rowGroups(), values)));
        }
        return switch (source.format()) {
            case "csv" -> new SourceSplits(splits, new CsvSplitOpener(source.schema(), readColumns,
                    (CsvOptions) source.options(), BATCH_ROWS, partitionColumns));
            case "parquet" -> new SourceSplits(splits, new ParquetSplitOpener(source.schema(), readColumns, BATCH_ROWS,
                    partitionColumns));
            case "json" -> new SourceSplits(splits, new JsonSplitOpener(source.schema(), readColumns, BATCH_ROWS,
                    partitionColumns));
            default -> throw new IllegalArgumentException("Unknown file format " + source.format());
        };
    }
}
