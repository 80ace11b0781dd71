package dev.floe.operators.blocking;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A broadcast hash join as a step of the probe side's pipeline: the build rows come from the
 * operator's broadcast input {@code input} (read completely before any probe batch), so a chain
 * of broadcast joins runs in one operator with no exchange between them. Only join types that
 * never emit unmatched build rows can be broadcast, so every subtask's output is its own.
 *
 * @param input the index of the operator's broadcast input holding the build side
 */
public record BroadcastJoinSpec(int input, JoinSpec join) implements StepSpec {

    public BroadcastJoinSpec {
        if (join.mode().keepsUnmatchedBuild()) {
            throw new IllegalArgumentException("a broadcast build side cannot keep its unmatched rows: " + join.describe());
        }
    }

    @Override
    public Schema inputSchema() {
        return join.probeSchema();
    }

    @Override
    public Schema outputSchema() {
        return join.outputSchema();
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(join.describe() + " [broadcast, build " + (join.buildIsLeft() ? "left" : "right") + "]");
        for (StepSpec s : join.steps()) {
            parts.add(s.describe());
        }
        return String.join(" -> ", parts);
    }

    /** Holds the whole broadcast build side in a hash table. */
    @Override
    public int managedMemoryWeight() {
        return BLOCKING_WEIGHT;
    }

    /** Its node ({@code BroadcastJoinNode}) states the join's output partitioning. */
    @Override
    public boolean keepsColumns(List<String> columns) {
        return false;
    }

    @Override
    public Step create(StepContext context) {
        return new BroadcastJoinStep(join, context.broadcast(input), context);
    }

    /** Probes the build table with each batch; the joined rows run through the join's own steps. */
    private static final class BroadcastJoinStep implements Step {
        private final Pipeline after;
        private final JoinTable table;
        private Emitter out;

        BroadcastJoinStep(JoinSpec join, List<RecordBatch> build, StepContext context) {
            this.after = Pipeline.create(join.steps(), context, (batch, partition) -> out.emit(batch, partition));
            JoinTable t;
            try {
                t = new JoinTable(join, build, context.allocator(), after);
            } catch (RuntimeException e) {
                after.close();
                throw e; // JoinTable closes the build batches it was given, also when it fails
            }
            this.table = t;
        }

        @Override
        public void push(RecordBatch input, Emitter out) {
            this.out = out;
            try (input) {
                table.probe(input);
            }
        }

        @Override
        public void finish(Emitter out) {
            this.out = out;
            table.finish();
            after.finish();
        }

        @Override
        public long memoryInUse() {
            return table.sizeInBytes();
        }

        @Override
        public void close() {
            try {
                table.close();
            } finally {
                after.close();
            }
        }
    }
}
