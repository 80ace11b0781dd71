package dev.floe.api.eval;

import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Broadcast;
import dev.floe.arrow.kernels.Operand;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The few shapes every compiled node takes. A node evaluates its inputs once per batch, calls one
 * kernel reference and releases the inputs, whatever happens; the kernel returns a new vector the
 * caller owns. Nothing here allocates per value.
 *
 * <pre>{@code
 * Node upper = Nodes.map(DataType.string(), child, (v, n, a) -> StringKernels.mapCase(UPPER, (VarCharVector) v, a));
 * Node sum = Nodes.binary(result, left, right, (x, y, n, a) -> Arithmetic.apply(ADD, x, y, result, n, what, a));
 * }</pre>
 */
final class Nodes {
    private Nodes() {
    }

    /** A kernel of one operand (a vector or a scalar). */
    interface UnaryKernel {
        FieldVector apply(FieldVector in, int n, BufferAllocator allocator);
    }

    /** A kernel of one operand that handles scalars itself. */
    interface OperandKernel {
        FieldVector apply(Operand in, int n, BufferAllocator allocator);
    }

    /** A kernel of two operands, each a vector or a scalar. */
    interface BinaryKernel {
        FieldVector apply(Operand left, Operand right, int n, BufferAllocator allocator);
    }

    /** A kernel of a vector and an operand (a pattern, a delta) that may be a scalar. */
    interface VectorOperandKernel {
        FieldVector apply(FieldVector left, Operand right, int n, BufferAllocator allocator);
    }

    /** A kernel of any number of operands. */
    interface NaryKernel {
        FieldVector apply(Operand[] in, int n, BufferAllocator allocator);
    }

    /** Marker for nodes that never read the batch (literals, folded casts). */
    interface ScalarNode extends Node {
    }

    /** What a node does with one batch: a new vector the caller owns. */
    private interface BatchKernel {
        FieldVector apply(RecordBatch batch, BufferAllocator allocator);
    }

    /** A node of a given result type whose every batch goes through one kernel. */
    private record Computed(DataType type, BatchKernel kernel) implements Node {
        @Override
        public Operand eval(RecordBatch batch, BufferAllocator allocator) {
            return Operand.of(kernel.apply(batch, allocator), type);
        }
    }

    /** A literal, or a value folded at compile time. */
    private record Scalar(DataType type, Operand value) implements ScalarNode {
        @Override
        public Operand eval(RecordBatch batch, BufferAllocator allocator) {
            return value;
        }
    }

    static Node scalar(DataType type, Object javaValue) {
        return new Scalar(type, Operand.scalar(type, javaValue));
    }

    /** Column {@code index} of the batch as a zero-copy view sharing its buffers (reference counted). */
    static Node column(int index, DataType type) {
        return new Computed(type, (batch, allocator) -> {
            TransferPair tp = batch.vector(index).getTransferPair(allocator);
            tp.splitAndTransfer(0, batch.numRows());
            return (FieldVector) tp.getTo();
        });
    }

    /** One input as it comes (vector or scalar). */
    static Node unary(DataType result, Node child, OperandKernel kernel) {
        return new Computed(result, (batch, allocator) -> {
            Operand in = child.eval(batch, allocator);
            try {
                return kernel.apply(in, batch.numRows(), allocator);
            } finally {
                Node.release(in);
            }
        });
    }

    /** One input the kernel needs as a vector: a scalar is broadcast to the batch length first. */
    static Node map(DataType result, Node child, UnaryKernel kernel) {
        DataType in = child.type();
        return unary(result, child, (o, n, a) -> {
            if (!o.isScalar()) {
                return kernel.apply(o.vector(), n, a);
            }
            try (FieldVector v = Broadcast.of(o, in, n, a)) {
                return kernel.apply(v, n, a);
            }
        });
    }

    /** Two inputs as they come (vector or scalar). */
    static Node binary(DataType result, Node left, Node right, BinaryKernel kernel) {
        return new Computed(result, (batch, allocator) -> {
            Operand l = left.eval(batch, allocator);
            Operand r = null;
            try {
                r = right.eval(batch, allocator);
                return kernel.apply(l, r, batch.numRows(), allocator);
            } finally {
                Node.release(l);
                Node.release(r);
            }
        });
    }

    /** Two inputs, the left one needed as a vector (broadcast when scalar), the right as it comes. */
    static Node vectorAndOperand(DataType result, Node left, Node right, VectorOperandKernel kernel) {
        DataType in = left.type();
        return binary(result, left, right, (l, r, n, a) -> {
            if (!l.isScalar()) {
                return kernel.apply(l.vector(), r, n, a);
            }
            try (FieldVector v = Broadcast.of(l, in, n, a)) {
                return kernel.apply(v, r, n, a);
            }
        });
    }

    /** Any number of inputs as they come, evaluated in order. */
    static Node nary(DataType result, List<Node> inputs, NaryKernel kernel) {
        Node[] nodes = inputs.toArray(Node[]::new);
        return new Computed(result, (batch, allocator) -> {
            Operand[] ops = new Operand[nodes.length];
            try {
                for (int i = 0; i < ops.length; i++) {
                    ops[i] = nodes[i].eval(batch, allocator);
                }
                return kernel.apply(ops, batch.numRows(), allocator);
            } finally {
                for (Operand o : ops) {
                    Node.release(o);
                }
            }
        });
    }
}
