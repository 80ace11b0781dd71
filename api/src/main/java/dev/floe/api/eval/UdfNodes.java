package dev.floe.api.eval;

import dev.floe.api.ExecutionException;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Udf;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Series;
import dev.floe.arrow.Values;
import dev.floe.arrow.kernels.Broadcast;
import dev.floe.arrow.kernels.Buffers;
import dev.floe.arrow.kernels.Selection;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Compiled user-defined functions. Arguments are evaluated to vectors (scalars broadcast) and
 * handed to the function as {@link Series} views that are closed after the call. A vectorized
 * UDF's result is moved into the operator's allocator (copied when it lives under another root
 * or is one of the inputs) and its Series closed: Floe owns it. A row-wise UDF gets one
 * {@code Object[]} of API Java values per row (nulls as null) and returns one value or null.
 * Any failure becomes an {@link ExecutionException} naming the UDF and the row's values.
 */
final class UdfNodes {
    /** Longest rendering of one argument value in an error message. */
    private static final int MAX_SHOWN = 60;

    private UdfNodes() {
    }

    static Node of(Udf udf, List<Node> args) {
        return Nodes.nary(udf.returnType(), args, (ops, n, allocator) -> {
            // scalars are broadcast into vectors this call owns; vector operands stay the node's to release
            FieldVector[] inputs = new FieldVector[ops.length];
            try {
                for (int i = 0; i < inputs.length; i++) {
                    inputs[i] = ops[i].isScalar() ? Broadcast.of(ops[i], args.get(i).type(), n, allocator) : ops[i].vector();
                }
                return udf.isRowWise() ? rowWise(udf, args, inputs, n, allocator) : vectorized(udf, args, inputs, n, allocator);
            } finally {
                for (int i = 0; i < inputs.length; i++) {
                    if (inputs[i] != null && ops[i].isScalar()) {
                        inputs[i].close();
                    }
                }
            }
        });
    }

    private static FieldVector vectorized(Udf udf, List<Node> args, FieldVector[] inputs, int n,
            BufferAllocator allocator) {
        Series[] series = new Series[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            series[i] = Series.view(udf.args().get(i).name(), args.get(i).type(), inputs[i]);
        }
        Series result;
        try {
            result = udf.vectorized().apply(series);
        } catch (RuntimeException | Error e) {
            throw new ExecutionException("UDF '" + udf.udfName() + "' failed on a batch of " + n + " rows"
                    + (n > 0 ? " (first row: " + row(udf, args, inputs, 0) + ")" : "") + ": " + e, e);
        }
        if (result == null) {
            throw new ExecutionException("UDF '" + udf.udfName() + "' returned null instead of a Series of "
                    + udf.returnType());
        }
        try {
            if (!result.dataType().equals(udf.returnType())) {
                throw new ExecutionException("UDF '" + udf.udfName() + "' declares " + udf.returnType()
                        + " but returned a " + result.dataType() + " series; declare " + result.dataType()
                        + " or build the result with that type");
            }
            if (result.length() != n) {
                throw new ExecutionException("UDF '" + udf.udfName() + "' returned " + result.length()
                        + " values for a batch of " + n + " rows; a vectorized UDF returns one value per row");
            }
            return own(result.toArrow(), udf.returnType(), n, allocator);
        } finally {
            result.close();
        }
    }

    /** Moves the vector's buffers into {@code allocator}, or copies them when they cannot move. */
    private static FieldVector own(FieldVector v, DataType type, int n, BufferAllocator allocator) {
        if (v.getAllocator().getRoot() == allocator.getRoot()) {
            TransferPair tp = v.getTransferPair(allocator);
            tp.transfer();
            FieldVector out = (FieldVector) tp.getTo();
            out.setValueCount(n);
            return out;
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        return Selection.take(v, type, identity, allocator);
    }

    private static FieldVector rowWise(Udf udf, List<Node> args, FieldVector[] inputs, int n,
            BufferAllocator allocator) {
        DataType to = udf.returnType();
        FieldVector out = Buffers.allocate(to, n, allocator);
        try {
            for (int r = 0; r < n; r++) {
                Object[] values = new Object[inputs.length];
                for (int i = 0; i < inputs.length; i++) {
                    values[i] = Values.get(inputs[i], args.get(i).type(), r);
                }
                Object result;
                try {
                    result = udf.rowWise().apply(values);
                } catch (RuntimeException | Error e) {
                    throw new ExecutionException("UDF '" + udf.udfName() + "' failed on the row "
                            + row(udf, args, inputs, r) + ": " + e, e);
                }
                try {
                    Values.set(out, to, r, result);
                } catch (RuntimeException e) {
                    throw new ExecutionException("UDF '" + udf.udfName() + "' returned " + shown(result)
                            + (result == null ? "" : " (" + result.getClass().getSimpleName() + ")") + " on the row "
                            + row(udf, args, inputs, r) + ", which is not a " + to + " value: " + e.getMessage(), e);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** {@code (a=1, b='x')}: the arguments of one row, named as in the plan. */
    private static String row(Udf udf, List<Node> args, FieldVector[] inputs, int r) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < inputs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Expr e = udf.args().get(i);
            Object v;
            try {
                v = Values.get(inputs[i], args.get(i).type(), r);
            } catch (RuntimeException ex) {
                v = "?";
            }
            sb.append(e.display()).append('=').append(shown(v));
        }
        return sb.append(')').toString();
    }

    private static String shown(Object v) {
        String s = v instanceof String str ? "'" + str + "'" : v instanceof byte[] b ? "b'" + b.length + " bytes'"
                : String.valueOf(v);
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN - 1) + "…";
    }
}
