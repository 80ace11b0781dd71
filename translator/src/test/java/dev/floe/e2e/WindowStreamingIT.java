package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.denseRank;
import static dev.floe.api.Functions.firstValue;
import static dev.floe.api.Functions.lag;
import static dev.floe.api.Functions.lead;
import static dev.floe.api.Functions.rank;
import static dev.floe.api.Functions.rowNumber;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.JobReport;
import dev.floe.api.Window;
import dev.floe.api.WindowSpec;
import dev.floe.api.WriteMode;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.SharedCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One window partition of 500,000 rows ({@code -Dfloe.it.window-rows=2000000} for two million)
 * under a 1 MB operator budget streams through the window step with ranks, lag/lead, a running
 * count and bounded ROWS frames: the sort spills, the window step holds a few hundred KiB at most
 * (the partition's columns are ~12 MB), and the result equals DuckDB's, compared by DuckDB itself
 * over the Parquet files Floe wrote (EXCEPT ALL both ways).
 */
class WindowStreamingIT {
    private static final long ROWS = Long.getLong("floe.it.window-rows", 500_000);
    @TempDir
    static Path dir;
    private static DuckOracle duck;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    @Test
    void aHalfMillionRowPartitionStreamsThroughBoundedFramesAtOneMegabyte() {
        String input = dir.resolve("input.parquet").toString();
        // k has ties (20 rows per key); id breaks them, so that every function has one right answer
        duck.execute("COPY (SELECT i::BIGINT AS id, ((i * 7919) % " + (ROWS / 20) + ")::BIGINT AS k,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 104729) % 1000003) - 500000 END::BIGINT AS v"
                + " FROM range(0, " + ROWS + ") r(i)) TO '" + input + "' (FORMAT parquet)");
        String output = dir.resolve("floe-out").toString();
        WindowSpec w = Window.orderBy(col("k"), col("id"));
        JobReport job;
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.operator.memory-budget", "1mb").build()) {
            floe.readParquet(input).select(col("id"), rowNumber().over(w).alias("rn"), rank().over(w).alias("r"),
                    denseRank().over(w).alias("dr"), lag(col("v"), 3).over(w).alias("lag3"),
                    lead(col("v"), 2).over(w).alias("lead2"), col("v").count().over(w).alias("running"),
                    col("v").sum().over(w.rowsBetween(-5, 3)).alias("around"),
                    col("v").min().over(w.rowsBetween(-2, 2)).alias("low"),
                    firstValue(col("v")).over(w.rowsBetween(-3, 0)).alias("first3"))
                    .writeParquet(output, WriteMode.OVERWRITE);
            job = floe.lastJob();
        }
        String expected = "SELECT id, row_number() OVER w AS rn, rank() OVER w AS r, dense_rank() OVER w AS dr,"
                + " lag(v, 3) OVER w AS lag3, lead(v, 2) OVER w AS lead2, count(v) OVER w AS running,"
                + " sum(v) OVER (w ROWS BETWEEN 5 PRECEDING AND 3 FOLLOWING) AS around,"
                + " min(v) OVER (w ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS low,"
                + " first_value(v) OVER (w ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS first3"
                + " FROM read_parquet('" + input + "') WINDOW w AS (ORDER BY k, id)";
        String floeRows = "SELECT id, rn, r, dr, lag3, lead2, running, around::BIGINT, low, first3"
                + " FROM read_parquet('" + output + "/**/*.parquet')";
        assertThat(duck.query("SELECT count(*) FROM (" + floeRows + ")").get(0).get(0)).isEqualTo(ROWS);
        assertThat(duck.query("SELECT count(*) FROM (" + floeRows + " EXCEPT ALL SELECT id, rn, r, dr, lag3, lead2,"
                + " running, around::BIGINT, low, first3 FROM (" + expected + "))").get(0).get(0))
                .as("Floe's rows that DuckDB does not have").isEqualTo(0L);
        assertThat(duck.query("SELECT count(*) FROM (SELECT id, rn, r, dr, lag3, lead2, running, around::BIGINT, low,"
                + " first3 FROM (" + expected + ") EXCEPT ALL " + floeRows + ")").get(0).get(0))
                .as("DuckDB's rows that Floe does not have").isEqualTo(0L);

        JobReport.Step window = job.step("Window:");
        JobReport.Stage stage = job.stage("Window:");
        long partitionBytes = ROWS * 3 * 8;
        System.out.printf("window streaming: %,d rows in one partition at a 1 MB budget: the stage spilled %,d bytes"
                        + " in %d files; the window step held at most %,d bytes (the partition's columns are ~%,d bytes)%n",
                ROWS, stage.spillBytes(), stage.spillFiles(), window.peakMemory(), partitionBytes);
        assertThat(window.rowsIn()).isEqualTo(ROWS);
        assertThat(window.rowsOut()).isEqualTo(ROWS);
        assertThat(stage.spillBytes()).as("the sort before the window spilled").isGreaterThan(1L << 20);
        assertThat(window.peakMemory()).as("bytes the window step held at most").isPositive()
                .isLessThan(partitionBytes / 10);
    }
}
