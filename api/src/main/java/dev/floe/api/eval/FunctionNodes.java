package dev.floe.api.eval;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.FunctionCall;
import dev.floe.api.expr.ScalarFn;
import dev.floe.api.expr.StringFunction;
import dev.floe.api.expr.StringOp;
import dev.floe.api.expr.TemporalFunction;
import dev.floe.api.expr.TemporalOp;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.kernels.TemporalKernels;
import java.util.List;
import dev.floe.arrow.kernels.Broadcast;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Compiled nodes for the string and temporal functions and for date/timestamp ± duration or
 * interval: each evaluates its inputs, broadcasts a scalar input the kernel needs as a vector,
 * calls one kernel and releases the inputs. A null-typed input folds to a null scalar.
 */
final class FunctionNodes {
    private FunctionNodes() {
    }

    static Node string(StringFunction f, Node child, List<Node> args) {
        DataType result = f.op().resultType();
        if (child.type().kind() == Kind.NULL) {
            return Nodes.scalar(result, null);
        }
        StringOp.Kernel kernel = f.op().kernel();
        if (args.isEmpty()) {
            return Nodes.map(result, child, (s, n, a) -> kernel.apply((VarCharVector) s, null, f, n, a));
        }
        return Nodes.vectorAndOperand(result, child, args.get(0),
                (s, arg, n, a) -> kernel.apply((VarCharVector) s, arg, f, n, a));
    }

    static Node temporal(TemporalFunction f, Node child) {
        DataType in = child.type();
        if (in.kind() == Kind.NULL) {
            return Nodes.scalar(f.op().resultType(DataType.date()), null);
        }
        DataType result = f.op().resultType(in);
        TemporalOp.Kernel kernel = f.op().kernel();
        return Nodes.map(result, child, (v, n, a) -> kernel.apply(v, in, f, a));
    }

    /** {@code date/timestamp ± duration/interval}, either side order for ADD. */
    static Node temporalArithmetic(Binary b, Node left, Node right, DataType result) {
        boolean temporalLeft = left.type().isTemporal();
        Node temporal = temporalLeft ? left : right;
        Node delta = temporalLeft ? right : left;
        DataType in = temporal.type();
        DataType deltaType = delta.type();
        int sign = b.op() == BinaryOp.SUB ? -1 : 1;
        String what = b.display();
        if (deltaType.kind() == Kind.INTERVAL) {
            return Nodes.vectorAndOperand(result, temporal, delta,
                    (v, d, n, a) -> TemporalKernels.addInterval(v, in, d, sign, what, a));
        }
        DataType.Timestamp ts = (DataType.Timestamp) result;
        return Nodes.vectorAndOperand(result, temporal, delta,
                (v, d, n, a) -> TemporalKernels.addDuration(v, in, d, deltaType, ts, sign, what, a));
    }

    /**
     * A {@link FunctionCall}: every argument as a vector of its signature type (a scalar is
     * broadcast to the batch), one kernel call.
     */
    static Node call(FunctionCall f, ScalarFn.Signature sig, List<Node> args) {
        List<DataType> types = sig.args();
        return Nodes.nary(sig.result(), args, (in, n, a) -> {
            FieldVector[] vectors = new FieldVector[in.length];
            boolean[] owned = new boolean[in.length];
            try {
                for (int i = 0; i < in.length; i++) {
                    if (in[i].isScalar()) {
                        vectors[i] = Broadcast.of(in[i], types.get(i), n, a);
                        owned[i] = true;
                    } else {
                        vectors[i] = in[i].vector();
                    }
                }
                return f.fn().apply(vectors, sig, f, n, a);
            } finally {
                for (int i = 0; i < in.length; i++) {
                    if (owned[i] && vectors[i] != null) {
                        vectors[i].close();
                    }
                }
            }
        });
    }
}
