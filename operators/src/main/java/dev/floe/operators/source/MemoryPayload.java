package dev.floe.operators.source;

import dev.floe.arrow.EncodedBatch;
import java.util.List;

/** One partition of client-held batches (fromColumns, fromArrow, collect). */
public record MemoryPayload(int partition, List<EncodedBatch> batches) implements SplitPayload {
    public MemoryPayload {
        batches = List.copyOf(batches);
    }

    @Override
    public String describe() {
        return "in-memory partition " + partition;
    }
}
