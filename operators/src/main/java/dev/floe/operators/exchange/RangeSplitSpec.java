package dev.floe.operators.exchange;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StageEndSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The last step of a range exchange: routes every row to the partition whose key range holds it,
 * given the boundaries (broadcast input {@code input} of the operator, read before any row), and
 * tags the pieces for Flink's custom partitioner. A row equal to boundary b goes to partition b
 * (with the rows just below it), so equal keys share a partition.
 */
public record RangeSplitSpec(RangeSpec range, int input) implements StageEndSpec {

    @Override public Schema inputSchema() { return range.inputSchema(); }

    @Override public Schema outputSchema() { return range.inputSchema(); }

    @Override public String describe() { return range.describe(); }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        KeyColumns keys = KeyColumns.bind(new ArrayList<>(range.keys()), range.inputSchema());
        List<RecordBatch> parts = context.broadcast(input);
        RecordBatch boundaries;
        try {
            boundaries = Concat.concat(range.keySchema(), parts, allocator);
        } finally {
            parts.forEach(RecordBatch::close);
        }
        int numPartitions = range.numPartitions();
        return new Step() {
            @Override
            public void push(RecordBatch batch, dev.floe.operators.step.Emitter out) {
                int n = batch.numRows();
                if (n == 0) {
                    batch.close();
                    return;
                }
                int[] partitions;
                if (boundaries.numRows() == 0) {
                    partitions = new int[n];
                } else {
                    try (KeyColumns.Values k = keys.evaluate(batch, allocator)) {
                        partitions = Sorting.rangePartitions(k.vectors(), keys.types(), range.orders(), n,
                                boundaries.vectors(), boundaries.numRows());
                    } catch (RuntimeException e) {
                        batch.close();
                        throw e;
                    }
                }
                Splits.emit(batch, partitions, numPartitions, allocator, out);
            }

            @Override
            public void close() {
                boundaries.close();
            }
        };
    }
}
