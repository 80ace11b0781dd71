package dev.floe.operators.exchange;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Selection;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StageEndSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The middle step of a range exchange (blocking, run by one subtask): sorts every subtask's key
 * samples and emits {@code numPartitions - 1} evenly spaced boundaries as one batch (none when no
 * sample arrived: then every row goes to partition 0).
 */
public record BoundariesSpec(RangeSpec range) implements StageEndSpec {

    @Override public Schema inputSchema() { return range.keySchema(); }

    @Override public Schema outputSchema() { return range.keySchema(); }

    @Override public String describe() { return "RangeBoundaries: " + (range.numPartitions() - 1) + " from samples"; }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        Schema keySchema = range.keySchema();
        return new Step() {
            private final List<RecordBatch> samples = new ArrayList<>();

            @Override
            public void push(RecordBatch input, Emitter out) {
                samples.add(input);
            }

            @Override
            public void finish(Emitter out) {
                try (RecordBatch all = Concat.concat(keySchema, samples, allocator)) {
                    close();
                    int n = all.numRows();
                    int[] order = Sorting.sortIndices(all.vectors(), keySchema.types(), range.orders(), n);
                    int parts = range.numPartitions();
                    int[] picks = new int[n == 0 ? 0 : parts - 1];
                    for (int i = 1; i <= picks.length; i++) {
                        picks[i - 1] = order[(int) Math.min(n - 1, (long) i * n / parts)];
                    }
                    out.emit(Selection.take(all, picks, allocator));
                }
            }

            @Override
            public void close() {
                samples.forEach(RecordBatch::close);
                samples.clear();
            }
        };
    }
}
