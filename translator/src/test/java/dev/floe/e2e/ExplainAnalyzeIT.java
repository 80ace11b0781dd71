package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Format;
import dev.floe.api.JobReport;
import dev.floe.arrow.Table;
import dev.floe.formats.ScanMetrics;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.SharedCluster;
import dev.floe.translator.explain.StageFigures;
import dev.floe.translator.progress.RowEstimate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explainAnalyze() and floe.lastJob() on the MiniCluster, against inputs whose figures are known
 * by construction: a filter that keeps exactly 1,234 of 10,000 rows, a sort forced to spill under
 * a lowered memory budget, and Parquet scans whose skipped row groups and files DuckDB counts from
 * the files' own metadata.
 */
class ExplainAnalyzeIT {
    private static final int ROWS = 10_000;
    private static final int KEEP = 1_234;
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

    private static Map<String, List<?>> ids(int n) {
        List<Long> id = new ArrayList<>(n);
        List<String> s = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // a permutation of 0..n-1, so that every subtask's share holds kept and dropped rows
            long v = (i * 7919L) % n;
            id.add(v);
            s.add("row-" + v);
        }
        Map<String, List<?>> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("s", s);
        return m;
    }

    @Test
    void aFilterKeeping1234Of10000RowsShowsThoseCounts() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame q = floe.fromColumns(ids(ROWS)).where(col("id").lt(lit((long) KEEP)));
            String text = q.explainAnalyze();
            System.out.println(text);
            assertThat(text).startsWith("== Physical Plan (analyzed) ==")
                    .contains("rows=" + KEEP)
                    .containsPattern("\\| \\d+ Filter: id < " + KEEP + "  rows_in=" + ROWS + " rows_out=" + KEEP + " ");

            JobReport job = floe.lastJob();
            assertThat(job.action()).isEqualTo("explainAnalyze");
            assertThat(job.rows()).isEqualTo(KEEP);
            assertThat(job.jobName()).startsWith("Floe explainAnalyze at ExplainAnalyzeIT.java:");
            assertThat(job.webUi()).contains("/#/job/completed/" + job.jobId());
            JobReport.Step filter = job.step("Filter:");
            assertThat(filter.rowsIn()).isEqualTo(ROWS);
            assertThat(filter.rowsOut()).isEqualTo(KEEP);
            assertThat(filter.batchesIn()).isPositive();
            assertThat(filter.cpuNanos()).as("the filter's CPU time").isPositive()
                    .isLessThanOrEqualTo(filter.timeNanos() + 1_000_000L * scan(job).parallelism());
            assertThat(text).containsPattern("Filter: id < " + KEEP + "  rows_in=.* time=[0-9.]+ m?s cpu=[0-9.]+ m?s");
            JobReport.Stage scan = job.stage("Filter:");
            assertThat(scan.parallelism()).isEqualTo(4);
            assertThat(scan.rowsPerSubtask()).hasSize(4);
            assertThat(scan.rowsPerSubtask().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
            // readers pull splits from one queue, so a subtask may read none: the skew is real, only its order is fixed
            assertThat(scan.minRows()).isLessThanOrEqualTo(scan.medianRows());
            assertThat(scan.maxRows()).isGreaterThanOrEqualTo(scan.medianRows());
            assertThat(scan.rowsOut()).isEqualTo(KEEP);
            assertThat(scan.bytesOut()).isPositive();
        }
    }

    private static JobReport.Stage scan(JobReport job) {
        return job.stage("Filter:");
    }

    @Test
    void everyActionLeavesAReportWithTheUsersLine() {
        try (Floe floe = SharedCluster.floe(2)) {
            assertThat(floe.lastJob()).isNull();
            DataFrame df = floe.fromColumns(ids(1000));
            assertThat(df.where(col("id").ge(lit(900L))).countRows()).isEqualTo(100);
            JobReport job = floe.lastJob();
            assertThat(job.action()).isEqualTo("countRows");
            assertThat(job.jobName()).startsWith("Floe countRows at ExplainAnalyzeIT.java:");
            assertThat(job.duration()).isPositive();
            assertThat(job.step("Filter:").rowsOut()).isEqualTo(100);
        }
    }

    /**
     * Streamed results report their job too: once the stream is consumed (the finished job's
     * figures) and when it is closed early (the job is cancelled; the report has the rows read).
     */
    @Test
    void streamedResultsFillLastJobWhenConsumedOrClosed() throws Exception {
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame kept = floe.fromColumns(ids(ROWS)).where(col("id").lt(lit((long) KEEP)));
            long rows = 0;
            try (var it = kept.iterator()) {
                while (it.hasNext()) {
                    it.next();
                    rows++;
                }
                JobReport job = floe.lastJob();
                assertThat(job).as("the report of the consumed stream, before close").isNotNull();
                assertThat(job.action()).isEqualTo("iterator");
                assertThat(job.rows()).isEqualTo(rows).isEqualTo(KEEP);
                assertThat(job.step("Filter:").rowsIn()).isEqualTo(ROWS);
                assertThat(job.step("Filter:").rowsOut()).isEqualTo(KEEP);
            }
            String consumed = floe.lastJob().jobId();

            try (var batches = kept.iterBatches()) {
                while (batches.hasNext()) {
                    batches.next().close();
                }
            }
            assertThat(floe.lastJob().action()).isEqualTo("iterBatches");
            assertThat(floe.lastJob().step("Filter:").rowsOut()).isEqualTo(KEEP);
            assertThat(floe.lastJob().jobId()).isNotEqualTo(consumed);

            try (var s = kept.stream(IdRow.class)) {
                assertThat(s.count()).isEqualTo(KEEP);
            }
            assertThat(floe.lastJob().action()).isEqualTo("stream");
            assertThat(floe.lastJob().rows()).isEqualTo(KEEP);

            // closed after one batch: the job is cancelled, the report still names it and the rows read
            long read;
            try (org.apache.arrow.vector.ipc.ArrowReader reader = floe.fromColumns(ids(200_000)).toArrowReader()) {
                assertThat(reader.loadNextBatch()).isTrue();
                read = reader.getVectorSchemaRoot().getRowCount();
            }
            JobReport early = floe.lastJob();
            assertThat(early.action()).isEqualTo("toArrowReader");
            assertThat(early.rows()).isEqualTo(read);
            assertThat(early.jobName()).startsWith("Floe toArrowReader at ExplainAnalyzeIT.java:");
        }
    }

    /** A row of {@link #ids}, for {@code stream(Class)}. */
    public record IdRow(long id, String s) {
    }

    /** A blocking step fused into a scan emits at end of input; the scan's own time used to go negative then. */
    @Test
    void aScanFeedingABlockingStepHasANonNegativeTime() {
        try (Floe floe = SharedCluster.floe(1)) {
            floe.fromColumns(ids(20_000)).sort(col("s")).collect();
            JobReport job = floe.lastJob();
            assertThat(job.stage("Scan:").name()).contains("-> Sort: s ASC");
            assertThat(job.step("Scan:").timeNanos()).isNotNegative();
            assertThat(job.step("Scan:").spillBytes()).isNotNegative();
        }
    }

    @Test
    void aSortPastItsMemoryBudgetShowsSpilledBytes() {
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.operator.memory-budget", "256kb").build()) {
            // about 1 MiB of rows: four times the budget
            DataFrame sorted = floe.fromColumns(ids(50_000)).sort(col("s"));
            String text = sorted.explainAnalyze();
            System.out.println(text);
            JobReport job = floe.lastJob();
            JobReport.Stage sort = job.stage("Sort:");
            assertThat(sort.spillBytes()).as("bytes the sort spilled").isPositive();
            assertThat(sort.spillFiles()).isPositive();
            assertThat(job.step("Sort:").spillBytes()).isPositive();
            assertThat(text).containsPattern("spilled=[0-9.]+ (KiB|MiB) in \\d+ files");
            assertThat(text).as("a step's own time is never negative").doesNotContain("time=-");
        }
    }

    /**
     * At parallelism 1 the sort is fused into the scan, whose reader runs outside Flink's managed
     * memory: it must still spill at floe.operator.memory-budget (it held everything up to a fixed
     * 256 MiB before, so 0 files were spilled here).
     */
    @Test
    void aSortFusedIntoItsScanSpillsAtTheMemoryBudget() {
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(1)
                .config("floe.operator.memory-budget", "256kb").build()) {
            floe.fromColumns(ids(50_000)).sort(col("s")).collect();
            JobReport job = floe.lastJob();
            JobReport.Stage scan = job.stage("Scan:");
            assertThat(scan.name()).contains("-> Sort: s ASC");
            assertThat(scan.spillFiles()).as("files the fused sort spilled").isPositive();
            assertThat(job.step("Scan:").spillBytes()).isNotNegative();
        }
    }

    @Test
    void pruningCountsMatchTheRowGroupsAndFilesSkipped() {
        String file = dir.resolve("ids.parquet").toString();
        duck.execute("COPY (SELECT i::BIGINT AS id, i % 7 AS v FROM range(0, 20480) r(i) ORDER BY i) TO '" + file
                + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        // the oracle: DuckDB's own reading of the footer, not Floe's
        long groups = (Long) duck.query("SELECT count(DISTINCT row_group_id)::BIGINT FROM parquet_metadata('" + file
                + "')").get(0).get(0);
        long groupsWithMatches = (Long) duck.query("SELECT count(DISTINCT row_group_id)::BIGINT FROM parquet_metadata('"
                + file + "') WHERE path_in_schema = 'id' AND stats_min::BIGINT < 3000").get(0).get(0);
        assertThat(groups).isGreaterThan(groupsWithMatches).isGreaterThan(2);

        String hive = dir.resolve("hive").toString();
        duck.execute("COPY (SELECT i::BIGINT AS id, i % 5 AS p FROM range(0, 1000) r(i)) TO '" + hive
                + "' (FORMAT parquet, PARTITION_BY (p))");
        long files = (Long) duck.query("SELECT count(*)::BIGINT FROM glob('" + hive + "/*/*.parquet')").get(0).get(0);
        long filesOfP2 = (Long) duck.query("SELECT count(*)::BIGINT FROM glob('" + hive + "/p=2/*.parquet')").get(0).get(0);

        try (Floe floe = SharedCluster.floe(2)) {
            ScanMetrics before = ScanMetrics.global();
            String text = floe.readParquet(file).where(col("id").lt(lit(3000L))).explainAnalyze();
            ScanMetrics read = ScanMetrics.global().minus(before);
            System.out.println(text);
            JobReport.Stage scan = floe.lastJob().stage("Scan:");
            assertThat(scan.extra(StageFigures.ROW_GROUPS_TOTAL)).isEqualTo(groups);
            assertThat(scan.extra(StageFigures.ROW_GROUPS_SKIPPED)).isEqualTo(groups - groupsWithMatches);
            assertThat(scan.extra("row_groups_read")).isEqualTo(groupsWithMatches).isEqualTo(read.rowGroupsRead);
            assertThat(text).contains("row groups skipped=" + (groups - groupsWithMatches) + " of " + groups)
                    .contains("row groups read=" + groupsWithMatches);
            // the progress display's total: the footers' row counts of the row groups left after pruning
            long rowsInKept = (Long) duck.query("SELECT sum(row_group_num_rows)::BIGINT FROM (SELECT DISTINCT "
                    + "row_group_id, row_group_num_rows FROM parquet_metadata('" + file + "') WHERE path_in_schema = 'id' "
                    + "AND stats_min::BIGINT < 3000)").get(0).get(0);
            RowEstimate estimate = RowEstimate.of(floe.executor().physicalPlan(
                    floe.readParquet(file).where(col("id").lt(lit(3000L))).optimizedPlan()));
            assertThat(estimate).isEqualTo(new RowEstimate(rowsInKept, true));
            assertThat(scan.rowsPerSubtask().stream().mapToLong(Long::longValue).sum()).isEqualTo(rowsInKept);

            String hiveText = floe.readParquet(hive).where(col("p").eq(lit(2L))).explainAnalyze();
            System.out.println(hiveText);
            JobReport.Stage hiveScan = floe.lastJob().stage("Scan:");
            assertThat(hiveScan.extra(StageFigures.FILES_TOTAL)).isEqualTo(files);
            assertThat(hiveScan.extra(StageFigures.FILES_SKIPPED)).isEqualTo(files - filesOfP2);
            assertThat(hiveText).contains("files skipped=" + (files - filesOfP2) + " of " + files);
        }
    }

    @Test
    void diagramsStartAsTheirLanguagesRequireAndCarryTheFigures() {
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame q = floe.fromColumns(ids(ROWS)).where(col("id").lt(lit((long) KEEP))).groupBy("s").count();
            String mermaid = q.explain(Format.MERMAID);
            String dot = q.explain(Format.DOT);
            assertThat(mermaid).startsWith("flowchart").contains("Filter: id < " + KEEP).contains("Exchange: hash");
            assertThat(dot).startsWith("digraph").contains("Filter: id < " + KEEP).contains(" -> ");
            assertThat(q.explain(Format.TEXT)).isEqualTo(q.explain());

            String analyzed = q.explainAnalyze(Format.MERMAID);
            System.out.println(analyzed);
            assertThat(analyzed).startsWith("flowchart").contains("(" + ROWS + " -> " + KEEP + " rows")
                    .containsPattern("-->\\|\"Exchange: hash[^\"]*<br/>rows=" + KEEP + " ");
            assertThat(q.explainAnalyze(Format.DOT)).startsWith("digraph").contains("rows=" + KEEP + " batches=");
        }
    }

    static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }
}
