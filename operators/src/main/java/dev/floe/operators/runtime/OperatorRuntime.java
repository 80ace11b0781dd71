package dev.floe.operators.runtime;

import dev.floe.api.eval.RowPlace;
import dev.floe.api.types.Schema;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.memory.OperatorMemory;
import dev.floe.operators.spill.SpillDirectory;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a Floe operator needs at run time besides its steps, written once: the memory (the
 * managed-memory reservation, the Arrow allocator sized from it, the spill directory), the codec
 * between Flink's encoded batches and Arrow, the operator's and its steps' metrics, the failure
 * injection test hook, and one close order. Operators open it in {@code open()} and close it in
 * {@code close()}; the step harness opens one {@link #standalone} without Flink.
 *
 * <pre>{@code
 * runtime = OperatorRuntime.open(this, env, getOperatorConfig(), getMetricGroup(), getOperatorName(), budget);
 * pipeline = runtime.pipeline(steps, runtime.context(), runtime.sender(e -> output.collect(reuse.replace(e))));
 * ...
 * pipeline.push(runtime.decode(element.getValue(), inputSchema));
 * ...
 * runtime.close(); // the pipeline, then spill files, the allocator (fails on leaks), the reservation
 * }</pre>
 */
public final class OperatorRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);
    private final String name;
    private final OperatorMemory memory;
    private final MetricGroup metrics;
    private final boolean failOnce;
    /** What the operator owns besides memory, closed first, last registered first. */
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final StepMetrics input;
    /** Every step registered, in index order (read by the figures while the task runs, hence copy-on-write). */
    private final List<StepMetrics> steps = new CopyOnWriteArrayList<>();
    private volatile StepMetrics output;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile Supplier<Map<String, Long>> extras = Map::of;
    private int nextStep;
    private boolean closed;
    private boolean completed;
    /** The partition of the rows this operator evaluates (the subtask index; a source reader's split). */
    private final RowPlace partition;

    private OperatorRuntime(String name, OperatorMemory memory, MetricGroup metrics, boolean failOnce, int partition) {
        this.name = name;
        this.partition = RowPlace.of(partition);
        this.memory = memory;
        this.metrics = metrics;
        this.failOnce = failOnce;
        this.input = new StepMetrics("input");
        metrics.gauge(StepMetrics.ROWS_IN, input::rowsIn);
        metrics.gauge(StepMetrics.BATCHES_IN, input::batchesIn);
        metrics.gauge(StepMetrics.SPILL_BYTES, () -> memory.spill().bytesWritten());
        metrics.gauge(StepMetrics.PEAK_MEMORY, () -> memory.allocator().getPeakMemoryAllocation());
    }

    /**
     * For an operator inside a Flink task.
     *
     * @param owner        the operator (the managed-memory reservation's owner)
     * @param operatorName the operator's name (the plan it runs); the subtask index is appended
     * @param budget       bytes blocking steps may hold before spilling; 0 = the managed memory Flink assigned
     */
    public static OperatorRuntime open(Object owner, Environment env, StreamConfig config, MetricGroup metrics,
            String operatorName, long budget) {
        String name = operatorName + "[" + env.getTaskInfo().getIndexOfThisSubtask() + "]";
        OperatorMemory memory = OperatorMemory.open(owner, env, OperatorMemory.managedFraction(config, env), budget,
                name);
        return new OperatorRuntime(operatorName, memory, metrics, FailureInjection.armed(env, operatorName),
                env.getTaskInfo().getIndexOfThisSubtask());
    }

    /**
     * For a source reader: no managed memory, spills to {@code java.io.tmpdir}.
     *
     * @param budget bytes a blocking step fused into the source holds before spilling
     *               ({@code floe.operator.memory-budget}); 0 = the default budget
     * @param partition the reader's subtask index
     */
    public static OperatorRuntime unmanaged(String name, MetricGroup metrics, long budget, int partition) {
        return new OperatorRuntime(name, OperatorMemory.unmanaged(name, budget), metrics, false, partition);
    }

    /** Without Flink (the step harness): a budget (0 = unbounded) and no metric reporter. */
    public static OperatorRuntime standalone(String name, long budget) {
        return new OperatorRuntime(name, OperatorMemory.unmanaged(name, budget), new UnregisteredMetricsGroup(),
                false, 0);
    }

    public BufferAllocator allocator() {
        return memory.allocator();
    }

    public SpillDirectory spill() {
        return memory.spill();
    }

    /** Bytes blocking state may hold before it spills. */
    public long budget() {
        return memory.budget();
    }

    /** Where a source reader says that the rows of a new split start (see {@link RowPlace}). */
    public RowPlace partition() {
        return partition;
    }

    /** The context steps are created with (allocator, budget, spill directory, this instance's index). */
    public StepContext context() {
        return memory.stepContext().withPartition(partition);
    }

    /** The context whose broadcast input i is {@code broadcasts.apply(i)}. */
    public StepContext context(IntFunction<List<RecordBatch>> broadcasts) {
        return context().withBroadcasts(broadcasts);
    }

    /**
     * A pipeline of {@code specs} emitting into {@code sink}, owned (closed before the memory) and
     * with its steps' metrics registered as {@code step.<i>.*}, numbered on from earlier steps.
     */
    public Pipeline pipeline(List<StepSpec> specs, StepContext context, Emitter sink) {
        Pipeline pipeline = own(Pipeline.create(specs, context, sink));
        for (StepMetrics m : pipeline.metrics()) {
            register(m);
        }
        output = pipeline.output();
        metrics.gauge(StepMetrics.ROWS_OUT, pipeline.output()::rowsIn);
        metrics.gauge(StepMetrics.BATCHES_OUT, pipeline.output()::batchesIn);
        return pipeline;
    }

    /** Registers metrics of a piece of work that is not a pipeline step (a join table) as the next step. */
    public StepMetrics register(StepMetrics step) {
        step.register(metrics, nextStep++);
        steps.add(step);
        return step;
    }

    /**
     * Sends this subtask's {@link SubtaskFigures} to the client with the job's result, as the
     * accumulator {@link FiguresAccumulator#name(String) name(operatorId)}; call once after opening.
     *
     * @param operatorId the operator's id in hex ({@code OperatorID.toHexString()}), which the client
     *                   derives from the operator's uid
     */
    public void reportTo(RuntimeContext context, String operatorId) {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        context.addAccumulator(FiguresAccumulator.name(operatorId), new FiguresAccumulator(() -> figures(subtask)));
    }

    /** Figures only this operator has (a scan's row groups read), added to its {@link #figures}. */
    public void extras(Supplier<Map<String, Long>> extras) {
        this.extras = extras;
    }

    /** What this subtask did so far: input, output, memory, spilling and every step's figures. */
    public SubtaskFigures figures(int subtask) {
        List<SubtaskFigures.Step> s = new ArrayList<>(steps.size());
        for (StepMetrics m : steps) {
            s.add(m.figures());
        }
        StepMetrics out = output;
        return new SubtaskFigures(subtask, input.rowsIn(), input.batchesIn(), bytesIn, out == null ? 0 : out.rowsIn(),
                out == null ? 0 : out.batchesIn(), bytesOut, memory.spill().bytesWritten(),
                memory.spill().filesCreated(), memory.allocator().getPeakMemoryAllocation(), extras.get(), s);
    }

    /** Closes {@code resource} when the runtime closes, before the memory; returns it. */
    public <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    /** Decodes an incoming batch into this operator's allocator (the caller owns it); counts it. */
    public RecordBatch decode(EncodedBatch encoded, Schema schema) {
        arrived(encoded);
        return BatchCodec.decode(encoded, schema, memory.allocator());
    }

    /** Counts an incoming batch that is dropped or decoded elsewhere; the test hook may fail here. */
    public void arrived(EncodedBatch encoded) {
        if (failOnce) {
            throw FailureInjection.failure(name);
        }
        input.batchIn(encoded.numRows());
        bytesIn += encoded.sizeInBytes();
    }

    /** End of an input: the test hook fails here for an operator that received no batch. */
    public void endOfInput() {
        if (failOnce) {
            throw FailureInjection.failure(name);
        }
    }

    /**
     * The emitter that ends a pipeline: closes each batch after encoding it with its target
     * partition and handing it to {@code out}; batches without rows (but with columns) are dropped.
     */
    public Emitter sender(Consumer<EncodedBatch> out) {
        return (batch, partition) -> {
            try (batch) {
                if (batch.numRows() > 0 || batch.numColumns() == 0) {
                    EncodedBatch encoded = BatchCodec.encode(batch).withPartition(partition);
                    bytesOut += encoded.sizeInBytes();
                    out.accept(encoded);
                }
            }
        };
    }

    /**
     * Closes what the operator registered (last first), then deletes spill files, closes the
     * allocator (which fails on a leak) and returns the managed memory; the first failure is thrown
     * with the later ones suppressed, and every step runs. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            failure = closeQuietly(owned.get(i), failure);
        }
        owned.clear();
        failure = closeQuietly(memory, failure);
        if (failure == null) {
            return;
        }
        if (completed) {
            throw failure;
        }
        // A failing or cancelled task closes its operators inside Flink's failure handling; an
        // exception thrown there (a leak check, say) is fatal to the whole TaskManager, so the
        // task's own failure is the one reported and this one is logged.
        LOG.warn("{}: clean-up after a failed or cancelled run: {}", name, failure.toString(), failure);
    }

    /** At the end of the input: an injected failure if one is due, then the pipeline's last output, then {@link #completed()}. */
    public void finish(Pipeline pipeline) {
        endOfInput();
        pipeline.finish();
        completed();
    }

    /**
     * The operator produced all of its output; from now on a failure while closing (a leaked
     * buffer, a spill file that cannot be deleted) fails the task instead of only being logged.
     */
    public void completed() {
        completed = true;
    }

    /** What an operator's {@code close()} runs after its runtime closes ({@code super::close}). */
    @FunctionalInterface
    public interface Closer {
        void close() throws Exception;
    }

    /** Closes the runtime (if the operator got as far as opening it), then always {@code then}. */
    public static void closeThen(OperatorRuntime runtime, Closer then) throws Exception {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            then.close();
        }
    }

    private RuntimeException closeQuietly(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            RuntimeException r = e instanceof RuntimeException re ? re
                    : new IllegalStateException("Closing '" + name + "' failed: " + e.getMessage(), e);
            if (failure == null) {
                return r;
            }
            failure.addSuppressed(r);
        }
        return failure;
    }
}
