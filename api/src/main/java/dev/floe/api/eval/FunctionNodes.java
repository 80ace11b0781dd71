package dev.floe.api.eval;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.StringFunction;
import dev.floe.api.expr.TemporalFunction;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Broadcast;
import dev.floe.arrow.kernels.Operand;
import dev.floe.arrow.kernels.LikeKernel;
import dev.floe.arrow.kernels.RegexKernels;
import dev.floe.arrow.kernels.StringKernels;
import dev.floe.arrow.kernels.TemporalKernels;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
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

    /** A kernel of a vector and an operand (vector or scalar). */
    private interface WithOperand {
        FieldVector apply(FieldVector in, Operand other, int n, BufferAllocator allocator);
    }

    static Node string(StringFunction f, Node child, List<Node> args) {
        DataType result = f.op().resultType();
        if (child.type().kind() == Kind.NULL) {
            return nullScalar(result);
        }
        return switch (f.op()) {
            case CONTAINS -> withOperand(result, child, args.get(0),
                    (s, p, n, a) -> StringKernels.find(StringKernels.Find.CONTAINS, (VarCharVector) s, p, a));
            case STARTS_WITH -> withOperand(result, child, args.get(0),
                    (s, p, n, a) -> StringKernels.find(StringKernels.Find.STARTS_WITH, (VarCharVector) s, p, a));
            case ENDS_WITH -> withOperand(result, child, args.get(0),
                    (s, p, n, a) -> StringKernels.find(StringKernels.Find.ENDS_WITH, (VarCharVector) s, p, a));
            case CONCAT -> withOperand(result, child, args.get(0),
                    (s, p, n, a) -> StringKernels.concat(Operand.of(s, DataType.string()), p, n, a));
            case LIKE -> ExprCompiler.vectorOp(result, child, (s, a) -> LikeKernel.like((VarCharVector) s, f.text(0), a));
            case LENGTH -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.length((VarCharVector) s, a));
            case UPPER -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.mapCase(StringKernels.Case.UPPER, (VarCharVector) s, a));
            case LOWER -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.mapCase(StringKernels.Case.LOWER, (VarCharVector) s, a));
            case SUBSTR -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.substr((VarCharVector) s, f.number(0), f.number(1), a));
            case REPLACE -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.replace((VarCharVector) s, f.text(0), f.text(1), a));
            case SPLIT -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.split((VarCharVector) s, f.text(0), a));
            case MATCH -> ExprCompiler.vectorOp(result, child, (s, a) -> RegexKernels.matches((VarCharVector) s, f.text(0), a));
            case EXTRACT -> ExprCompiler.vectorOp(result, child, (s, a) -> RegexKernels.extract((VarCharVector) s, f.text(0), f.number(1), a));
            case STRIP -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.strip(StringKernels.Side.BOTH, (VarCharVector) s, a));
            case LSTRIP -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.strip(StringKernels.Side.LEFT, (VarCharVector) s, a));
            case RSTRIP -> ExprCompiler.vectorOp(result, child, (s, a) -> StringKernels.strip(StringKernels.Side.RIGHT, (VarCharVector) s, a));
        };
    }

    static Node temporal(TemporalFunction f, Node child) {
        DataType in = child.type();
        if (in.kind() == Kind.NULL) {
            return nullScalar(f.op().resultType(DataType.date()));
        }
        DataType result = f.op().resultType(in);
        return switch (f.op()) {
            case DATE -> ExprCompiler.vectorOp(result, child, (v, a) -> TemporalKernels.date(v, in, a));
            case TRUNCATE -> {
                TemporalKernels.Unit unit = f.truncateUnit();
                yield ExprCompiler.vectorOp(result, child, (v, a) -> TemporalKernels.truncate(unit, v, in, a));
            }
            default -> {
                TemporalKernels.Field field = TemporalKernels.Field.valueOf(f.op().name());
                yield ExprCompiler.vectorOp(result, child, (v, a) -> TemporalKernels.field(field, v, in, a));
            }
        };
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
            return withOperand(result, temporal, delta,
                    (v, d, n, a) -> TemporalKernels.addInterval(v, in, d, sign, what, a));
        }
        DataType.Timestamp ts = (DataType.Timestamp) result;
        return withOperand(result, temporal, delta,
                (v, d, n, a) -> TemporalKernels.addDuration(v, in, d, deltaType, ts, sign, what, a));
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

    private static FieldVector vector(Operand o, Node node, int n, BufferAllocator allocator) {
        return o.isScalar() ? Broadcast.of(o, node.type(), n, allocator) : o.vector();
    }

    private static Node withOperand(DataType result, Node child, Node other, WithOperand kernel) {
        return new Node() {
            @Override
            public DataType type() {
                return result;
            }

            @Override
            public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                int n = batch.numRows();
                FieldVector v = vector(child.eval(batch, allocator), child, n, allocator);
                Operand o = null;
                try {
                    o = other.eval(batch, allocator);
                    return Operand.of(kernel.apply(v, o, n, allocator), result);
                } finally {
                    v.close();
                    Node.release(o);
                }
            }
        };
    }
}
