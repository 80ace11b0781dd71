package dev.floe.translator.flink;

import dev.floe.api.CsvOptions;
import dev.floe.api.plan.FileSource;
import dev.floe.operators.source.CsvSplitOpener;
import dev.floe.operators.source.FilePayload;
import dev.floe.operators.source.FloeSplit;
import dev.floe.operators.source.ParquetSplitOpener;
import java.util.ArrayList;
import java.util.List;

/** Splits for file sources: one per CSV file, one per Parquet row group. */
final class FileSplits {
    static final int BATCH_ROWS = 65_536;

    private FileSplits() {
    }

    static SourceSplits of(FileSource source, List<String> readColumns) {
        List<FloeSplit> splits = new ArrayList<>();
        switch (source.format()) {
            case "csv" -> {
                for (int i = 0; i < source.files().size(); i++) {
                    splits.add(new FloeSplit("csv-" + i,
                            new FilePayload(source.files().get(i), 0, source.sizes().get(i), null)));
                }
                return new SourceSplits(splits, new CsvSplitOpener(source.schema(), readColumns,
                        (CsvOptions) source.options(), BATCH_ROWS));
            }
            case "parquet" -> {
                int id = 0;
                for (int i = 0; i < source.files().size(); i++) {
                    for (int[] groups : dev.floe.arrow.io.ParquetFormat.rowGroupSplits(source.files().get(i))) {
                        splits.add(new FloeSplit("parquet-" + (id++),
                                new FilePayload(source.files().get(i), 0, source.sizes().get(i), groups)));
                    }
                }
                return new SourceSplits(splits, new ParquetSplitOpener(source.schema(), readColumns, BATCH_ROWS));
            }
            default -> throw new IllegalArgumentException("Unknown file format " + source.format());
        }
    }
}
