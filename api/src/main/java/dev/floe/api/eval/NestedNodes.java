package dev.floe.api.eval;

import dev.floe.api.expr.Hash;
import dev.floe.api.expr.ListFunction;
import dev.floe.api.expr.ListOp;
import dev.floe.api.expr.StructField;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.kernels.NestedKernels;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Compiled list functions, struct field access and hash: each evaluates its input to a vector
 * (broadcasting a scalar), calls one {@link NestedKernels} kernel and releases the input.
 */
final class NestedNodes {
    private NestedNodes() {
    }

    static Node list(ListFunction f, Node child, DataType result) {
        if (child.type().kind() == Kind.NULL) {
            return Nodes.scalar(result, null);
        }
        DataType element = ((DataType.ListOf) child.type()).element();
        ListOp.Kernel kernel = f.op().kernel();
        return Nodes.map(result, child, (v, n, a) -> kernel.apply((ListVector) v, element, f, a));
    }

    static Node structField(StructField f, Node child, DataType result) {
        int ordinal = f.ordinal(child.type());
        return Nodes.map(result, child, (v, n, a) -> NestedKernels.field((StructVector) v, ordinal, result, a));
    }

    static Node hash(Hash h, Node child) {
        DataType in = child.type();
        return Nodes.map(DataType.uint64(), child, (v, n, a) -> NestedKernels.hash(v, in, n, a));
    }
}
