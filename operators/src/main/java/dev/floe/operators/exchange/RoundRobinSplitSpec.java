package dev.floe.operators.exchange;

import dev.floe.api.types.Schema;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StageEndSpec;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;

/** Spreads whole batches over the target partitions in turn, starting at a random one. */
public record RoundRobinSplitSpec(Schema inputSchema, int numPartitions) implements StageEndSpec {

    @Override public Schema outputSchema() { return inputSchema; }

    @Override public String describe() { return "RoundRobinSplit: into " + numPartitions; }

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
