package dev.floe.operators.step;

import dev.floe.arrow.RecordBatch;
import java.util.function.UnaryOperator;

/**
 * One physical step of a fused pipeline (filter, project, limit, hash split, partial or final
 * aggregate, sort, ...). {@link #push} takes ownership of its input and emits zero or more batches
 * downstream; blocking steps hold their input and emit in {@link #finish}, at end of input.
 */
public interface Step extends AutoCloseable {

    void push(RecordBatch input, Emitter out);

    /** End of input: emit whatever the step still holds. */
    default void finish(Emitter out) {
    }

    /** True once the step will drop every further row (a satisfied limit): upstream may stop. */
    default boolean finished() {
        return false;
    }

    /** Bytes of state the step holds between calls (blocking steps), for the {@code peak_memory} metric. */
    default long memoryInUse() {
        return 0;
    }

    @Override
    default void close() {
    }

    /** A one-batch-in, at-most-one-batch-out step; {@code fn} returns null when nothing remains. */
    static Step map(UnaryOperator<RecordBatch> fn) {
        return (input, out) -> {
            RecordBatch result = fn.apply(input);
            if (result != null) {
                out.emit(result);
            }
        };
    }
}
