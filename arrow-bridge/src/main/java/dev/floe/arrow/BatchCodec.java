package dev.floe.arrow;

import dev.floe.api.types.Schema;
import org.apache.arrow.memory.BufferAllocator;

/** Encodes batches as Arrow IPC record-batch messages and decodes them into an allocator. No per-value work. */
public final class BatchCodec {
    private BatchCodec() {
    }

    public static EncodedBatch encode(RecordBatch batch) {
        throw new UnsupportedOperationException("TODO(H1)");
    }

    /** Decodes into vectors owned by the returned batch, allocated from {@code allocator}. */
    public static RecordBatch decode(EncodedBatch encoded, Schema schema, BufferAllocator allocator) {
        throw new UnsupportedOperationException("TODO(H1)");
    }
}
