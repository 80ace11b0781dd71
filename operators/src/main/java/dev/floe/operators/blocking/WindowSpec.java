package dev.floe.operators.blocking;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.spill.SpillFile;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Window functions over input sorted by (partition keys, order keys): the step collects the rows
 * of one partition, evaluates every function over it in one pass ({@link WindowPartition}) and
 * emits the input columns followed by one column per function. When a partition grows past a
 * quarter of the memory budget and every function needs only a bounded number of rows around a
 * row (row numbers, ranks, lag/lead, running aggregates from UNBOUNDED PRECEDING, ROWS frames from
 * n PRECEDING to m FOLLOWING), the rows whose values are known are evaluated and emitted at once
 * (all but the look-ahead of the last, and only whole peer groups when a function depends on
 * peers), carrying counters and one partial state per running aggregate into the rest, and
 * holding back the look-behind rows. When some function needs the partition's size (percentRank,
 * cumeDist, ntile) or its whole aggregate (a decomposable aggregation over the whole partition) and
 * the rest stream, a partition past the budget takes two passes: the first writes its rows to a
 * spill file while counting them and folding the whole aggregates, the second reads them back and
 * streams them as above. Other functions (frames to UNBOUNDED FOLLOWING that start inside the
 * partition, RANGE offsets) hold the whole partition.
 *
 * @param partitionColumns input columns the rows are partitioned on (none: one partition)
 * @param orderColumns     input columns of the order within a partition, with {@code orders}
 */
public record WindowSpec(Schema inputSchema, List<Integer> partitionColumns, List<Integer> orderColumns,
        List<Sorting.Order> orders, List<WindowCall> calls, Schema outputSchema, String describe)
        implements StepSpec {

    public WindowSpec {
        partitionColumns = List.copyOf(partitionColumns);
        orderColumns = List.copyOf(orderColumns);
        orders = List.copyOf(orders);
        calls = List.copyOf(calls);
    }

    /** Holds one partition (or the open piece of a streamed one). */
    @Override
    public int managedMemoryWeight() {
        return BLOCKING_WEIGHT;
    }

    /** Input columns pass through unchanged (and in partitions' order); new columns have new names. */
    @Override
    public boolean keepsColumns(List<String> columns) {
        return inputSchema.names().containsAll(columns);
    }

    /** True when every function can stream a partition in pieces. */
    boolean streams() {
        return calls.stream().allMatch(WindowCall::streams);
    }

    /** True when every function streams once the partition's size is known (a two-pass partition). */
    boolean streamsWhenSized() {
        return calls.stream().allMatch(c -> c.streams() || c.sized());
    }

    /** The most rows before a row that some streaming function reads (held back from each piece). */
    long lookBehind() {
        return lookBehind(false);
    }

    /** The most rows after a row that some streaming function reads. */
    long lookAhead() {
        return lookAhead(false);
    }

    /** As {@link #lookBehind()}; with the partition's size known, sized functions read no other rows. */
    long lookBehind(boolean sizeKnown) {
        return calls.stream().mapToLong(c -> c.lookBehind(sizeKnown)).max().orElse(0);
    }

    long lookAhead(boolean sizeKnown) {
        return calls.stream().mapToLong(c -> c.lookAhead(sizeKnown)).max().orElse(0);
    }

    /** True when some function depends on peer groups. */
    boolean needsPeers() {
        return calls.stream().anyMatch(WindowCall::needsPeers);
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        List<DataType> keyTypes = new ArrayList<>();
        List<Sorting.Order> keyOrders = new ArrayList<>();
        for (int c : partitionColumns) {
            keyTypes.add(inputSchema.field(c).type());
            keyOrders.add(Sorting.Order.of(false));
        }
        boolean streams = streams();
        boolean twoPass = !streams && streamsWhenSized();
        long streamAbove = streams || twoPass ? Math.max(1 << 16, context.memoryBudget() / 4) : Long.MAX_VALUE;
        return new Step() {
            private final List<RecordBatch> held = new ArrayList<>();
            private long heldBytes;
            private WindowPartition.Carry carry = WindowPartition.Carry.start(calls.size());
            private long flushAbove = streamAbove;
            /** The first pass of a partition past the budget (two-pass functions only): its rows on disk. */
            private SpillFile firstPass;
            private long firstPassRows;
            private List<List<FieldVector>> totals;
            /** The last row written to the first pass, for telling where the partition ends. */
            private RecordBatch lastWritten;

            @Override
            public void push(RecordBatch input, Emitter out) {
                int n = input.numRows();
                if (n == 0) {
                    input.close();
                    return;
                }
                List<FieldVector> keys = keys(input);
                int from = 0;
                for (int r = 0; r < n; r++) {
                    RecordBatch before = held.isEmpty() ? lastWritten : held.get(held.size() - 1);
                    boolean starts = r == 0
                            ? before != null && differs(keys(before), before.numRows() - 1, keys, 0)
                            : differs(keys, r - 1, keys, r);
                    if (starts) {
                        if (r > from) {
                            hold(input.slice(from, r - from, allocator));
                        }
                        endPartition(out);
                        from = r;
                    }
                }
                if (from == 0) {
                    hold(input);
                } else {
                    try (input) {
                        hold(input.slice(from, n - from, allocator));
                    }
                }
                if (heldBytes > flushAbove) {
                    if (twoPass) {
                        startFirstPass();
                    } else {
                        flush(out, false, null);
                        // a piece that could not be cut (one peer group, or a look-ahead as large as
                        // the piece) is tried again only once it has doubled, not on every batch
                        flushAbove = Math.max(streamAbove, 2 * heldBytes);
                    }
                }
            }

            private List<FieldVector> keys(RecordBatch b) {
                List<FieldVector> out = new ArrayList<>(partitionColumns.size());
                for (int c : partitionColumns) {
                    out.add(b.vector(c));
                }
                return out;
            }

            private boolean differs(List<FieldVector> a, int i, List<FieldVector> b, int j) {
                return !partitionColumns.isEmpty() && Sorting.compareRows(a, i, b, j, keyTypes, keyOrders) != 0;
            }

            /** Holds a batch of the current partition, or writes it to the first pass when one runs. */
            private void hold(RecordBatch b) {
                if (firstPass != null) {
                    write(b);
                    return;
                }
                held.add(b);
                heldBytes += b.sizeInBytes();
            }

            /**
             * The partition outgrew the budget and some function needs its size: from now on its
             * rows go to disk while their count and the whole-partition aggregates are gathered.
             */
            private void startFirstPass() {
                firstPass = context.spill().create("window-partition");
                firstPassRows = 0;
                totals = new ArrayList<>();
                for (int k = 0; k < calls.size(); k++) {
                    totals.add(null);
                }
                List<RecordBatch> batches = new ArrayList<>(held);
                held.clear();
                heldBytes = 0;
                for (RecordBatch b : batches) {
                    write(b);
                }
            }

            private void write(RecordBatch b) {
                try (b) {
                    firstPass.write(b);
                    firstPassRows += b.numRows();
                    for (int k = 0; k < calls.size(); k++) {
                        WindowCall c = calls.get(k);
                        if (c.op() == null && c.sized()) {
                            List<FieldVector> before = totals.get(k);
                            totals.set(k, dev.floe.arrow.kernels.window.FrameAggregates.carryOver(
                                    () -> c.newAccumulator(allocator), before,
                                    c.input() < 0 ? null : b.vector(c.input()), b.numRows(), allocator));
                            if (before != null) {
                                before.forEach(FieldVector::close);
                            }
                        }
                    }
                    if (lastWritten != null) {
                        lastWritten.close();
                    }
                    lastWritten = b.slice(b.numRows() - 1, 1, allocator);
                }
            }

            /** The partition's last row is in: evaluate it (the second pass when it went to disk). */
            private void endPartition(Emitter out) {
                if (firstPass == null) {
                    flush(out, true, null);
                    return;
                }
                WindowPartition.Sized sized = new WindowPartition.Sized(firstPassRows, totals);
                SpillFile file = firstPass;
                firstPass = null;
                try (SpillFile.Reader reader = file.reader(inputSchema, allocator)) {
                    for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                        hold(b);
                        if (heldBytes > flushAbove) {
                            flush(out, false, sized);
                            flushAbove = Math.max(streamAbove, 2 * heldBytes);
                        }
                    }
                    flush(out, true, sized);
                } finally {
                    file.delete();
                    closeTotals();
                    if (lastWritten != null) {
                        lastWritten.close();
                        lastWritten = null;
                    }
                }
            }

            private void closeTotals() {
                if (totals != null) {
                    for (List<FieldVector> t : totals) {
                        if (t != null) {
                            t.forEach(FieldVector::close);
                        }
                    }
                    totals = null;
                }
            }

            /** Evaluates the held rows: all of them when the partition is complete, else those whose values are known. */
            private void flush(Emitter out, boolean complete, WindowPartition.Sized sized) {
                if (held.isEmpty()) {
                    return;
                }
                RecordBatch part = held.size() == 1 ? held.get(0) : Concat.concat(inputSchema, held, allocator);
                if (held.size() > 1) {
                    held.forEach(RecordBatch::close);
                }
                held.clear();
                heldBytes = 0;
                WindowPartition.Result r = WindowPartition.evaluate(WindowSpec.this, part, complete, carry, sized,
                        allocator);
                carry = r.carry();
                if (r.rest() != null) {
                    hold(r.rest());
                }
                if (complete) {
                    flushAbove = streamAbove;
                }
                if (r.output() != null) {
                    AggregateSpec.emitInSlices(r.output(), allocator, out);
                }
            }

            @Override
            public void finish(Emitter out) {
                endPartition(out);
            }

            @Override
            public long memoryInUse() {
                return heldBytes;
            }

            @Override
            public void close() {
                held.forEach(RecordBatch::close);
                held.clear();
                carry.close();
                closeTotals();
                if (lastWritten != null) {
                    lastWritten.close();
                    lastWritten = null;
                }
                if (firstPass != null) {
                    firstPass.delete();
                    firstPass = null;
                }
            }
        };
    }
}
