package dev.floe.operators.blocking;

import dev.floe.api.expr.SortKey;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Selection;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.spill.SpillFile;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Sorts everything this partition receives (blocking), or keeps only the first {@code limit} rows in
 * the order (top-N: the buffer is cut back to the best {@code limit} rows whenever it grows past a
 * few times that, so memory stays bounded by the limit).
 */
public record SortSpec(Schema inputSchema, List<SortKey> keys, Long limit) implements StepSpec {
    public SortSpec {
        keys = List.copyOf(keys);
    }

    @Override public Schema outputSchema() { return inputSchema; }

    @Override
    public String describe() {
        String k = keys.stream().map(SortKey::display).collect(Collectors.joining(", "));
        return limit == null ? "Sort: " + k : "TopN: " + limit + " by " + k;
    }

    /** The kernel's orderings of the keys. */
    public static List<Sorting.Order> orders(List<SortKey> keys) {
        List<Sorting.Order> out = new ArrayList<>(keys.size());
        for (SortKey k : keys) {
            out.add(new Sorting.Order(k.descending(), k.nullsFirst()));
        }
        return out;
    }

    /** Holds its input (as sorted runs, spilled past the budget). */
    @Override
    public int managedMemoryWeight() {
        return BLOCKING_WEIGHT;
    }

    /** Reorders rows within its partition and drops some (top-N), never changes a value. */
    @Override
    public boolean keepsColumns(List<String> columns) {
        return true;
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        KeyColumns keyColumns = KeyColumns.bind(new ArrayList<>(keys), inputSchema);
        List<Sorting.Order> orders = orders(keys);
        return new Step() {
            private final List<RecordBatch> held = new ArrayList<>();
            private final List<SpillFile> runs = new ArrayList<>();
            private long heldRows;
            private long heldBytes;
            private int sliceRows = AggregateSpec.MAX_OUTPUT_ROWS;

            @Override
            public void push(RecordBatch input, Emitter out) {
                if (limit != null && limit == 0) {
                    input.close();
                    return;
                }
                held.add(input);
                heldRows += input.numRows();
                heldBytes += input.sizeInBytes();
                if (limit != null && heldRows > Math.max(4 * limit, 65_536)) {
                    RecordBatch best = sorted();
                    held.add(best);
                    heldRows = best.numRows();
                    heldBytes = best.sizeInBytes();
                } else if (limit == null && heldBytes > context.memoryBudget() / 8) {
                    // sorting copies twice (concatenate, then take) and Arrow rounds buffers up to powers of two
                    spillRun();
                }
            }

            /** Sorts what is held and writes it to disk as one sorted run. */
            private void spillRun() {
                SpillFile run = context.spill().create("sort-run" + runs.size());
                runs.add(run);
                try (RecordBatch sorted = sorted()) {
                    // the merge holds one slice per run twice over: keep slices a small share of the budget
                    long bytesPerRow = Math.max(1, sorted.sizeInBytes() / Math.max(1, sorted.numRows()));
                    sliceRows = (int) Math.max(16, Math.min(AggregateSpec.MAX_OUTPUT_ROWS,
                            context.memoryBudget() / 64 / bytesPerRow));
                    for (int offset = 0; offset < sorted.numRows(); offset += sliceRows) {
                        int len = Math.min(sliceRows, sorted.numRows() - offset);
                        try (RecordBatch slice = sorted.slice(offset, len, allocator)) {
                            run.write(slice);
                        }
                    }
                }
                run.finishWriting();
            }

            /** Orders what is held (cut to the limit) and clears the buffer; one held batch is not copied first. */
            private RecordBatch sorted() {
                RecordBatch all = held.size() == 1 ? held.get(0) : Concat.concat(inputSchema, held, allocator);
                if (held.size() > 1) {
                    held.forEach(RecordBatch::close);
                }
                held.clear();
                heldRows = 0;
                heldBytes = 0;
                try (all) {
                    int n = all.numRows();
                    int[] order;
                    try (KeyColumns.Values k = keyColumns.evaluate(all, allocator)) {
                        order = limit == null
                                ? Sorting.sortIndices(k.vectors(), keyColumns.types(), orders, n)
                                : Sorting.topIndices(k.vectors(), keyColumns.types(), orders, n,
                                        (int) Math.min(limit, n));
                    }
                    return Selection.take(all, order, allocator);
                }
            }

            @Override
            public void finish(Emitter out) {
                if (!runs.isEmpty()) {
                    if (!held.isEmpty()) {
                        spillRun();
                    }
                    new SortedRunMerger(inputSchema, keyColumns, orders, allocator, sliceRows).merge(runs, out);
                    return;
                }
                if (held.isEmpty()) {
                    return;
                }
                AggregateSpec.emitInSlices(sorted(), allocator, out);
            }

            @Override
            public long memoryInUse() {
                return heldBytes;
            }

            @Override
            public void close() {
                held.forEach(RecordBatch::close);
                held.clear();
            }
        };
    }
}
