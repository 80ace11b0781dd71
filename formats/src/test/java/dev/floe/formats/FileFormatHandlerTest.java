package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.CsvOptions;
import dev.floe.api.plan.FileFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each format plans its own splits: byte ranges where a reader can start mid-file, else whole pieces. */
class FileFormatHandlerTest {

    private static List<String> ranges(FileFormat format, long size, int[] rowGroups, long splitSize) {
        return FileFormatHandler.of(format).planSplits("f", size, rowGroups, splitSize).stream()
                .map(r -> r.start() + "+" + r.length() + (r.rowGroups() == null ? "" : " rg" + r.rowGroups()[0]))
                .toList();
    }

    @Test
    void textFormatsSplitIntoByteRangesOfAtMostTheSplitSize() {
        assertThat(ranges(new FileFormat.Csv(null), 250, null, 100)).containsExactly("0+100", "100+100", "200+50");
        assertThat(ranges(new FileFormat.Json(null), 200, null, 100)).containsExactly("0+100", "100+100");
        assertThat(ranges(new FileFormat.Csv(null), 100, null, 100)).containsExactly("0+100");
    }

    @Test
    void multiLineCsvAndParquetRowGroupsAreReadWhole() {
        assertThat(ranges(new FileFormat.Csv(CsvOptions.builder().multiLine(true).build()), 250, null, 100))
                .containsExactly("0+250");
        assertThat(ranges(new FileFormat.Parquet(), 250, new int[] {3}, 100)).containsExactly("0+250 rg3");
    }

    @Test
    void onlyParquetHasRowGroupsToPrune() {
        assertThat(FileFormatHandler.of(new FileFormat.Csv(null)).selectRowGroups("f", null, null, null)).isNull();
        assertThat(FileFormatHandler.of(new FileFormat.Json(null)).selectRowGroups("f", null, null, null)).isNull();
    }
}
