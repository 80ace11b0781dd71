package dev.floe.api.eval;

import dev.floe.api.expr.Hash;
import dev.floe.api.expr.ListFunction;
import dev.floe.api.expr.StructField;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Broadcast;
import dev.floe.arrow.kernels.NestedKernels;
import dev.floe.arrow.kernels.Operand;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Compiled list functions, struct field access and hash: each evaluates its input to a vector
 * (broadcasting a scalar), calls one {@link NestedKernels} kernel and releases the input.
 */
final class NestedNodes {
    private NestedNodes() {
    }

    private interface Kernel {
        FieldVector apply(FieldVector in, int n, BufferAllocator allocator);
    }

    static Node list(ListFunction f, Node child, DataType result) {
        if (child.type().kind() == Kind.NULL) {
            return nullScalar(result);
        }
        DataType element = ((DataType.ListOf) child.type()).element();
        String what = f.display();
        return switch (f.op()) {
            case LENGTH -> node(result, child, (v, n, a) -> NestedKernels.length((ListVector) v, a));
            case GET -> node(result, child, (v, n, a) -> NestedKernels.get((ListVector) v, element, f.index(), a));
            case JOIN -> node(result, child, (v, n, a) -> NestedKernels.join((ListVector) v, f.separator(), a));
            case SUM -> node(result, child,
                    (v, n, a) -> NestedKernels.aggregate(NestedKernels.Agg.SUM, (ListVector) v, element, what, a));
            case MIN -> node(result, child,
                    (v, n, a) -> NestedKernels.aggregate(NestedKernels.Agg.MIN, (ListVector) v, element, what, a));
            case MAX -> node(result, child,
                    (v, n, a) -> NestedKernels.aggregate(NestedKernels.Agg.MAX, (ListVector) v, element, what, a));
        };
    }

    private static Node nullScalar(DataType type) {
        Operand o = Operand.scalar(type, null);
        return new ExprCompiler.ScalarNode() {
            @Override
            public DataType type() {
                return type;
            }

            @Override
            public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                return o;
            }
        };
    }

    static Node structField(StructField f, Node child, DataType result) {
        int ordinal = f.ordinal(child.type());
        return node(result, child, (v, n, a) -> NestedKernels.field((StructVector) v, ordinal, result, a));
    }

    static Node hash(Hash h, Node child) {
        DataType in = child.type();
        return node(DataType.uint64(), child, (v, n, a) -> NestedKernels.hash(v, in, n, a));
    }

    private static Node node(DataType result, Node child, Kernel kernel) {
        return new Node() {
            @Override
            public DataType type() {
                return result;
            }

            @Override
            public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                int n = batch.numRows();
                Operand o = child.eval(batch, allocator);
                FieldVector v = o.isScalar() ? Broadcast.of(o, child.type(), n, allocator) : o.vector();
                try {
                    return Operand.of(kernel.apply(v, n, allocator), result);
                } finally {
                    v.close();
                }
            }
        };
    }
}
