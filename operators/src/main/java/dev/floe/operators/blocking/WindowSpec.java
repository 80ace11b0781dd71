package dev.floe.operators.blocking;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Sorting;
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
 * holding back the look-behind rows; other functions (percentRank, cumeDist, ntile, frames to
 * UNBOUNDED FOLLOWING, RANGE offsets) hold the whole partition.
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

    /** The most rows before a row that some streaming function reads (held back from each piece). */
    long lookBehind() {
        return calls.stream().mapToLong(WindowCall::lookBehind).max().orElse(0);
    }

    /** The most rows after a row that some streaming function reads. */
    long lookAhead() {
        return calls.stream().mapToLong(WindowCall::lookAhead).max().orElse(0);
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
        long streamAbove = streams() ? Math.max(1 << 16, context.memoryBudget() / 4) : Long.MAX_VALUE;
        return new Step() {
            private final List<RecordBatch> held = new ArrayList<>();
            private long heldBytes;
            private WindowPartition.Carry carry = WindowPartition.Carry.start(calls.size());
            private long flushAbove = streamAbove;

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
                    boolean starts = r == 0
                            ? !held.isEmpty() && differs(last(), held.get(held.size() - 1).numRows() - 1, keys, 0)
                            : differs(keys, r - 1, keys, r);
                    if (starts) {
                        if (r > from) {
                            hold(input.slice(from, r - from, allocator));
                        }
                        flush(out, true);
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
                    flush(out, false);
                    // a piece that could not be cut (one peer group, or a look-ahead as large as
                    // the piece) is tried again only once it has doubled, not on every batch
                    flushAbove = Math.max(streamAbove, 2 * heldBytes);
                }
            }

            private List<FieldVector> keys(RecordBatch b) {
                List<FieldVector> out = new ArrayList<>(partitionColumns.size());
                for (int c : partitionColumns) {
                    out.add(b.vector(c));
                }
                return out;
            }

            private List<FieldVector> last() {
                return keys(held.get(held.size() - 1));
            }

            private boolean differs(List<FieldVector> a, int i, List<FieldVector> b, int j) {
                return !partitionColumns.isEmpty() && Sorting.compareRows(a, i, b, j, keyTypes, keyOrders) != 0;
            }

            private void hold(RecordBatch b) {
                held.add(b);
                heldBytes += b.sizeInBytes();
            }

            /** Evaluates the held rows: all of them when the partition is complete, else those whose values are known. */
            private void flush(Emitter out, boolean complete) {
                if (held.isEmpty()) {
                    return;
                }
                RecordBatch part = held.size() == 1 ? held.get(0) : Concat.concat(inputSchema, held, allocator);
                if (held.size() > 1) {
                    held.forEach(RecordBatch::close);
                }
                held.clear();
                heldBytes = 0;
                WindowPartition.Result r = WindowPartition.evaluate(WindowSpec.this, part, complete, carry, allocator);
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
                flush(out, true);
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
            }
        };
    }
}
