package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.udfRow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.CloseableIterator;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.operators.spill.SpillDirectory;
import dev.floe.testing.SharedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 5: an action whose calling thread is interrupted, that runs longer than
 * {@code floe.action.timeout}, or that {@code floe.cancelAll()} stops, cancels its job and throws
 * at once; afterwards the shared MiniCluster (in this JVM) runs no task of it, and no staging folder
 * or spill file is left. The jobs are kept running by a UDF that sleeps 50 ms per row (4,000 rows
 * take 100 s per subtask at parallelism 2); each action must end well before that (the bounds leave
 * room for a loaded machine: on a quiet one each ends within about a second).
 *
 * <p>Issue 15 item 1: the same holds for the streamed results ({@code collect()} past its spill
 * threshold, {@code iterBatches()}, {@code iterator()}), which before were no running action of the
 * session: an interrupt, {@code cancelAll()} and the timeout did not reach them.
 */
class CancellationIT {
    /** Rows the slow UDF has finished, in this JVM (the shared MiniCluster runs here). */
    static final AtomicInteger ROWS = new AtomicInteger();

    private static RestClusterClient<StandaloneClusterId> cluster;

    @BeforeAll
    static void connect() throws Exception {
        Configuration c = new Configuration();
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.PORT, SharedCluster.restPort());
        cluster = new RestClusterClient<>(c, StandaloneClusterId.getInstance());
        // the first job of a JVM takes seconds to submit on a loaded machine: not inside the 2 s timeout
        try (Floe floe = SharedCluster.floe(2)) {
            floe.fromColumns(Map.of("a", List.of(1L))).withColumn("b", sleepy("warm_up", col("a"))).collect();
        }
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    /** {@code rows} ids through a UDF named {@code name} that sleeps 50 ms per row. */
    private static DataFrame slow(Floe floe, String name, int rows) {
        List<Long> ids = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            ids.add((long) i);
        }
        return floe.fromColumns(Map.of("id", ids)).withColumn("s", sleepy(name, col("id")));
    }

    private static dev.floe.api.Expression sleepy(String name, dev.floe.api.Expression arg) {
        return udfRow(name, DataType.int64(), row -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("cancelled", e);
            }
            ROWS.incrementAndGet();
            return row[0];
        }, arg);
    }

    /** The action on a thread of its own: what it threw, and whether its interrupt flag was set afterwards. */
    private static final class Action extends Thread {
        private final Runnable body;
        volatile Throwable thrown;
        volatile boolean interruptedAfter;
        volatile long endedAt;

        Action(Runnable body) {
            this.body = body;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                body.run();
            } catch (Throwable t) {
                thrown = t;
            }
            interruptedAfter = Thread.currentThread().isInterrupted();
            endedAt = System.nanoTime();
        }
    }

    private static Action start(Runnable action) {
        Action a = new Action(action);
        a.start();
        return a;
    }

    /** Waits until the slow UDF has run at least once since {@code before} (so a task of the job runs). */
    private static void awaitRunning(int before) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ROWS.get() <= before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ROWS.get()).as("rows through the slow UDF before cancelling").isGreaterThan(before);
    }

    private static Set<JobID> jobs() throws Exception {
        Set<JobID> ids = new HashSet<>();
        cluster.listJobs().get().forEach(j -> ids.add(j.getJobId()));
        return ids;
    }

    /** Asserts the one job submitted since {@code before} is CANCELED and no row passes the UDF any more. */
    private static void assertNothingRuns(Set<JobID> before) throws Exception {
        List<String> started = new ArrayList<>();
        for (JobStatusMessage j : cluster.listJobs().get()) {
            if (!before.contains(j.getJobId())) {
                started.add(j.getJobName() + ": " + j.getJobState());
            }
        }
        assertThat(started).as("jobs of the action on the cluster").hasSize(1);
        assertThat(started.get(0)).endsWith(": " + JobStatus.CANCELED);
        int rows = ROWS.get();
        Thread.sleep(300);
        assertThat(ROWS.get()).as("rows through the UDF after the action returned").isEqualTo(rows);
    }

    private static double secondsSince(long nanos, long end) {
        double seconds = (end - nanos) / 1e9;
        System.out.printf("CancellationIT: action ended %.2f s later%n", seconds);
        return seconds;
    }

    /**
     * Interrupts the action's thread and asserts it ends soon with the cancellation, keeps its interrupt
     * flag, and its job is cancelled.
     */
    private static void interruptAndAssertCancelled(Action action, String name, Set<JobID> jobsBefore) throws Exception {
        long interruptedAt = System.nanoTime();
        action.interrupt();
        action.join(60_000);
        assertThat(action.isAlive()).isFalse();
        assertThat(secondsSince(interruptedAt, action.endedAt)).as("seconds from interrupt to exception").isLessThan(30);
        assertThat(action.thrown).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("was cancelled: the thread running " + name + " was interrupted")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(action.interruptedAfter).as("interrupt flag of the calling thread after the action").isTrue();
        assertNothingRuns(jobsBefore);
    }

    @Test
    void interruptingTheCallingThreadCancelsTheJobAndKeepsTheInterruptFlag() throws Exception {
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame df = slow(floe, "slow_interrupted", 4000);
            Set<JobID> jobsBefore = jobs();
            int before = ROWS.get();
            Action action = start(() -> {
                try (Table t = df.toTable()) {
                    throw new AssertionError("finished with " + t.numRows() + " rows");
                }
            });
            awaitRunning(before);
            interruptAndAssertCancelled(action, "toTable", jobsBefore);
            // the session goes on working
            assertThat(floe.fromColumns(Map.of("a", List.of(1L, 2L))).countRows()).isEqualTo(2);
        }
    }

    @Test
    void cancelAllCancelsAWriteAndLeavesNoStagingFolder(@TempDir Path dir) throws Exception {
        try (Floe floe = SharedCluster.floe(2)) {
            String out = dir.resolve("out").toString();
            DataFrame df = slow(floe, "slow_write", 4000);
            Set<JobID> jobsBefore = jobs();
            int before = ROWS.get();
            Action action = start(() -> df.writeParquet(out));
            awaitRunning(before);
            long cancelledAt = System.nanoTime();
            assertThat(floe.cancelAll()).as("actions cancelled").isEqualTo(1);
            action.join(60_000);
            assertThat(secondsSince(cancelledAt, action.endedAt)).as("seconds from cancelAll to exception").isLessThan(30);
            assertThat(action.thrown).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("was cancelled: floe.cancelAll() was called");
            assertThat(action.interruptedAfter).isFalse();
            assertNothingRuns(jobsBefore);
            try (Stream<Path> left = Files.walk(dir)) {
                assertThat(left.filter(p -> !p.equals(dir)).map(Path::toString).toList())
                        .as("files and folders left by the cancelled write").isEmpty();
            }
            assertThat(floe.cancelAll()).as("nothing runs any more").isZero();
        }
    }

    @Test
    void anActionLongerThanTheTimeoutIsCancelledNamingTheSetting() throws Exception {
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.action.timeout", "2 s").build()) {
            Set<JobID> jobsBefore = jobs();
            long start = System.nanoTime();
            Action action = start(() -> slow(floe, "slow_timeout", 4000).collect());
            action.join(60_000);
            assertThat(secondsSince(start, action.endedAt)).as("seconds until the timeout ended the action")
                    .isBetween(2.0, 30.0);
            assertThat(action.thrown).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("was cancelled: it ran longer than floe.action.timeout = 2 s");
            assertNothingRuns(jobsBefore);
        }
    }

    @Test
    void aCancelledSortThatSpilledLeavesNoSpillFile() throws Exception {
        // 200,000 rows of two longs (3.2 MB) sorted at parallelism 2 under a 1 MiB budget: sorted runs
        // spill while the input arrives, and the slow UDF after the sort (in the same operator) keeps
        // the merge and its spill files open until the action is cancelled
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.operator.memory-budget", "1mb").build()) {
            List<Long> ids = new ArrayList<>();
            List<Long> keys = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                ids.add((long) i);
                keys.add((i * 7919L) % 100_003);
            }
            Map<String, List<?>> columns = new LinkedHashMap<>();
            columns.put("id", ids);
            columns.put("k", keys);
            DataFrame df = floe.fromColumns(columns).sort(col("k")).withColumn("s", sleepy("slow_sort", col("id")));
            long created = SpillDirectory.totalFilesCreated();
            Set<JobID> jobsBefore = jobs();
            int before = ROWS.get();
            Action action = start(() -> df.collect());
            awaitRunning(before);
            assertThat(SpillDirectory.totalFilesCreated() - created).as("spill files the sort wrote").isPositive();
            assertThat(SpillDirectory.liveFiles()).as("spill files open while the merge runs").isPositive();
            action.interrupt();
            action.join(60_000);
            assertThat(action.thrown).isInstanceOf(ExecutionException.class).hasMessageContaining("interrupted");
            assertNothingRuns(jobsBefore);
            assertThat(SpillDirectory.liveFiles()).as("spill files left by the cancelled sort").isZero();
            try (Stream<Path> tmp = Files.walk(Paths.get(System.getProperty("java.io.tmpdir")))) {
                assertThat(tmp.filter(p -> p.getFileName().toString().startsWith("floe-spill-")).toList()).isEmpty();
            }
        }
    }

    @Test
    void cancelAllEndsAnOpenStream() throws Exception {
        try (Floe floe = SharedCluster.floe(2)) {
            Set<JobID> jobsBefore = jobs();
            int before = ROWS.get();
            try (CloseableIterator<Table> batches = slow(floe, "slow_stream_cancel", 4000).iterBatches()) {
                Action reader = start(() -> {
                    while (batches.hasNext()) {
                        batches.next().close();
                    }
                });
                awaitRunning(before);
                long cancelledAt = System.nanoTime();
                assertThat(floe.cancelAll()).as("actions cancelled").isEqualTo(1);
                reader.join(60_000);
                assertThat(reader.isAlive()).isFalse();
                assertThat(secondsSince(cancelledAt, reader.endedAt)).as("seconds from cancelAll to exception").isLessThan(30);
                assertThat(reader.thrown).isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("was cancelled: floe.cancelAll() was called");
                assertNothingRuns(jobsBefore);
            }
            assertThat(floe.cancelAll()).as("nothing runs any more").isZero();
        }
    }

    @Test
    void aStreamLongerThanTheTimeoutIsCancelledWhileItsReaderIsBusy() throws Exception {
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.action.timeout", "2 s").build()) {
            Set<JobID> jobsBefore = jobs();
            long start = System.nanoTime();
            try (CloseableIterator<List<Object>> rows = slow(floe, "slow_stream_timeout", 4000).iterator()) {
                // the reader does not call the stream before the timeout: the job is cancelled anyway
                Thread.sleep(4000);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!cancelled(jobsBefore) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(secondsSince(start, System.nanoTime())).as("seconds until the timeout ended the job")
                        .isLessThan(30);
                assertNothingRuns(jobsBefore);
                Action reader = start(() -> rows.forEachRemaining(r -> { }));
                reader.join(60_000);
                assertThat(reader.thrown).isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("was cancelled: it ran longer than floe.action.timeout = 2 s");
            }
        }
    }

    /** Folders of spilled results (collect, cache(), a sorted stream's later ranges) in the temp directory now. */
    static Set<Path> spillFolders() throws Exception {
        // where Files.createTempDirectory puts them: the JVM's tmpdir as it was when first used
        Path probe = Files.createTempFile("floe-probe-", "");
        Files.delete(probe);
        try (Stream<Path> tmp = Files.list(probe.getParent())) {
            return new HashSet<>(tmp.filter(p -> p.getFileName().toString().startsWith("floe-cache-")).toList());
        }
    }

    @Test
    void interruptingACollectThatSpillsCancelsItAndDeletesItsFiles() throws Exception {
        // The collect sink sits behind a blocking exchange, so it reads its input only once the stages
        // before it have ended; a slow UDF would hand every row over at its end. Instead the result is
        // 4 M rows (64 MB), several times what the sink buffers (2 x 6 MiB), so the job waits for the
        // client while the client spills (past a 1-byte threshold, from the first batch on).
        Set<Path> foldersBefore = spillFolders();
        Path folder;
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.collect.spill-threshold", "1b").build()) {
            DataFrame df = floe.fromColumns(Map.of("a", LongStream.range(0, 2000).boxed().toList()))
                    .crossJoin(floe.fromColumns(Map.of("b", LongStream.range(0, 2000).boxed().toList())));
            Set<JobID> jobsBefore = jobs();
            Action action = start(df::collect);
            long deadline = System.nanoTime() + 60_000_000_000L;
            Set<Path> folders = spillFolders();
            while (folders.equals(foldersBefore) && System.nanoTime() < deadline && action.isAlive()) {
                Thread.sleep(2);
                folders = spillFolders();
            }
            folders.removeAll(foldersBefore);
            assertThat(folders).as("the spill folder of the running collect (the action threw %s)", action.thrown)
                    .hasSize(1);
            folder = folders.iterator().next();
            interruptAndAssertCancelled(action, "collect", jobsBefore);
            assertThat(folder).as("the cancelled collect's spill folder").doesNotExist();
            assertThat(floe.cancelAll()).as("nothing runs any more").isZero();
        }
        assertThat(folder).as("the cancelled collect's spill folder after close()").doesNotExist();
        assertThat(spillFolders()).as("spill folders after close()").isSubsetOf(foldersBefore);
    }

    /** Whether the one job submitted since {@code before} is CANCELED. */
    private static boolean cancelled(Set<JobID> before) throws Exception {
        for (JobStatusMessage j : cluster.listJobs().get()) {
            if (!before.contains(j.getJobId()) && j.getJobState() == JobStatus.CANCELED) {
                return true;
            }
        }
        return false;
    }
}
