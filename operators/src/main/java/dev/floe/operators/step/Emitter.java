package dev.floe.operators.step;

import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;

/** Receives batches a step produces; the receiver takes ownership of each batch. */
@FunctionalInterface
public interface Emitter {

    /** @param partition the target partition for a split batch, else {@link EncodedBatch#NO_PARTITION} */
    void emit(RecordBatch batch, int partition);

    default void emit(RecordBatch batch) {
        emit(batch, EncodedBatch.NO_PARTITION);
    }
}
