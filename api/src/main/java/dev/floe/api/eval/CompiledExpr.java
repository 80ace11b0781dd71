package dev.floe.api.eval;

import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** An expression bound to an input schema, ready to run on batches. */
public interface CompiledExpr {

    DataType type();

    /** A new vector of {@code batch.numRows()} values, owned by the caller. */
    FieldVector evaluate(RecordBatch batch, BufferAllocator allocator);
}
