package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import dev.floe.formats.ScanMetrics;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushdown into Parquet scans, proven by counters: a file of ~100 row groups sorted by date, written
 * by DuckDB; a narrow date range reads only the row groups its statistics allow (the skipped ones
 * never become splits), a one-column query decodes one column chunk per row group and reads a
 * fraction of the bytes, and every answer equals DuckDB's over the same file.
 */
class ParquetPushdownIT {
    private static final int ROWS = 200_000;
    @TempDir
    static Path dir;
    private static DuckOracle duck;
    private static String file;

    @BeforeAll
    static void writeSortedFile() {
        duck = new DuckOracle();
        file = dir.resolve("events.parquet").toString();
        duck.execute("""
                COPY (SELECT
                  CASE WHEN i % 97 = 0 THEN NULL ELSE i END::BIGINT AS id,
                  DATE '2020-01-01' + (i / 80)::INTEGER AS d,
                  CASE WHEN i % 23 = 0 THEN NULL ELSE ((i % 100000)::DECIMAL(15,2) / 100)::DECIMAL(15,2) END AS amount,
                  CASE WHEN i % 13 = 0 THEN NULL WHEN i % 3 = 0 THEN 'F' WHEN i % 3 = 1 THEN 'O' ELSE 'P' END AS status,
                  CASE WHEN i % 19 = 0 THEN NULL ELSE (i % 1000)::INTEGER - 500 END::INTEGER AS qty
                  FROM range(0, ROWS) r(i) ORDER BY d, i)
                TO 'FILE' (FORMAT parquet, ROW_GROUP_SIZE 2048)
                """.replace("ROWS", Integer.toString(ROWS)).replace("FILE", file));
        duck.execute("CREATE OR REPLACE VIEW events AS SELECT * FROM read_parquet('" + file + "')");
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

    @Test
    void aNarrowDateRangeSkipsMostRowGroups() {
        try (Floe floe = SharedCluster.floe(4)) {
            LocalDate from = LocalDate.of(2021, 3, 1);
            LocalDate to = LocalDate.of(2021, 3, 4);
            DataFrame q = floe.readParquet(file).where(col("d").between(from, to)).select("id", "d", "amount", "status");
            ScanMetrics before = ScanMetrics.global();
            List<List<Object>> rows = run(q);
            ScanMetrics m = ScanMetrics.global().minus(before);

            Rows.assertSameRows(rows, duck.query(
                    "SELECT id, d, amount, status FROM events WHERE d BETWEEN DATE '2021-03-01' AND DATE '2021-03-04'"));
            long total = m.rowGroupsRead + m.rowGroupsSkipped;
            assertThat(total).as("row groups in the file").isGreaterThanOrEqualTo(90);
            assertThat(m.rowGroupsRead).as("row groups read for 4 of 2500 days").isBetween(1L, 3L);
            assertThat(m.rowGroupsSkipped).isGreaterThanOrEqualTo(total - 3);
            // four columns: d for the filter and the three others selected, nothing else decoded
            assertThat(m.columnsDecoded).isEqualTo(4 * m.rowGroupsRead);
            assertThat(m.rowsRead).isLessThanOrEqualTo(3 * 2048);

            String explain = q.explain(true);
            System.out.println(explain);
            assertThat(explain).contains("pruning=[d >= 2021-03-01 AND d <= 2021-03-04]")
                    .contains("columns=[id, d, amount, status]")
                    .contains("row groups: " + m.rowGroupsSkipped + " of " + total + " skipped")
                    .contains("Filter: d BETWEEN 2021-03-01 AND 2021-03-04");
        }
    }

    @Test
    void comparisonsAndInListsPruneOnEveryType() {
        try (Floe floe = SharedCluster.floe(4)) {
            record Case(DataFrame df, String sql, double minSkipped) {
            }
            DataFrame events = floe.readParquet(file);
            List<Case> cases = List.of(
                    new Case(events.where(col("id").ge(199_000L)).select("id", "qty"),
                            "SELECT id, qty FROM events WHERE id >= 199000", 0.95),
                    new Case(events.where(col("id").lt(1000).and(col("qty").notNull())).select("id", "qty"),
                            "SELECT id, qty FROM events WHERE id < 1000 AND qty IS NOT NULL", 0.95),
                    new Case(events.where(col("d").isIn(LocalDate.of(2020, 1, 2), LocalDate.of(2027, 1, 1)))
                            .select("id", "d"), "SELECT id, d FROM events WHERE d IN (DATE '2020-01-02', DATE '2027-01-01')",
                            0.95),
                    new Case(events.where(col("d").gt(LocalDate.of(2027, 1, 1)).or(col("d").eq(LocalDate.of(2022, 6, 1))))
                            .select("id", "amount"),
                            "SELECT id, amount FROM events WHERE d > DATE '2027-01-01' OR d = DATE '2022-06-01'", 0.95),
                    // amounts cycle through every row group: statistics cannot help, nothing is skipped
                    new Case(events.where(col("amount").gt(new BigDecimal("999.00"))).select("id", "amount"),
                            "SELECT id, amount FROM events WHERE amount > 999.00", 0.0),
                    // a range beyond the data: every row group skipped, an empty result
                    new Case(events.where(col("d").lt(LocalDate.of(2019, 1, 1))).select("id"),
                            "SELECT id FROM events WHERE d < DATE '2019-01-01'", 1.0));
            for (Case c : cases) {
                ScanMetrics before = ScanMetrics.global();
                List<List<Object>> rows = run(c.df());
                ScanMetrics m = ScanMetrics.global().minus(before);
                Rows.assertSameRowsAllowEmpty(rows, duck.query(c.sql()));
                double share = (double) m.rowGroupsSkipped / (m.rowGroupsSkipped + m.rowGroupsRead);
                assertThat(share).as(c.sql() + ": " + m).isGreaterThanOrEqualTo(c.minSkipped());
            }
        }
    }

    /**
     * Each split reads the file's footer, which for ~100 row groups outweighs a small column chunk,
     * so bytes are compared on a copy with DuckDB's default row groups (two in the file).
     */
    @Test
    void oneColumnDecodesOneChunkPerRowGroupAndReadsFewerBytes() {
        String big = dir.resolve("events-big-groups.parquet").toString();
        duck.execute("COPY (SELECT * FROM events) TO '" + big + "' (FORMAT parquet)");
        try (Floe floe = SharedCluster.floe(4)) {
            ScanMetrics before = ScanMetrics.global();
            List<List<Object>> all = run(floe.readParquet(big));
            ScanMetrics full = ScanMetrics.global().minus(before);
            before = ScanMetrics.global();
            List<List<Object>> one = run(floe.readParquet(big).select("status"));
            ScanMetrics narrow = ScanMetrics.global().minus(before);

            assertThat(all).hasSize(ROWS);
            Rows.assertSameRows(one, duck.query("SELECT status FROM events"));
            assertThat(full.columnsDecoded).isEqualTo(5 * full.rowGroupsRead);
            assertThat(narrow.columnsDecoded).isEqualTo(narrow.rowGroupsRead);
            assertThat(narrow.bytesRead).as(narrow + " vs " + full).isLessThan(full.bytesRead / 3);
        }
    }
}
