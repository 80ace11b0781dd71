package dev.floe.api.eval;

import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Operand;
import dev.floe.arrow.kernels.Selection;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;

/** Keeps the rows of a batch where a boolean expression is true (false and null drop). */
public final class BatchFilter {
    private BatchFilter() {
    }

    /** A new batch with the kept rows; the input batch is left to the caller. */
    public static RecordBatch apply(RecordBatch batch, CompiledExpr predicate, BufferAllocator allocator) {
        if (predicate instanceof ExprCompiler.Compiled c) {
            Operand mask = c.node().eval(batch, allocator);
            if (mask.isScalar()) {
                boolean keep = !mask.isNullScalar() && Boolean.TRUE.equals(mask.scalar());
                return batch.slice(0, keep ? batch.numRows() : 0, allocator);
            }
            try (BitVector bits = (BitVector) mask.vector()) {
                return Selection.filter(batch, bits, allocator);
            }
        }
        try (BitVector bits = (BitVector) predicate.evaluate(batch, allocator)) {
            return Selection.filter(batch, bits, allocator);
        }
    }
}
