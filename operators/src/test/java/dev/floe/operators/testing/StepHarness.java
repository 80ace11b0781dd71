package dev.floe.operators.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import dev.floe.operators.blocking.HashJoin;
import dev.floe.operators.blocking.JoinSpec;
import dev.floe.operators.runtime.OperatorRuntime;
import dev.floe.operators.runtime.StepMetrics;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Drives steps, blocking steps and hash joins without Flink, through the same
 * {@link OperatorRuntime} and {@link Pipeline} the operators use: every input batch is encoded and
 * decoded into the runtime's allocator (as an operator receives it), outputs are collected with
 * their target partitions, and {@link #close()} fails the test if any byte is left allocated.
 *
 * <pre>{@code
 * try (StepHarness h = StepHarness.steps(List.of(sortSpec)).budget(256 << 10).open()) {
 *     h.push(batch);                    // the caller's batch, closed by the harness
 *     List<List<Object>> rows = h.finish();
 *     assertThat(h.spillFiles()).isPositive();
 * }
 * }</pre>
 */
public final class StepHarness implements AutoCloseable {
    private final OperatorRuntime runtime;
    private final Pipeline pipeline;
    private final HashJoin join;
    private final List<RecordBatch> output = new ArrayList<>();
    private final List<Integer> partitions = new ArrayList<>();
    private boolean probing;

    private StepHarness(Builder b) {
        runtime = OperatorRuntime.standalone("harness", b.budget);
        try {
            List<StepSpec> specs = b.join != null ? b.join.steps() : b.steps;
            IntFunction<List<RecordBatch>> broadcasts = i -> {
                List<RecordBatch> copies = new ArrayList<>();
                for (RecordBatch batch : b.broadcasts.get(i)) {
                    copies.add(copy(batch));
                }
                return copies;
            };
            pipeline = runtime.pipeline(specs, runtime.context(broadcasts), (batch, partition) -> {
                output.add(batch);
                partitions.add(partition);
            });
            join = b.join == null ? null : runtime.own(new HashJoin(b.join, runtime.context()));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** A harness for a pipeline of steps. */
    public static Builder steps(List<StepSpec> steps) {
        return new Builder(List.copyOf(steps), null);
    }

    /** A harness for a hash join (build, then probe) followed by its steps. */
    public static Builder join(JoinSpec spec) {
        return new Builder(List.of(), spec);
    }

    public static final class Builder {
        private final List<StepSpec> steps;
        private final JoinSpec join;
        private long budget;
        private List<List<RecordBatch>> broadcasts = List.of();

        private Builder(List<StepSpec> steps, JoinSpec join) {
            this.steps = steps;
            this.join = join;
        }

        /** Bytes blocking steps hold before spilling (the allocator's hard limit follows); default unbounded. */
        public Builder budget(long bytes) {
            this.budget = bytes;
            return this;
        }

        /** Batches of the broadcast inputs (the caller keeps them; steps get copies). */
        public Builder broadcasts(List<List<RecordBatch>> inputs) {
            this.broadcasts = inputs;
            return this;
        }

        public StepHarness open() {
            return new StepHarness(this);
        }
    }

    private RecordBatch copy(RecordBatch batch) {
        return BatchCodec.decode(BatchCodec.encode(batch), batch.schema(), runtime.allocator());
    }

    /** Feeds a batch as an operator receives it (closes the caller's batch). */
    public StepHarness push(RecordBatch batch) {
        RecordBatch in;
        try (batch) {
            in = copy(batch);
        }
        if (join == null) {
            pipeline.push(in);
        } else if (probing) {
            join.probe(in);
        } else {
            join.build(in);
        }
        return this;
    }

    /** For a join: the build side is complete; later pushes are probe batches. */
    public StepHarness endBuild() {
        join.startProbing(pipeline);
        probing = true;
        return this;
    }

    /** End of input; returns every output row so far as Java values (for comparing with a reference). */
    public List<List<Object>> finish() {
        if (join != null) {
            if (!probing) {
                endBuild();
            }
            join.finish();
        }
        pipeline.finish();
        return rows();
    }

    /** The output batches so far (owned by the harness). */
    public List<RecordBatch> output() {
        return output;
    }

    /** The target partition of each output batch, in order. */
    public List<Integer> partitions() {
        return partitions;
    }

    /** Output rows as Java values, in output order. */
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (RecordBatch b : output) {
            for (int r = 0; r < b.numRows(); r++) {
                List<Object> row = new ArrayList<>(b.numColumns());
                for (int c = 0; c < b.numColumns(); c++) {
                    row.add(Values.get(b.vector(c), b.schema().field(c).type(), r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public List<StepMetrics> metrics() {
        return pipeline.metrics();
    }

    public BufferAllocator allocator() {
        return runtime.allocator();
    }

    public int spillFiles() {
        return runtime.spill().filesCreated();
    }

    public long spillBytes() {
        return runtime.spill().bytesWritten();
    }

    /** Whether the join went to disk. */
    public boolean joinSpilled() {
        return join.spilled();
    }

    /** Releases the output, closes the steps and asserts the allocator is back to zero. */
    @Override
    public void close() {
        output.forEach(RecordBatch::close);
        output.clear();
        BufferAllocator allocator = runtime.allocator();
        try {
            pipeline.close();
            if (join != null) {
                join.close();
            }
            assertThat(allocator.getAllocatedMemory()).as("bytes left in %s: %s", allocator.getName(),
                    allocator.toVerboseString()).isZero();
        } finally {
            runtime.close();
        }
    }
}
