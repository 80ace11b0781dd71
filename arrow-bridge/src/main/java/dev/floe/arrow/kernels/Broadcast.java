package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Materializes a scalar as a column of n equal values (for the few places that need a vector). */
public final class Broadcast {
    private Broadcast() {
    }

    public static FieldVector of(Operand scalar, DataType type, int n, BufferAllocator allocator) {
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            if (!scalar.isNullScalar() && type.kind() != DataType.Kind.NULL) {
                Writer w = Writer.of(out, type);
                for (int i = 0; i < n; i++) {
                    w.copy(scalar, 0, i);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
