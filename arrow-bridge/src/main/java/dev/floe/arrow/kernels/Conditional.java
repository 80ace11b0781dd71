package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Row-wise choice between two operands of the same type: {@code ifElse} (a null condition takes
 * the else branch, like SQL CASE WHEN) and {@code coalesce}-style "first non-null".
 */
public final class Conditional {
    private Conditional() {
    }

    /** cond ? then : otherwise. Operands must have {@code type}; scalars are written where chosen. */
    public static FieldVector ifElse(BitVector cond, Operand then, Operand otherwise, DataType type, int n,
            BufferAllocator allocator) {
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            Writer writer = Writer.of(out, type);
            for (int i = 0; i < n; i++) {
                boolean c = !cond.isNull(i) && cond.get(i) != 0;
                writer.copy(c ? then : otherwise, i, i);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The first operand that is non-null at each row. */
    public static FieldVector coalesce(Operand[] args, DataType type, int n, BufferAllocator allocator) {
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            Writer writer = Writer.of(out, type);
            for (int i = 0; i < n; i++) {
                for (Operand a : args) {
                    if (!Comparison.isNull(a, i)) {
                        writer.copy(a, i, i);
                        break;
                    }
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
