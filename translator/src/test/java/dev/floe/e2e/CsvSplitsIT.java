package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.CsvOptions;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.api.ParseMode;
import dev.floe.arrow.Table;
import dev.floe.formats.ScanMetrics;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large CSV and JSON-lines files are read in byte ranges by every task: with
 * {@code floe.files.split-size} at 16 KiB a file of a few hundred KiB becomes dozens of splits
 * (counted in {@link ScanMetrics#textSplitsRead}) read at parallelism 4, and an aggregation over it
 * equals DuckDB's over the same file. A quoted line break in such a file fails the job naming the
 * file and {@code multiLine(true)}, which then reads it.
 */
@Timeout(300)
class CsvSplitsIT {
    private static final long SPLIT = 16 * 1024;
    private static final String AGG = "SELECT k, count(*) AS n, sum(id) AS sid, sum(x) AS sx, min(name) AS lo,"
            + " max(name) AS hi, count(name) AS names FROM %s GROUP BY k";

    @TempDir
    static Path dir;
    private static DuckOracle duck;
    private static String csv;
    private static String json;

    @BeforeAll
    static void writeFiles() {
        duck = new DuckOracle();
        csv = dir.resolve("big.csv").toString();
        json = dir.resolve("big.json").toString();
        duck.execute("CREATE TABLE t AS SELECT i::BIGINT AS id, (i % 13)::BIGINT AS k, i * 0.25 AS x,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE 'name, ' || (i % 97) END AS name FROM range(0, 20000) r(i)");
        duck.execute("COPY t TO '" + csv + "' (HEADER, DELIMITER ',')");
        duck.execute("COPY t TO '" + json + "' (FORMAT json)");
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static Floe session() {
        return Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(4)
                .config("floe.files.split-size", SPLIT + "b").build();
    }

    private static List<List<Object>> aggregate(DataFrame df) {
        try (Table t = df.groupBy("k").agg(count().alias("n"), col("id").sum().alias("sid"),
                col("x").sum().alias("sx"), col("name").min().alias("lo"), col("name").max().alias("hi"),
                col("name").count().alias("names")).toTable()) {
            return t.toRows();
        }
    }

    private static long splits(String path) throws IOException {
        return (Files.size(Path.of(path)) + SPLIT - 1) / SPLIT;
    }

    @Test
    void aLargeCsvFileIsReadInByteRangesByEveryTask() throws IOException {
        readInRangesAndCompare(csv, Floe::readCsv, "read_csv('" + csv + "', header = true)");
    }

    @Test
    void aLargeJsonLinesFileIsReadInByteRangesByEveryTask() throws IOException {
        readInRangesAndCompare(json, Floe::readJson, "read_json('" + json + "', format = 'newline_delimited')");
    }

    private static void readInRangesAndCompare(String path, java.util.function.BiFunction<Floe, String[], DataFrame> read,
            String duckSource) throws IOException {
        assertThat(splits(path)).isGreaterThan(8);
        try (Floe floe = session()) {
            ScanMetrics before = ScanMetrics.global();
            List<List<Object>> rows = aggregate(read.apply(floe, new String[] {path}));
            ScanMetrics m = ScanMetrics.global().minus(before);
            assertThat(m.textSplitsRead).as(m.toString()).isEqualTo(splits(path));
            Rows.assertSameRows(rows, duck.query(String.format(AGG, duckSource)));
        }
    }

    @Test
    void aQuotedLineBreakInASplitFileFailsUnlessMultiLine() throws IOException {
        Path p = dir.resolve("multiline.csv");
        StringBuilder sb = new StringBuilder("id,note\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(',').append(i == 3000 ? "\"two\nlines\"" : "note " + i).append('\n');
        }
        Files.writeString(p, sb);
        try (Floe floe = session()) {
            assertThatThrownBy(() -> floe.readCsv(p.toString()).countRows()).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining(p.toString()).hasMessageContaining("multiLine(true)");
            assertThat(floe.readCsv(CsvOptions.builder().multiLine(true).build(), p.toString()).countRows())
                    .isEqualTo(5000);
        }
    }

    @Test
    void permissiveModeReadsMalformedRowsOfASplitFileAsNulls() throws IOException {
        Path p = dir.resolve("messy.csv");
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(',').append(i % 100 == 7 ? "n/a" : Integer.toString(i)).append(i >= 2000 && i % 500 == 9 ? ",x" : "")
                    .append('\n');
        }
        Files.writeString(p, sb);
        CsvOptions permissive = CsvOptions.builder().mode(ParseMode.PERMISSIVE)
                .schemaHints(java.util.Map.of("v", dev.floe.api.types.DataType.int64())).build();
        // the rows with a third field come after the 1000 rows schema inference samples
        try (Floe floe = session()) {
            assertThatThrownBy(() -> floe.readCsv(CsvOptions.builder().schemaHints(
                    java.util.Map.of("v", dev.floe.api.types.DataType.int64())).build(), p.toString()).countRows())
                    .isInstanceOf(ExecutionException.class).hasMessageContaining(p.toString());
            ScanMetrics before = ScanMetrics.global();
            try (Table t = floe.readCsv(permissive, p.toString()).agg(count().alias("n"),
                    col("v").count().alias("values")).toTable()) {
                assertThat(t.toRows()).containsExactly(List.of(5000L, 4950L));
            }
            assertThat(ScanMetrics.global().minus(before).malformedRows).isEqualTo(56);
        }
    }
}
