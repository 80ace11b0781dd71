package dev.floe.translator;

import dev.floe.api.CallSite;
import dev.floe.api.ExecutionException;
import dev.floe.api.Format;
import dev.floe.api.JobReport;
import dev.floe.api.Executor;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Table;
import dev.floe.translator.explain.PlanDrawing;
import dev.floe.translator.progress.Progress;
import org.jline.terminal.Terminal;
import dev.floe.translator.explain.StageFigures;
import dev.floe.translator.flink.JobTranslator;
import dev.floe.translator.physical.PhysicalPlan;
import dev.floe.translator.physical.PhysicalPlanner;
import dev.floe.translator.commit.WriteCommitter;
import dev.floe.operators.sink.WriteSpec;
import dev.floe.api.plan.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plans as Flink batch jobs on whatever environment the factory gives (a session
 * MiniCluster, a remote cluster, or the {@code flink run} context) and collects the results as
 * Arrow batches.
 */
public final class FlinkExecutor implements Executor {
    private final Function<Configuration, StreamExecutionEnvironment> environments;
    private final int parallelism;
    private final Configuration extraJobConfig;

    private static final Logger LOG = LoggerFactory.getLogger(FlinkExecutor.class);

    private volatile boolean closed;
    /** Actions of this executor whose job runs now. */
    private final java.util.Set<RunningAction> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile JobReport lastJob;
    private volatile java.net.URI webUi;
    private volatile Terminal progressTerminal;

    public FlinkExecutor(Function<Configuration, StreamExecutionEnvironment> environments, int parallelism,
            Configuration extraJobConfig) {
        validate(extraJobConfig);
        this.environments = environments;
        this.parallelism = parallelism;
        this.extraJobConfig = extraJobConfig;
    }

    /**
     * Marks the session closed: every later action fails at once instead of reaching a stopped
     * cluster, and the actions running now are cancelled.
     */
    public void close() {
        closed = true;
        cancelAll("the Floe session was closed");
    }

    /**
     * Cancels the job of every action of this executor that runs now; each of those actions throws
     * an {@link ExecutionException} saying so once its job has stopped. Returns how many there were.
     */
    public int cancelAll() {
        return cancelAll("floe.cancelAll() was called");
    }

    private int cancelAll(String reason) {
        int n = 0;
        for (RunningAction a : running) {
            if (a.cancel(reason)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Fails naming the setting when a {@code floe.*} key is not one of Floe's settings (with the
     * closest one) or its value does not parse (with an example of one that does).
     */
    public static void validate(Configuration conf) {
        List<String> known = SETTINGS.stream().map(ConfigOption::key).toList();
        for (String key : conf.keySet()) {
            if (key.startsWith("floe.") && !known.contains(key)) {
                String closest = dev.floe.api.expr.Names.closest(key, known);
                throw new dev.floe.api.PlanException("Unknown setting '" + key + "'"
                        + (closest == null ? "" : "; did you mean '" + closest + "'?") + " Floe's settings are "
                        + String.join(", ", known));
            }
        }
        Progress.enabled(conf.toMap().get(Progress.SETTING));
        for (ConfigOption<MemorySize> option : List.of(OPERATOR_MEMORY, BROADCAST_THRESHOLD, FILE_SPLIT_SIZE,
                NESTED_LOOP_MAX_BYTES, COLLECT_SPILL_THRESHOLD)) {
            try {
                conf.getOptional(option);
            } catch (IllegalArgumentException e) {
                throw new dev.floe.api.PlanException("Setting " + option.key() + " = '" + conf.toMap().get(option.key())
                        + "' is not a size; give bytes with a unit, e.g. 64mb or 1gb", e);
            }
        }
        java.time.Duration timeout;
        try {
            timeout = conf.getOptional(ACTION_TIMEOUT).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new dev.floe.api.PlanException("Setting " + ACTION_TIMEOUT.key() + " = '"
                    + conf.toMap().get(ACTION_TIMEOUT.key()) + "' is not a duration; give a number with a unit, "
                    + "e.g. 30 s, 10 min or 2 h", e);
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new dev.floe.api.PlanException("Setting " + ACTION_TIMEOUT.key() + " = '"
                    + conf.toMap().get(ACTION_TIMEOUT.key()) + "' must be positive; leave it unset to wait without limit");
        }
    }

    /** Settings every Floe job runs with. */
    public static Configuration jobConfig() {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        // results travel as whole batches of up to a few MiB through the collect sink; the sink hands
        // over at most this much per fetch and whatever is unfetched when the job ends travels in one
        // accumulator, and the REST client parses at most 20 MB of JSON (base64 adds a third)
        c.setString("collect-sink.batch-size.max", "8mb");
        // a partitionCustom consumer must run with the parallelism the planner chose
        c.setString("execution.batch.adaptive.auto-parallelism.enabled", "false");
        // batch jobs do not restart unless told to
        c.setString("restart-strategy.type", "fixed-delay");
        c.setString("restart-strategy.fixed-delay.attempts", "2");
        c.setString("restart-strategy.fixed-delay.delay", "100 ms");
        return c;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    /**
     * Bytes each blocking operator (final aggregate, sort, join) may hold before it spills; default:
     * the operator's share of the slot's managed memory. Tests lower it to force spilling.
     */
    public static final ConfigOption<MemorySize> OPERATOR_MEMORY = ConfigOptions.key("floe.operator.memory-budget")
            .memoryType().noDefaultValue();

    /** A join side estimated at most this large is broadcast (JoinStrategy.AUTO). */
    public static final ConfigOption<MemorySize> BROADCAST_THRESHOLD = ConfigOptions
            .key("floe.join.broadcast-threshold").memoryType().defaultValue(MemorySize.parse("10mb"));

    /**
     * A join whose condition has no equality between the sides (a nested-loop join) fails when the
     * side it holds in every task is larger than this.
     */
    public static final ConfigOption<MemorySize> NESTED_LOOP_MAX_BYTES = ConfigOptions
            .key(PhysicalPlanner.NESTED_LOOP_SETTING).memoryType()
            .defaultValue(new MemorySize(PhysicalPlanner.DEFAULT_NESTED_LOOP_BYTES));

    /** CSV and JSON-lines files larger than this are read in byte ranges of this size by several tasks. */
    public static final ConfigOption<MemorySize> FILE_SPLIT_SIZE = ConfigOptions.key("floe.files.split-size")
            .memoryType().defaultValue(MemorySize.parse("64mb"));

    /**
     * An action whose job runs longer than this is cancelled and fails saying so; unset (the
     * default): no limit.
     */
    public static final ConfigOption<java.time.Duration> ACTION_TIMEOUT = ConfigOptions.key("floe.action.timeout")
            .durationType().noDefaultValue();

    /**
     * {@code collect()} keeps up to this many bytes of encoded results on the client heap; a larger
     * result goes to local files (deleted when the session closes).
     */
    public static final ConfigOption<MemorySize> COLLECT_SPILL_THRESHOLD = ConfigOptions
            .key("floe.collect.spill-threshold").memoryType().defaultValue(MemorySize.parse("64mb"));

    @Override
    public long collectSpillThreshold() {
        return extraJobConfig.get(COLLECT_SPILL_THRESHOLD).getBytes();
    }

    /** Every {@code floe.*} setting; {@link #validate} refuses other {@code floe.*} keys. */
    public static final List<ConfigOption<?>> SETTINGS = List.of(BROADCAST_THRESHOLD, OPERATOR_MEMORY, FILE_SPLIT_SIZE,
            NESTED_LOOP_MAX_BYTES, ACTION_TIMEOUT, FileSystems.PLUGINS_DIR, Progress.OPTION,
            dev.floe.operators.runtime.FailureInjection.FAIL_ONCE_IN_OPERATOR, COLLECT_SPILL_THRESHOLD);

    /** How long a cancelled action waits for its job's tasks to stop before it gives up waiting. */
    private static final java.time.Duration CANCEL_WAIT = java.time.Duration.ofSeconds(30);

    public PhysicalPlan physicalPlan(LogicalPlan optimized) {
        return new PhysicalPlanner(parallelism, extraJobConfig.get(BROADCAST_THRESHOLD).getBytes(),
                extraJobConfig.get(NESTED_LOOP_MAX_BYTES).getBytes()).plan(optimized);
    }

    @Override
    public String explainPhysical(LogicalPlan optimized) {
        return "Collect  [parallelism 1]\n" + PhysicalPlanner.print(physicalPlan(optimized)).indent(2);
    }

    @Override
    public String explainPhysical(LogicalPlan optimized, Format format) {
        if (format == Format.TEXT) {
            return explainPhysical(optimized);
        }
        return PlanDrawing.draw(physicalPlan(optimized), format, null, null);
    }

    /** Runs the plan (dropping its result; a write does write) and draws the plan with what each step did. */
    @Override
    public String explainAnalyze(LogicalPlan optimized, Format format) {
        Run run = run(optimized, "explainAnalyze");
        run.table().close();
        return PlanDrawing.draw(run.physical(), format, run.figures(), run.report());
    }

    @Override
    public JobReport lastJob() {
        return lastJob;
    }

    /** The Web UI (REST) address job links in reports and logs point to; null = none (inside {@code flink run}). */
    public void webUi(java.net.URI address) {
        this.webUi = address;
    }

    /** Draws the progress display on this terminal instead of the JVM's (tests capture it). */
    public void progressTo(Terminal terminal) {
        this.progressTerminal = terminal;
    }

    /** The live progress display of a submitted job when {@code floe.progress} turns it on, else nothing. */
    private AutoCloseable progress(String jobId, String title, PhysicalPlan physical) throws java.io.IOException {
        java.net.URI rest = webUi;
        if (rest == null || !Progress.enabled(extraJobConfig.toMap().get(Progress.SETTING))) {
            return () -> { };
        }
        Terminal terminal = progressTerminal != null ? progressTerminal : Progress.systemTerminal();
        return Progress.start(terminal, rest, jobId, title, dev.floe.translator.progress.RowEstimate.of(physical));
    }

    /** A finished action: its result, the plan that ran and what each of its stages did. */
    private record Run(Table table, PhysicalPlan physical, StageFigures figures, JobReport report) {
    }

    /** A translated job, ready to run. */
    private record Job(PhysicalPlan physical, StreamExecutionEnvironment env, DataStream<EncodedBatch> result, String name,
            WriteSpec write, JobTranslator translator) {
    }

    private Job prepare(LogicalPlan optimized, String action, boolean streaming) {
        if (closed) {
            throw new ExecutionException("Cannot run " + action + ": this Floe session is closed; build the "
                    + "DataFrame from an open session");
        }
        PhysicalPlan physical = physicalPlan(optimized);
        Configuration conf = jobConfig();
        if (streaming) {
            // a reader that consumes slower than the job produces keeps the sink's buffer (twice this
            // size) full, and what it holds when the job ends travels in one accumulator: at 6 MiB the
            // buffer's 12 MiB stay under the 20 MB of base64 JSON the REST client parses (8 MiB failed)
            conf.setString("collect-sink.batch-size.max", "6mb");
        }
        conf.addAll(extraJobConfig);
        StreamExecutionEnvironment env = environments.apply(conf);
        JobTranslator translator = new JobTranslator(env,
                extraJobConfig.getOptional(OPERATOR_MEMORY).map(MemorySize::getBytes).orElse(0L),
                extraJobConfig.get(FILE_SPLIT_SIZE).getBytes());
        DataStream<EncodedBatch> result = translator.translate(physical);
        return new Job(physical, env, result, jobName(action, CallSite.here(), optimized), WriteCommitter.find(physical),
                translator);
    }

    /**
     * Streams the result batches as the collect sink hands them over, decoding one at a time: the
     * client holds what it has fetched and not yet consumed (a couple of batches), and the sink waits
     * while its bounded buffer is full. Writes run whole first, as {@link #execute} does. A
     * range-partitioned sort's partitions arrive interleaved: {@link PartitionOrder} hands out the
     * first range as it arrives and keeps the later ones (on the heap up to
     * {@code floe.collect.spill-threshold}, in local files past it) until the job has ended.
     *
     * <p>The stream is one of the session's running actions until its job has finished: an
     * interrupt of the thread waiting in {@code hasNext()}/{@code next()}, {@link #cancelAll()},
     * closing the session and closing the stream early each cancel the job, wait until it runs no
     * task, and (but for closing) make the next {@code hasNext()}/{@code next()} throw. For a stream,
     * {@code floe.action.timeout} bounds the time from the stream's start until its job has finished;
     * as the job waits while the reader does not read, a slow reader counts too. Past it the job is
     * cancelled even while the reader is busy elsewhere.
     */
    @Override
    public dev.floe.api.CloseableIterator<RecordBatch> stream(LogicalPlan optimized, String action) {
        Job job = prepare(optimized, action, true);
        if (job.write() != null) {
            return Executor.super.stream(optimized, action);
        }
        PartitionOrder order = job.physical().orderedByPartition()
                ? new PartitionOrder(this, optimized, collectSpillThreshold()) : null;
        CloseableIterator<EncodedBatch> source = job.result().collectAsync();
        refuseWhenInterrupted(action, job.name(), source);
        java.time.Duration timeout = extraJobConfig.getOptional(ACTION_TIMEOUT).orElse(null);
        String title = job.name().substring(0, job.name().indexOf(": "));
        long submitted = System.nanoTime();
        // two batches wait for the reader at most; the sink buffers the rest and then holds the job
        RunningAction started = RunningAction.stream(job.name(), job.env(), source,
                jobId -> progress(jobId, title, job.physical()), 2);
        running.add(started);
        java.util.concurrent.ScheduledFuture<?> timer = timeout == null ? null
                : TIMEOUTS.schedule(() -> started.cancel(timedOut()), timeout.toNanos(),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
        return new dev.floe.api.CloseableIterator<>() {
            private boolean done;
            private EncodedBatch next;
            private long rows;
            /** Rows the job sent, some of which may wait in {@code order}. */
            private long received;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return order != null && drain();
                }
                String reason;
                Throwable cause;
                boolean interrupted = false;
                try {
                    for (EncodedBatch e = started.take(); e != null; e = started.take()) {
                        received += e.numRows();
                        next = order == null ? e : order.admit(e);
                        if (next != null) {
                            return true;
                        }
                    }
                    RunningAction.Finished finished = started.await(null);
                    end();
                    report(finished.jobId(), job, action, finished.duration(), received,
                            StageFigures.of(job.physical(), job.translator()::operatorIds, finished.accumulators()));
                    return order != null && drain();
                } catch (InterruptedException e) {
                    reason = "the thread running " + action + " was interrupted";
                    cause = e;
                    interrupted = true;
                } catch (java.io.UncheckedIOException e) {
                    if (!(e.getCause() instanceof java.nio.channels.ClosedByInterruptException)) {
                        close();
                        throw spillFailure(job.name(), e);
                    }
                    // the interrupt closed the spill file's channel
                    Thread.interrupted();
                    reason = "the thread running " + action + " was interrupted";
                    cause = new InterruptedException(e.getMessage());
                    interrupted = true;
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.CancellationException e) {
                    reason = started.cancelReason();
                    cause = e;
                } catch (java.util.concurrent.ExecutionException e) {
                    end();
                    throw failure(job.name(), e.getCause());
                }
                end();
                if (order != null) {
                    order.close();
                }
                throw cancelled(started, job.name(), reason, cause, interrupted, null);
            }

            /** Takes the next batch the sort's later partitions left waiting; false (files deleted) at the end. */
            private boolean drain() {
                try {
                    next = order.next();
                } catch (java.io.UncheckedIOException e) {
                    order.close();
                    if (e.getCause() instanceof java.nio.channels.ClosedByInterruptException) {
                        throw new ExecutionException("Job '" + job.name() + "' finished, but reading the rest of "
                                + "its sorted result from local files stopped: the thread running " + action
                                + " was interrupted", e);
                    }
                    throw spillFailure(job.name(), e);
                }
                return next != null;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                EncodedBatch e = next;
                next = null;
                RecordBatch b = BatchCodec.decode(e, job.physical().schema(), Allocators.root());
                rows += b.numRows();
                return b;
            }

            /**
             * Closing a stream that has not ended cancels its job, waits until it runs no task and
             * reports what the cluster had gathered by then, with the rows the caller read.
             */
            @Override
            public void close() {
                if (order != null) {
                    order.close();
                }
                if (done) {
                    return;
                }
                end();
                next = null;
                org.apache.flink.core.execution.JobClient client = started.client();
                java.util.Map<String, Object> accumulators = client == null ? java.util.Map.of() : accumulatorsNow(client);
                if (started.cancel("the stream was closed")) {
                    started.awaitStopped(CANCEL_WAIT);
                }
                if (client != null) {
                    report(client.getJobID().toHexString(), job, action,
                            java.time.Duration.ofNanos(System.nanoTime() - submitted), rows,
                            StageFigures.of(job.physical(), job.translator()::operatorIds, accumulators));
                }
            }

            /** The stream is no running action any more. */
            private void end() {
                done = true;
                running.remove(started);
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        };
    }

    private static ExecutionException spillFailure(String jobName, java.io.UncheckedIOException e) {
        return new ExecutionException("Job '" + jobName + "': cannot keep the later ranges of its sorted result in "
                + "local files: " + e.getMessage() + "; set java.io.tmpdir to a writable folder with room, or raise "
                + COLLECT_SPILL_THRESHOLD.key(), e);
    }

    /** Cancels streams whose job runs longer than {@code floe.action.timeout}. */
    private static final java.util.concurrent.ScheduledExecutorService TIMEOUTS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "floe-action-timeouts");
                t.setDaemon(true);
                return t;
            });

    private String timedOut() {
        return "it ran longer than " + ACTION_TIMEOUT.key() + " = " + extraJobConfig.toMap().get(ACTION_TIMEOUT.key())
                + "; raise the setting, or leave it unset to wait without limit";
    }

    private static void refuseWhenInterrupted(String action, String jobName, CloseableIterator<EncodedBatch> results) {
        if (Thread.currentThread().isInterrupted()) {
            closeQuietly(results);
            throw new ExecutionException("Did not start " + action + " (job '" + jobName + "'): the calling thread is "
                    + "interrupted", new InterruptedException());
        }
    }

    /** The accumulators of a job that may still run, as far as the cluster has them (empty when it does not answer soon). */
    private static java.util.Map<String, Object> accumulatorsNow(org.apache.flink.core.execution.JobClient client) {
        try {
            return client.getAccumulators().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("No accumulators of job {}: {}", client.getJobID(), e.toString());
        }
        return java.util.Map.of();
    }

    /** Makes the action's {@link JobReport} (then {@link #lastJob()}) and logs its one INFO line. */
    private JobReport report(String jobId, Job job, String action, java.time.Duration duration, long rows,
            StageFigures figures) {
        java.net.URI ui = webUi;
        JobReport report = new JobReport(jobId, job.name(), action,
                ui == null ? null : ui.toString().replaceAll("/$", "") + "/#/job/completed/" + jobId + "/overview",
                duration, rows, figures.stages());
        lastJob = report;
        LOG.info("{}: job {} finished in {} ms, {} rows{}", job.name(), report.jobId(), report.duration().toMillis(),
                report.rows(), report.webUi() == null ? "" : "; " + report.webUi());
        return report;
    }

    @Override
    public Table execute(LogicalPlan optimized, String action) {
        return run(optimized, action).table();
    }

    private Run run(LogicalPlan optimized, String action) {
        Job prepared = prepare(optimized, action, false);
        PhysicalPlan physical = prepared.physical();
        DataStream<EncodedBatch> result = prepared.result();
        String jobName = prepared.name();
        WriteSpec write = prepared.write();
        JobTranslator translator = prepared.translator();
        RunningAction.Finished job = run(action, jobName, prepared.env(), result.collectAsync(), write, physical);
        List<EncodedBatch> encoded = new ArrayList<>(job.batches());
        if (physical.orderedByPartition()) {
            // a range-partitioned sort: each partition arrives in order, partitions in any interleaving
            encoded.sort(java.util.Comparator.comparingInt(EncodedBatch::partition));
        }
        List<RecordBatch> batches = new ArrayList<>(encoded.size());
        try {
            for (EncodedBatch b : encoded) {
                batches.add(BatchCodec.decode(b, physical.schema(), Allocators.root()));
            }
        } catch (RuntimeException e) {
            batches.forEach(RecordBatch::close);
            throw e;
        }
        Table table = Table.of(optimized.schema(), batches);
        if (write != null) {
            try {
                WriteCommitter.commit(write, optimized instanceof Write w ? w.mode() : dev.floe.api.WriteMode.APPEND, table);
            } catch (RuntimeException e) {
                table.close();
                WriteCommitter.abort(write);
                throw e;
            }
        }
        StageFigures figures = StageFigures.of(physical, translator::operatorIds, job.accumulators());
        JobReport report = report(job.jobId(), prepared, action, job.duration(), table.numRows(), figures);
        return new Run(table, physical, figures, report);
    }

    /** Runs the job and returns its results; cancels it when the caller is interrupted, times out or cancelAll is called. */
    private RunningAction.Finished run(String action, String jobName, StreamExecutionEnvironment env,
            CloseableIterator<EncodedBatch> results, WriteSpec write, PhysicalPlan physical) {
        refuseWhenInterrupted(action, jobName, results);
        java.time.Duration timeout = extraJobConfig.getOptional(ACTION_TIMEOUT).orElse(null);
        // the display's title names the user's line, found here on the caller's thread
        String title = jobName.substring(0, jobName.indexOf(": "));
        RunningAction job = RunningAction.start(jobName, env, results, jobId -> progress(jobId, title, physical));
        running.add(job);
        String reason;
        Throwable cause;
        boolean interrupted = false;
        try {
            return job.await(timeout);
        } catch (InterruptedException e) {
            reason = "the thread running " + action + " was interrupted";
            cause = e;
            interrupted = true;
        } catch (java.util.concurrent.TimeoutException e) {
            reason = timedOut();
            cause = e;
        } catch (java.util.concurrent.CancellationException e) {
            reason = job.cancelReason();
            cause = e;
        } catch (java.util.concurrent.ExecutionException e) {
            if (write != null) {
                WriteCommitter.abort(write);
            }
            throw failure(jobName, e.getCause());
        } finally {
            running.remove(job);
        }
        throw cancelled(job, jobName, reason, cause, interrupted, write);
    }

    /**
     * Cancels the action's job (when not cancelled yet), waits until it runs no task, removes a
     * write's staging folder, keeps the caller's interrupt, and returns the error to throw.
     */
    private static ExecutionException cancelled(RunningAction job, String jobName, String reason, Throwable cause,
            boolean interrupted, WriteSpec write) {
        if (!job.cancel(reason) && job.cancelReason() != null) {
            reason = job.cancelReason();
        }
        boolean stopped = job.awaitStopped(CANCEL_WAIT);
        if (write != null) {
            WriteCommitter.abort(write);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new ExecutionException("Job '" + jobName + "' was cancelled: " + reason + (stopped ? ""
                : "; its tasks had not stopped " + CANCEL_WAIT.toSeconds() + " s later, the cluster goes on cancelling them"),
                cause);
    }

    private static void closeQuietly(CloseableIterator<?> it) {
        try {
            it.close();
        } catch (Exception ignored) {
            // nothing was submitted
        }
    }

    /** {@code Floe <action> at <the user's line>: <first plan node> ... <last plan node>}. */
    static String jobName(String action, String callSite, LogicalPlan plan) {
        return "Floe " + action + (callSite == null ? "" : " at " + callSite) + ": " + summary(plan);
    }

    private static String summary(LogicalPlan plan) {
        String line = plan.describe();
        LogicalPlan p = plan;
        while (!p.children().isEmpty()) {
            p = p.children().get(0);
        }
        String summary = p == plan ? line : p.describe() + " ... " + line;
        if (summary.length() > 200) {
            summary = summary.substring(0, 199) + "…";
        }
        return summary;
    }

    /** The user's error: Floe's own message when one is in the chain, else the root cause. */
    static ExecutionException failure(String jobName, Throwable e) {
        Throwable root = e;
        ExecutionException floe = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExecutionException fe) {
                floe = fe;
            }
            root = t;
            if (t.getCause() == t) {
                break;
            }
        }
        if (floe != null) {
            return new ExecutionException("Job '" + jobName + "' failed: " + floe.getMessage(), floe);
        }
        return new ExecutionException("Job '" + jobName + "' failed: " + root, root);
    }
}
