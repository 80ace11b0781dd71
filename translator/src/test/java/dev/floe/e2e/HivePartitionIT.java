package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.formats.ScanMetrics;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive partition discovery on read: data written by {@code writeParquet(dir, keys...)} reads back
 * with the keys as typed columns (int64, date, string; the null partition as null), equal to
 * DuckDB's {@code read_parquet(..., hive_partitioning = true)}; filters on keys skip whole files
 * (counted) before the job starts.
 */
class HivePartitionIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> columns;
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        columns = TestData.create(duck);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    private static String hive(String out) {
        return "read_parquet('" + out + "/**/*.parquet', hive_partitioning = true)";
    }

    @Test
    void stringKeysBecomeColumnsAndPruneFiles() {
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("by-status").toString();
            run(floe.fromColumns(columns).writeParquet(out, "status"));
            DataFrame back = floe.readParquet(out);
            assertThat(back.columnNames()).containsExactly("id", "price", "odate", "qty", "amount", "flag", "status");
            assertThat(back.schema().find("status").orElseThrow().type()).isEqualTo(DataType.string());
            String cols = "id, price, odate, qty, amount, flag, status";
            Rows.assertSameRows(run(back), duck.query("SELECT " + cols + " FROM t"));
            Rows.assertSameRows(run(back), duck.query("SELECT " + cols + " FROM " + hive(out)));

            ScanMetrics before = ScanMetrics.global();
            List<List<Object>> f = run(floe.readParquet(out).where(col("status").eq("F").and(col("qty").gt(0)))
                    .select("id", "qty", "status"));
            ScanMetrics m = ScanMetrics.global().minus(before);
            Rows.assertSameRows(f, duck.query("SELECT id, qty, status FROM " + hive(out) + " WHERE status = 'F' AND qty > 0"));
            // four partitions (F, O, P, null): only F's files are read
            assertThat(m.filesSkipped).as(m.toString()).isGreaterThan(0);
            assertThat(m.rowsRead).isEqualTo(run(floe.readParquet(out).where(col("status").eq("F")).select("id")).size());

            before = ScanMetrics.global();
            List<List<Object>> nulls = run(floe.readParquet(out).where(col("status").isNull()).select("id", "status"));
            m = ScanMetrics.global().minus(before);
            Rows.assertSameRows(nulls, duck.query("SELECT id, status FROM t WHERE status IS NULL"));
            assertThat(m.filesSkipped).isGreaterThan(0);

            // the partition column alone: no column of the files is decoded
            Rows.assertSameRows(run(floe.readParquet(out).select("status")), duck.query("SELECT status FROM t"));
            assertThat(floe.readParquet(out).where(col("status").isIn("O", "P")).explain(true))
                    .contains("partitioned by status").contains("pruning=[status IN ('O', 'P')]")
                    .containsPattern("files: \\d+ of \\d+ skipped");
        }
    }

    @Test
    void integerAndDateKeysAreTyped() {
        List<Object> y = new ArrayList<>();
        List<Object> day = new ArrayList<>();
        List<Object> v = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            y.add(i % 7 == 0 ? null : (long) (2020 + i % 3));
            day.add(LocalDate.of(2024, 1, 1).plusDays(i % 5));
            v.add(i % 11 == 0 ? null : (long) i);
        }
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("y", y);
        data.put("day", day);
        data.put("v", v);
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("by-year-day").toString();
            run(floe.fromColumns(data).writeParquet(out, "y", "day"));
            DataFrame back = floe.readParquet(out);
            assertThat(back.columnNames()).containsExactly("v", "y", "day");
            assertThat(back.schema().find("y").orElseThrow().type()).isEqualTo(DataType.int64());
            assertThat(back.schema().find("day").orElseThrow().type()).isEqualTo(DataType.date());
            Rows.assertSameRows(run(back), duck.query("SELECT v, y, day FROM " + hive(out)));

            ScanMetrics before = ScanMetrics.global();
            List<List<Object>> rows = run(back.where(col("y").ge(2021L).and(col("day").between(
                    LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3)))));
            ScanMetrics m = ScanMetrics.global().minus(before);
            Rows.assertSameRows(rows, duck.query("SELECT v, y, day FROM " + hive(out)
                    + " WHERE y >= 2021 AND day BETWEEN DATE '2024-01-02' AND DATE '2024-01-03'"));
            assertThat(m.filesSkipped).as(m.toString()).isGreaterThan(0);
        }
    }

    @Test
    void csvPartitionsToo() {
        try (Floe floe = SharedCluster.floe(2)) {
            String out = dir.resolve("csv-by-status").toString();
            run(floe.fromColumns(columns).select("id", "qty", "status").writeCsv(out, "status"));
            DataFrame back = floe.readCsv(out);
            assertThat(back.columnNames()).containsExactly("id", "qty", "status");
            Rows.assertSameRows(run(back.where(col("status").eq("O"))),
                    duck.query("SELECT id, qty, status FROM t WHERE status = 'O'"));
        }
    }
}
