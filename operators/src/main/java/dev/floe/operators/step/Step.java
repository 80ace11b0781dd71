package dev.floe.operators.step;

import dev.floe.arrow.RecordBatch;

/**
 * One stateless physical step of a fused pipeline (filter, project, local limit, ...). A step
 * takes ownership of its input batch and returns a batch the caller owns (possibly the same
 * object); it returns {@code null} when nothing of the input remains.
 */
public interface Step extends AutoCloseable {

    RecordBatch apply(RecordBatch input);

    /** True once the step will drop every further row (a satisfied limit): upstream may stop. */
    default boolean finished() {
        return false;
    }

    @Override
    default void close() {
    }
}
