package dev.floe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's "Run on a cluster" commands on real processes: start-cluster (a JobManager and two
 * TaskManagers), {@code flink run} of floe-jobs.jar, the job and its plan-named operators over REST,
 * a user FloeJob through the generic entry, recovery from a killed TaskManager, and stop-cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    /** Rows of the TaskManager-loss job: enough for its scan to run several seconds on 2 busy cores. */
    private static final long KILL_ROWS = Long.getLong("floe.it.kill-rows", 3_000_000);

    private static LocalCluster cluster;
    /** The job of the first test, which the History Server test looks for. */
    private static String firstJobId;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start("standalone-it", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void flinkRunShowsTheJobAndItsPlanOverRest() throws Exception {
        Path data = cluster.dir.resolve("small");
        List<OrdersData.Group> expected = OrdersData.write(data, 20_000, 2);

        LocalCluster.Result run = cluster.flink(JOB_TIMEOUT, "run", LocalCluster.JOBS_JAR.toString(),
                "tpch", "--data", data.toString(), "--format", "csv", "--figures");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(OrdersData.parse(run.output())).as(run.output()).isEqualTo(expected);
        // The figures floe.lastJob() gathered in the flink run client: every row read once, and
        // each group of the expected result out of the aggregation and the sort.
        assertThat(run.output()).as(run.output())
                .containsPattern("figures: Scan: csv " + java.util.regex.Pattern.quote(data.toString())
                        + ".*: rows_in=20000 rows_out=20000 ")
                .containsPattern("figures: PartialAggregate: [^\n]*: rows_in=20000 rows_out=\\d+ ")
                .containsPattern("figures: FinalAggregate: [^\n]*: rows_in=\\d+ rows_out=" + expected.size() + " ")
                .containsPattern("figures: Sort: [^\n]*: rows_in=" + expected.size() + " rows_out=" + expected.size()
                        + " ");
        JsonNode job = onlyFloeJob("Scan: csv " + data);
        assertThat(job.get("state").asText()).isEqualTo("FINISHED");
        firstJobId = job.get("jid").asText();
        // Job names start with the action and the user's call site (issue 16).
        assertThat(job.get("name").asText()).startsWith("Floe toTable at TpchJob.java:");
        // The per-step figures explainAnalyze() and lastJob() read travel as accumulators, which the
        // JobManager loads from the user jar: they must reach the client of a flink run job too.
        List<String> accumulators = new ArrayList<>();
        cluster.rest("/jobs/" + job.get("jid").asText() + "/accumulators").get("user-task-accumulators")
                .forEach(a -> accumulators.add(a.get("name").asText()));
        assertThat(accumulators).as("accumulators of job %s", job.get("jid").asText())
                .anyMatch(name -> name.startsWith("floe.figures."));
        List<String> operators = new ArrayList<>();
        cluster.rest("/jobs/" + job.get("jid").asText() + "/plan").get("plan").get("nodes")
                .forEach(n -> operators.add(n.get("description").asText()));
        assertThat(String.join("\n", operators))
                .contains("Scan: csv " + data)
                .contains("PartialAggregate: count(*) AS order_count, sum(o_totalprice) AS revenue")
                .contains("FinalAggregate: count(*) AS order_count")
                .contains("Sort: o_orderpriority ASC, o_orderstatus ASC");
    }

    @Test
    @Order(2)
    void runsAUserFloeJobThroughTheGenericEntry() throws Exception {
        String classes = Path.of(TopPriorityJob.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toUri().toString();
        LocalCluster.Result run = cluster.flink(JOB_TIMEOUT, "run", "-C", classes, LocalCluster.JOBS_JAR.toString(),
                "run", "--class", TopPriorityJob.class.getName(),
                LocalCluster.ROOT.resolve("examples/data/orders.csv").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output()).contains("urgent F 73\nurgent O 65\nurgent P 86\n");
    }

    /**
     * explainAnalyze() in a {@code flink run} job: the figures of a filter that keeps exactly 1,234
     * of 10,000 rows (ids written in a scrambled order over two files) come back through the
     * JobManager's accumulators as on the MiniCluster (ExplainAnalyzeIT).
     */
    @Test
    @Order(3)
    void explainAnalyzeOfAFlinkRunJobShowsTheFilterCounts() throws Exception {
        Path data = cluster.dir.resolve("ids");
        java.nio.file.Files.createDirectories(data);
        int rows = 10_000;
        int keep = 1_234;
        for (int f = 0; f < 2; f++) {
            StringBuilder csv = new StringBuilder("id,s\n");
            for (int i = f * rows / 2; i < (f + 1) * rows / 2; i++) {
                long id = (i * 7919L) % rows;   // 7919 is prime: every id below 10,000 once
                csv.append(id).append(",row-").append(id).append('\n');
            }
            java.nio.file.Files.writeString(data.resolve("ids-" + f + ".csv"), csv);
        }
        String classes = Path.of(KnownFilterJob.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toUri().toString();
        LocalCluster.Result run = cluster.flink(JOB_TIMEOUT, "run", "-p", "2", "-C", classes,
                LocalCluster.JOBS_JAR.toString(), "run", "--class", KnownFilterJob.class.getName(), data.toString(),
                Integer.toString(keep));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output()).contains("== Physical Plan (analyzed) ==")
                .contains("'Floe explainAnalyze at KnownFilterJob.java:")
                .containsPattern("\\| \\d+ Filter: id < " + keep + "  rows_in=" + rows + " rows_out=" + keep + " ")
                .containsPattern("Collect  \\[parallelism 1\\]  rows=" + keep + "\n");
        deleteRecursively(data);
    }

    /**
     * explainAnalyze() in a {@code flink run} job shows the pruning and spill figures as on the
     * MiniCluster (ExplainAnalyzeIT): row groups and files skipped as DuckDB counts them from the
     * files' footers and folders, and a sort under a lowered memory budget (passed as {@code -D})
     * spills.
     */
    @Test
    @Order(3)
    void explainAnalyzeOfAFlinkRunJobShowsPruningAndSpill() throws Exception {
        Path data = cluster.dir.resolve("scans");
        java.nio.file.Files.createDirectories(data);
        String file = data.resolve("ids.parquet").toString();
        String hive = data.resolve("hive").toString();
        long groups;
        long groupsWithMatches;
        long files;
        long filesOfP2;
        try (dev.floe.testing.DuckOracle duck = new dev.floe.testing.DuckOracle()) {
            duck.execute("COPY (SELECT i::BIGINT AS id, i % 7 AS v FROM range(0, 20480) r(i) ORDER BY i) TO '" + file
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
            duck.execute("COPY (SELECT i::BIGINT AS id, i % 5 AS p FROM range(0, 1000) r(i)) TO '" + hive
                    + "' (FORMAT parquet, PARTITION_BY (p))");
            groups = (Long) duck.query("SELECT count(DISTINCT row_group_id)::BIGINT FROM parquet_metadata('" + file
                    + "')").get(0).get(0);
            groupsWithMatches = (Long) duck.query("SELECT count(DISTINCT row_group_id)::BIGINT FROM parquet_metadata('"
                    + file + "') WHERE path_in_schema = 'id' AND stats_min::BIGINT < 3000").get(0).get(0);
            files = (Long) duck.query("SELECT count(*)::BIGINT FROM glob('" + hive + "/*/*.parquet')").get(0).get(0);
            filesOfP2 = (Long) duck.query("SELECT count(*)::BIGINT FROM glob('" + hive + "/p=2/*.parquet')")
                    .get(0).get(0);
        }
        assertThat(groups).isGreaterThan(groupsWithMatches).isGreaterThan(2);
        assertThat(files).isGreaterThan(filesOfP2);
        String classes = Path.of(KnownScanJob.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toUri().toString();
        LocalCluster.Result run = cluster.flink(JOB_TIMEOUT, "run", "-p", "2", "-D",
                "floe.operator.memory-budget=64kb", "-C", classes, LocalCluster.JOBS_JAR.toString(), "run", "--class",
                KnownScanJob.class.getName(), file, hive);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output())
                .contains("row groups skipped=" + (groups - groupsWithMatches) + " of " + groups)
                .contains("row groups read=" + groupsWithMatches)
                .contains("files skipped=" + (files - filesOfP2) + " of " + files)
                .containsPattern("spilled=[0-9.]+ (KiB|MiB) in \\d+ files");
        deleteRecursively(data);
    }

    @Test
    @Order(4)
    void aKilledTaskManagerIsReplacedAndTheResultIsExact() throws Exception {
        // A quiet machine can run the whole job before a poll sees one of its tasks running (CI saw
        // it FINISHED first with 3 M rows): then the data set doubles and the job runs again.
        Path data = null;
        List<OrdersData.Group> expected = null;
        Process run = null;
        String jobId = null;
        for (long rows = KILL_ROWS; jobId == null; rows *= 2) {
            assertThat(rows).as("rows at which the job still finished before it was seen running").isLessThanOrEqualTo(
                    8 * KILL_ROWS);
            if (data != null) {
                cluster.wait(run, JOB_TIMEOUT);
                deleteRecursively(data);
            }
            data = cluster.dir.resolve("large-" + rows);
            expected = OrdersData.write(data, rows, 4);
            run = cluster.flinkAsync("run", "-p", "2", LocalCluster.JOBS_JAR.toString(),
                    "tpch", "--data", data.toString(), "--format", "csv");
            jobId = awaitRunningTask("Scan: csv " + data, run);
        }
        String victim = busyTaskManager();
        cluster.kill(victim);
        long killedAt = System.nanoTime();
        LocalCluster.Result result = cluster.wait(run, JOB_TIMEOUT);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(OrdersData.parse(result.output())).as(result.output()).isEqualTo(expected);
        JsonNode exceptions = cluster.rest("/jobs/" + jobId + "/exceptions").get("exceptionHistory").get("entries");
        assertThat(exceptions.size()).as("failovers recorded for job %s", jobId).isPositive();
        System.out.printf("killed %s; the job recovered and finished %.1f s later%n", victim,
                (System.nanoTime() - killedAt) / 1e9);
        deleteRecursively(data);
    }

    /**
     * README's way to keep finished jobs visible: flink-conf/bin/history-server serves the jobs
     * start-cluster's JobManager archived, here the first test's job under its Floe name.
     */
    @Test
    @Order(5)
    void theHistoryServerShowsAnArchivedJob() throws Exception {
        assertThat(firstJobId).as("the job of flinkRunShowsTheJobAndItsPlanOverRest").isNotNull();
        int port = LocalCluster.anyFreePort();
        long start = System.nanoTime();
        LocalCluster.Result started = cluster.historyServer("start", port);
        try {
            assertThat(started.exitCode()).as(started.output()).isZero();
            assertThat(started.output()).contains("History Server up: http://127.0.0.1:" + port);
            JsonNode archived = null;
            // the server lists the archive every 2 s (historyserver.archive.fs.refresh-interval)
            for (long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos(); archived == null
                    && System.nanoTime() < deadline; Thread.sleep(500)) {
                JsonNode overview = cluster.get(port, "/jobs/overview");
                if (overview != null) {
                    for (JsonNode j : overview.get("jobs")) {
                        if (j.get("jid").asText().equals(firstJobId)) {
                            archived = j;
                        }
                    }
                }
            }
            assertThat(archived).as("job %s in the History Server's /jobs/overview", firstJobId).isNotNull();
            assertThat(archived.get("state").asText()).isEqualTo("FINISHED");
            assertThat(archived.get("name").asText()).startsWith("Floe toTable at TpchJob.java:");
            // its pages as the Web UI reads them: the plan with Floe's operator descriptions
            JsonNode plan = cluster.get(port, "/jobs/" + firstJobId + "/plan");
            assertThat(plan).as("GET /jobs/%s/plan from the History Server", firstJobId).isNotNull();
            assertThat(plan.toString()).contains("FinalAggregate: count(*) AS order_count");
            System.out.printf("History Server on port %d listed job %s (%s) %.1f s after start%n", port, firstJobId,
                    archived.get("name").asText(), (System.nanoTime() - start) / 1e9);
        } finally {
            LocalCluster.Result stopped = cluster.historyServer("stop", port);
            assertThat(stopped.output()).contains("History Server stopped");
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    /** A Floe job is named {@code Floe <action> at <File>.java:<line>: <its scan> ... <its root>}. */
    private static boolean floeJobOf(JsonNode job, String planSummary) {
        String name = job.get("name").asText();
        return name.startsWith("Floe ") && name.contains(": " + planSummary);
    }

    private static JsonNode onlyFloeJob(String planSummary) throws Exception {
        List<JsonNode> matches = new ArrayList<>();
        cluster.rest("/jobs/overview").get("jobs").forEach(j -> {
            if (floeJobOf(j, planSummary)) {
                matches.add(j);
            }
        });
        assertThat(matches).as("Floe jobs of %s", planSummary).hasSize(1);
        return matches.get(0);
    }

    /** Waits until a subtask of the job runs; returns the job id, or null if the job finished before that was seen. */
    private static String awaitRunningTask(String planSummary, Process client) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode j : cluster.rest("/jobs/overview").get("jobs")) {
                if (floeJobOf(j, planSummary)) {
                    String id = j.get("jid").asText();
                    if (j.get("state").asText().equals("FINISHED")) {
                        return null;
                    }
                    assertThat(j.get("state").asText()).as("the job must still run when a TaskManager is killed")
                            .isIn("CREATED", "INITIALIZING", "RUNNING");
                    for (JsonNode v : cluster.rest("/jobs/" + id).get("vertices")) {
                        // Any running task will do: the scan alone can finish between two polls on a quiet
                        // machine (CI saw the job FINISHED before its scan was seen RUNNING).
                        if (v.get("tasks").get("RUNNING").asInt() > 0) {
                            return id;
                        }
                    }
                }
            }
            assertThat(client.isAlive()).as("flink run exited before the job ran").isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the job never ran a subtask");
    }

    /** The resource id of a TaskManager with occupied slots. */
    private static String busyTaskManager() throws Exception {
        for (JsonNode tm : cluster.rest("/taskmanagers").get("taskmanagers")) {
            if (tm.get("freeSlots").asInt() < tm.get("slotsNumber").asInt()) {
                return tm.get("id").asText();
            }
        }
        throw new AssertionError("no TaskManager runs a task");
    }
}
