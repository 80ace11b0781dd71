package dev.floe.operators.step;

import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A fused chain of steps run batch by batch inside one Flink operator. Each step emits into the
 * next; the last emits into the sink the operator gives (which encodes and sends).
 */
public final class Pipeline implements AutoCloseable {
    private final List<Step> steps;
    private final Emitter[] inputs;
    private final long[] rowsOut;

    private Pipeline(List<Step> steps, Emitter sink) {
        this.steps = steps;
        this.rowsOut = new long[steps.size()];
        this.inputs = new Emitter[steps.size() + 1];
        inputs[steps.size()] = sink;
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            Emitter next = inputs[i + 1];
            int index = i;
            inputs[i] = (batch, partition) -> {
                if (index > 0) {
                    rowsOut[index - 1] += batch.numRows();
                }
                step.push(batch, partition == dev.floe.arrow.EncodedBatch.NO_PARTITION ? next : tagged(next, partition));
            };
        }
    }

    private static Emitter tagged(Emitter next, int partition) {
        // a step after a split keeps the split's target partition
        return (batch, p) -> next.emit(batch, p == dev.floe.arrow.EncodedBatch.NO_PARTITION ? partition : p);
    }

    /** Steps built from their specs in this allocator; results go to {@code sink}. */
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
        return new Pipeline(steps, sink);
    }

    /** Runs the batch through every step; takes ownership of it. */
    public void push(RecordBatch input) {
        inputs[0].emit(input);
    }

    /** End of input: each step in order emits what it holds into the rest of the chain. */
    public void finish() {
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).finish(inputs[i + 1]);
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

    /** Rows that left step i so far (the last step's rows are counted by the sink). */
    public long rowsOut(int i) {
        return rowsOut[i];
    }

    @Override
    public void close() {
        for (Step s : steps) {
            s.close();
        }
    }
}
