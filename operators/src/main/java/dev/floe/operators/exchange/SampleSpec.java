package dev.floe.operators.exchange;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StageEndSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The first step of a range exchange (blocking): samples the sort keys of one subtask's rows, a
 * random subset of each batch in proportion, cut to {@link RangeSpec#samplesPerSubtask()} rows at
 * the end, and emits them as one batch of {@link RangeSpec#keySchema()}. The picks come from a
 * fixed seed, so a rerun samples the same rows (subtasks sample different data anyway).
 */
public record SampleSpec(RangeSpec range) implements StageEndSpec {
    private static final long SEED = 42;

    @Override public Schema inputSchema() { return range.inputSchema(); }

    @Override public Schema outputSchema() { return range.keySchema(); }

    @Override public String describe() { return "Sample: " + range.describe().substring("RangeSplit: ".length()); }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        KeyColumns keys = KeyColumns.bind(new ArrayList<>(range.keys()), range.inputSchema());
        SplittableRandom random = new SplittableRandom(SEED);
        int samples = range.samplesPerSubtask();
        return new Step() {
            private final List<RecordBatch> held = new ArrayList<>();
            private long heldBytes;

            private int[] pick(int n, int want) {
                int[] idx = new int[want];
                for (int i = 0; i < want; i++) {
                    idx[i] = want == n ? i : random.nextInt(n);
                }
                return idx;
            }

            @Override
            public void push(RecordBatch input, Emitter out) {
                try (input) {
                    int n = input.numRows();
                    if (n == 0) {
                        return;
                    }
                    try (RecordBatch k = range.keysOf(input, keys, allocator)) {
                        RecordBatch sample = Selection.take(k, pick(n, Math.min(n, samples)), allocator);
                        held.add(sample);
                        heldBytes += sample.sizeInBytes();
                    }
                }
            }

            @Override
            public void finish(Emitter out) {
                if (held.isEmpty()) {
                    return;
                }
                try (RecordBatch all = Concat.concat(range.keySchema(), held, allocator)) {
                    close();
                    out.emit(Selection.take(all, pick(all.numRows(), Math.min(all.numRows(), samples)), allocator));
                }
            }

            @Override
            public long memoryInUse() {
                return heldBytes;
            }

            @Override
            public void close() {
                held.forEach(RecordBatch::close);
                held.clear();
                heldBytes = 0;
            }
        };
    }
}
