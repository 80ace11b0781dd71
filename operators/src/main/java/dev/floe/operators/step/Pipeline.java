package dev.floe.operators.step;

import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.runtime.StepMetrics;
import dev.floe.operators.spill.SpillDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * A fused chain of steps run batch by batch inside one Flink operator (or the step harness). Each
 * step emits into the next; the last emits into the sink the operator gives (which encodes and
 * sends). Every step's {@link StepMetrics} are recorded here, once, for all operators.
 */
public final class Pipeline implements AutoCloseable {
    private final List<Step> steps;
    private final Emitter[] inputs;
    private final List<StepMetrics> metrics;
    private final StepMetrics output;
    private final SpillDirectory spill;
    private boolean closed;

    private Pipeline(List<Step> steps, List<StepSpec> specs, SpillDirectory spill, Emitter sink) {
        this.steps = steps;
        this.spill = spill;
        this.inputs = new Emitter[steps.size() + 1];
        List<StepMetrics> m = new ArrayList<>(steps.size());
        for (StepSpec s : specs) {
            m.add(new StepMetrics(s.describe()));
        }
        this.metrics = List.copyOf(m);
        this.output = new StepMetrics("output");
        inputs[steps.size()] = measured(output, null, spill, sink);
        for (int i = steps.size() - 1; i >= 0; i--) {
            metrics.get(i).emitsInto(i + 1 < steps.size() ? metrics.get(i + 1) : output);
            Step step = steps.get(i);
            Emitter next = inputs[i + 1];
            inputs[i] = measured(metrics.get(i), step, spill,
                    (batch, partition) -> step.push(batch, partition == EncodedBatch.NO_PARTITION ? next
                            : tagged(next, partition)));
        }
    }

    /** Counts what enters {@code into}, and times the call (which includes what runs downstream). */
    private static Emitter measured(StepMetrics m, Step step, SpillDirectory spill, Emitter into) {
        return (batch, partition) -> {
            m.batchIn(batch.numRows());
            long spilled = spill.bytesWritten();
            long start = System.nanoTime();
            long cpu = StepMetrics.cpuNow();
            into.emit(batch, partition);
            m.called(System.nanoTime() - start, StepMetrics.cpuNow() - cpu, spill.bytesWritten() - spilled);
            if (step != null) {
                m.holding(step.memoryInUse());
            }
        };
    }

    private static Emitter tagged(Emitter next, int partition) {
        // a step after a split keeps the split's target partition
        return (batch, p) -> next.emit(batch, p == EncodedBatch.NO_PARTITION ? partition : p);
    }

    /** Steps built from their specs in this context; results go to {@code sink}. */
    public static Pipeline create(List<StepSpec> specs, StepContext context, Emitter sink) {
        List<Step> steps = new ArrayList<>(specs.size());
        try {
            for (StepSpec s : specs) {
                steps.add(s.create(context));
            }
        } catch (RuntimeException e) {
            steps.forEach(Step::close);
            throw e;
        }
        return new Pipeline(steps, specs, context.spill(), sink);
    }

    /** Runs the batch through every step; takes ownership of it. */
    public void push(RecordBatch input) {
        inputs[0].emit(input);
    }

    /** End of input: each step in order emits what it holds into the rest of the chain. */
    public void finish() {
        for (int i = 0; i < steps.size(); i++) {
            long spilled = spill.bytesWritten();
            long start = System.nanoTime();
            long cpu = StepMetrics.cpuNow();
            steps.get(i).finish(inputs[i + 1]);
            long nanos = System.nanoTime() - start;
            cpu = StepMetrics.cpuNow() - cpu;
            spilled = spill.bytesWritten() - spilled;
            // inclusive figures: step i's finish runs downstream of every step before it
            for (int j = 0; j <= i; j++) {
                metrics.get(j).called(nanos, cpu, spilled);
            }
        }
    }

    /** True when some step will drop everything from now on, so reading more is pointless. */
    public boolean finished() {
        for (Step s : steps) {
            if (s.finished()) {
                return true;
            }
        }
        return false;
    }

    /** One entry per step, in order. */
    public List<StepMetrics> metrics() {
        return metrics;
    }

    /** What left the last step (rows and batches the operator sent, and the time the sink took). */
    public StepMetrics output() {
        return output;
    }

    /** Closes every step once (a second call does nothing). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Step s : steps) {
            s.close();
        }
    }
}
