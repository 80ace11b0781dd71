package dev.floe.operators.exchange;

import dev.floe.api.types.Schema;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StepSpec;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;

/** Spreads whole batches over the target partitions in turn, starting at a random one. */
public record RoundRobinSplitSpec(Schema inputSchema, int numPartitions) implements StepSpec {

    @Override public Schema outputSchema() { return inputSchema; }

    @Override public String describe() { return "RoundRobinSplit: into " + numPartitions; }

    /** Holds one batch at a time. */
    @Override
    public int managedMemoryWeight() {
        return 0;
    }

    /** Ends a stage before an exchange, whose distribution is the partitioning that follows. */
    @Override
    public boolean keepsColumns(List<String> columns) {
        return false;
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        int[] next = {ThreadLocalRandom.current().nextInt(numPartitions)};
        return (input, out) -> {
            out.emit(input, next[0]);
            next[0] = (next[0] + 1) % numPartitions;
        };
    }
}
