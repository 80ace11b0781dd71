package dev.floe.operators.step;

import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A fused chain of steps run batch by batch inside one Flink operator. */
public final class Pipeline implements AutoCloseable {
    private final List<Step> steps;
    private final long[] rowsOut;

    private Pipeline(List<Step> steps) {
        this.steps = steps;
        this.rowsOut = new long[steps.size()];
    }

    public static Pipeline create(List<StepSpec> specs, BufferAllocator allocator) {
        List<Step> steps = new ArrayList<>(specs.size());
        for (StepSpec s : specs) {
            steps.add(s.create(allocator));
        }
        return new Pipeline(steps);
    }

    /** Runs every step; takes ownership of the input, returns null when no row remains. */
    public RecordBatch run(RecordBatch input) {
        RecordBatch current = input;
        for (int i = 0; i < steps.size() && current != null; i++) {
            current = steps.get(i).apply(current);
            if (current != null) {
                rowsOut[i] += current.numRows();
            }
        }
        return current;
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

    /** Rows that left step i so far. */
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
