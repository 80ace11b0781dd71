package dev.floe.api.eval;

import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Operand;
import org.apache.arrow.memory.BufferAllocator;

/** A compiled expression node: evaluates to a vector the caller owns, or a scalar. */
interface Node {

    DataType type();

    Operand eval(RecordBatch batch, BufferAllocator allocator);

    /** Closes the operand's vector if it has one. */
    static void release(Operand o) {
        if (o != null && !o.isScalar()) {
            o.vector().close();
        }
    }
}
