package dev.floe.translator;

import dev.floe.arrow.EncodedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * One action's Flink job while it runs. The job is submitted and its results fetched on a thread of
 * its own: Flink's result fetcher retries through interrupts, so a caller waiting in it could never
 * stop. The caller waits on {@link #await} instead, and on an interrupt, a timeout or
 * {@link FlinkExecutor#cancelAll} the job is cancelled and {@link #awaitStopped} waits until it has
 * no running task, before a write's staging folder is removed.
 *
 * <p>A streamed action ({@link #stream}) hands its batches over one at a time through a small
 * queue instead of gathering them: the fetching thread waits while the queue is full (so the job
 * waits once the collect sink's buffer is full too), and the reader takes them with {@link #take},
 * which an interrupt, a cancel or the job's failure ends.
 */
final class RunningAction {
    private final String jobName;
    private final CompletableFuture<Finished> result = new CompletableFuture<>();
    private final CountDownLatch fetcherDone = new CountDownLatch(1);
    /** The submitted job, once submitted; guarded by this. */
    private JobClient client;
    /** Why the action was cancelled, or null; guarded by this. */
    private String cancelReason;

    private final Watcher watcher;
    /** Where a streamed action's batches wait for the reader; null when the action gathers them all. */
    private final BlockingQueue<EncodedBatch> handOver;

    private RunningAction(String jobName, Watcher watcher, BlockingQueue<EncodedBatch> handOver) {
        this.jobName = jobName;
        this.watcher = watcher;
        this.handOver = handOver;
    }

    /**
     * A job that ended: its id, result batches, run time on the cluster, and accumulators (which
     * carry every operator's figures).
     */
    record Finished(String jobId, List<EncodedBatch> batches, Duration duration, Map<String, Object> accumulators) {
    }

    /** What watches a submitted job to its end (the progress display); closed then. */
    @FunctionalInterface
    interface Watcher {
        AutoCloseable watch(String jobId) throws Exception;
    }

    /**
     * Submits the job that feeds {@code results} (from {@code collectAsync()}) and fetches them on a
     * new thread; {@code watcher} watches it from submission until it ended.
     */
    static RunningAction start(String jobName, StreamExecutionEnvironment env, CloseableIterator<EncodedBatch> results,
            Watcher watcher) {
        return start(new RunningAction(jobName, watcher, null), env, results);
    }

    /**
     * Like {@link #start}, but the batches are handed to the reader through a queue of at most
     * {@code capacity} batches ({@link #take}); the job's {@link Finished} then holds no batches.
     */
    static RunningAction stream(String jobName, StreamExecutionEnvironment env, CloseableIterator<EncodedBatch> results,
            Watcher watcher, int capacity) {
        return start(new RunningAction(jobName, watcher, new ArrayBlockingQueue<>(capacity)), env, results);
    }

    private static RunningAction start(RunningAction action, StreamExecutionEnvironment env,
            CloseableIterator<EncodedBatch> results) {
        String jobName = action.jobName;
        Thread fetcher = new Thread(() -> action.run(env, results), "floe-action " + jobName);
        fetcher.setDaemon(true);
        fetcher.start();
        return action;
    }

    private void run(StreamExecutionEnvironment env, CloseableIterator<EncodedBatch> results) {
        // closing the iterator cancels the job if it still runs (Flink's collect fetcher does that)
        try (results) {
            JobClient submitted = env.executeAsync(jobName);
            synchronized (this) {
                client = submitted;
            }
            if (cancelReason() != null) {
                submitted.cancel();
                return;
            }
            String jobId = submitted.getJobID().toHexString();
            Finished finished;
            // the watcher has drawn its last when the action returns
            try (AutoCloseable watching = watcher.watch(jobId)) {
                List<EncodedBatch> out = new ArrayList<>();
                while (results.hasNext()) {
                    if (!handOver(results.next(), out)) {
                        return;
                    }
                }
                // the job's own result: its run time and the accumulators with the operators' figures
                JobExecutionResult done = submitted.getJobExecutionResult().get();
                finished = new Finished(jobId, out, Duration.ofMillis(done.getNetRuntime()),
                        done.getAllAccumulatorResults());
            }
            result.complete(finished);
        } catch (Throwable e) {
            result.completeExceptionally(e);
        } finally {
            fetcherDone.countDown();
        }
    }

    /** Keeps or hands over one batch; false once the action was cancelled. */
    private boolean handOver(EncodedBatch batch, List<EncodedBatch> out) throws InterruptedException {
        if (handOver == null) {
            out.add(batch);
            return cancelReason() == null;
        }
        while (!handOver.offer(batch, 50, TimeUnit.MILLISECONDS)) {
            if (cancelReason() != null) {
                return false;
            }
        }
        return cancelReason() == null;
    }

    /**
     * A streamed action's next batch, waiting while the job produces it; null once the job has
     * finished and every batch was taken. Throws as {@link #await} does: {@link CancellationException}
     * once {@link #cancel} was called (even with batches left), the job's failure as the cause of an
     * {@link java.util.concurrent.ExecutionException}, and {@link InterruptedException} when the
     * reading thread is interrupted (the job goes on until someone cancels it).
     */
    EncodedBatch take() throws InterruptedException, java.util.concurrent.ExecutionException {
        while (true) {
            if (result.isCompletedExceptionally()) {
                result.get();
            }
            EncodedBatch b = handOver.poll(50, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            if (result.isDone()) {
                // the fetcher queued its last batch before it completed the result
                b = handOver.poll();
                if (b != null) {
                    return b;
                }
                result.get();
                return null;
            }
        }
    }

    /** The submitted job, or null before submission. */
    synchronized JobClient client() {
        return client;
    }

    /**
     * The job's results; {@code timeout} null waits without limit. Throws
     * {@link CancellationException} once {@link #cancel} was called, and the job's failure as the
     * cause of an {@link java.util.concurrent.ExecutionException}.
     */
    Finished await(Duration timeout) throws InterruptedException, TimeoutException,
            java.util.concurrent.ExecutionException {
        return timeout == null ? result.get() : result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    synchronized String cancelReason() {
        return cancelReason;
    }

    /**
     * Cancels the job (now, or as soon as it is submitted) and ends {@link #await}; false when the
     * action had already ended or been cancelled.
     */
    boolean cancel(String reason) {
        JobClient c;
        synchronized (this) {
            if (cancelReason != null || result.isDone()) {
                return false;
            }
            cancelReason = reason;
            c = client;
        }
        if (c != null) {
            c.cancel();
        }
        result.completeExceptionally(new CancellationException(reason));
        return true;
    }

    /**
     * After {@link #cancel}: waits up to {@code wait} until the job is terminal (every task has
     * stopped, so none writes a file any more) and the fetching thread has ended; false when that
     * did not happen in time. An interrupt of the waiting thread ends the wait and is kept.
     */
    boolean awaitStopped(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean interrupted = false;
        boolean stopped = false;
        try {
            fetcherDone.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            JobClient c;
            synchronized (this) {
                c = client;
            }
            while (c != null && !c.getJobStatus().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .isGloballyTerminalState()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
            stopped = fetcherDone.getCount() == 0;
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (TimeoutException | java.util.concurrent.ExecutionException | RuntimeException e) {
            stopped = false;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return stopped;
    }
}
