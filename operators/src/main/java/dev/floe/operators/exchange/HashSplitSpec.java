package dev.floe.operators.exchange;

import dev.floe.api.expr.Expr;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Hashing;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StageEndSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The last step before a hash exchange: hashes the key columns of each batch and splits it into
 * one batch per target partition, tagged so that Flink's custom partitioner routes it.
 */
public record HashSplitSpec(Schema inputSchema, List<Expr> keys, int numPartitions) implements StageEndSpec {
    public HashSplitSpec {
        keys = List.copyOf(keys);
    }

    @Override public Schema outputSchema() { return inputSchema; }

    @Override
    public String describe() {
        return "HashSplit: " + keys.stream().map(Expr::display).collect(Collectors.joining(", ")) + " into "
                + numPartitions;
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        KeyColumns keyColumns = KeyColumns.bind(keys, inputSchema);
        return (input, out) -> {
            int n = input.numRows();
            if (numPartitions == 1 || n == 0) {
                out.emit(input, 0);
                return;
            }
            int[] partitions;
            try (KeyColumns.Values k = keyColumns.evaluate(input, allocator)) {
                partitions = Hashing.partitionsOf(Hashing.hashRows(k.vectors(), keyColumns.types(), n), n,
                        numPartitions);
            } catch (RuntimeException e) {
                input.close();
                throw e;
            }
            Splits.emit(input, partitions, numPartitions, allocator, out);
        };
    }
}
