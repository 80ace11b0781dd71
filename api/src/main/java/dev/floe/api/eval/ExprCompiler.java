package dev.floe.api.eval;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Between;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Coalesce;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.FillNull;
import dev.floe.api.expr.IfElse;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Round;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.expr.Unary;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Arithmetic;
import dev.floe.arrow.kernels.Broadcast;
import dev.floe.arrow.kernels.Casts;
import dev.floe.arrow.kernels.Comparison;
import dev.floe.arrow.kernels.Conditional;
import dev.floe.arrow.kernels.Logic;
import dev.floe.arrow.kernels.MathKernels;
import dev.floe.arrow.kernels.Nulls;
import dev.floe.arrow.kernels.Operand;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Binds an expression to an input schema and turns it into a tree of kernel calls. The implicit
 * conversions of {@link TypeRules} become explicit here: operands are cast to the type the kernel
 * computes in, literals are converted once at compile time and stay scalars.
 */
public final class ExprCompiler {
    private ExprCompiler() {
    }

    public static CompiledExpr compile(Expr expr, Schema input) {
        return new Compiled(new ExprCompiler.Builder(input).build(expr));
    }

    /** The compiled form; evaluates to a vector (scalars are broadcast at the top only). */
    record Compiled(Node node) implements CompiledExpr {
        @Override
        public DataType type() {
            return node.type();
        }

        @Override
        public FieldVector evaluate(RecordBatch batch, BufferAllocator allocator) {
            Operand o = node.eval(batch, allocator);
            if (o.isScalar()) {
                return Broadcast.of(o, node.type(), batch.numRows(), allocator);
            }
            return o.vector();
        }
    }

    /** A kernel that needs a vector input: scalars are broadcast to the batch length first. */
    interface VectorKernel {
        FieldVector apply(FieldVector input, BufferAllocator allocator);
    }

    static Node vectorOp(DataType result, Node child, VectorKernel kernel) {
        return new Node() {
            @Override
            public DataType type() {
                return result;
            }

            @Override
            public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                Operand in = child.eval(batch, allocator);
                FieldVector v = in.isScalar()
                        ? Broadcast.of(in, child.type(), batch.numRows(), allocator) : in.vector();
                try {
                    return Operand.of(kernel.apply(v, allocator), result);
                } finally {
                    v.close();
                }
            }
        };
    }

    private static final class Builder {
        private final Schema input;

        Builder(Schema input) {
            this.input = input;
        }

        Node build(Expr e) {
            if (e instanceof Column c) {
                return column(c);
            }
            if (e instanceof Literal l) {
                return scalar(l.type(), l.value());
            }
            if (e instanceof Alias a) {
                return build(a.child());
            }
            if (e instanceof dev.floe.api.expr.SortKey k) {
                return build(k.child());
            }
            if (e instanceof Binary b) {
                return binary(b);
            }
            if (e instanceof Unary u) {
                return unary(u);
            }
            if (e instanceof Cast c) {
                return cast(build(c.child()), c.to(), c.lenient(), c.display());
            }
            if (e instanceof IfElse ie) {
                return ifElse(ie);
            }
            if (e instanceof IsIn in) {
                return isIn(in);
            }
            if (e instanceof Between b) {
                return build(new Binary(BinaryOp.AND, new Binary(BinaryOp.GE, b.child(), b.lower()),
                        new Binary(BinaryOp.LE, b.child(), b.upper())));
            }
            if (e instanceof FillNull f) {
                return coalesce(List.of(f.child(), f.fill()), e);
            }
            if (e instanceof Coalesce c) {
                return coalesce(c.args(), e);
            }
            if (e instanceof dev.floe.api.expr.StringFunction f) {
                List<Node> args = new ArrayList<>();
                for (Expr a : f.args()) {
                    args.add(build(a));
                }
                return FunctionNodes.string(f, build(f.child()), args);
            }
            if (e instanceof dev.floe.api.expr.TemporalFunction f) {
                return FunctionNodes.temporal(f, build(f.child()));
            }
            if (e instanceof dev.floe.api.expr.ListFunction f) {
                return NestedNodes.list(f, build(f.child()), f.type(input));
            }
            if (e instanceof dev.floe.api.expr.StructField f) {
                return NestedNodes.structField(f, build(f.child()), f.type(input));
            }
            if (e instanceof dev.floe.api.expr.Hash h) {
                return NestedNodes.hash(h, build(h.child()));
            }
            if (e instanceof dev.floe.api.expr.Udf u) {
                List<Node> args = new ArrayList<>();
                for (Expr a : u.args()) {
                    args.add(build(a));
                }
                return UdfNodes.of(u, args);
            }
            if (e instanceof Round r) {
                Node child = build(r.child());
                DataType t = child.type();
                int digits = r.decimals();
                return vectorOp(t, child, (v, a) -> MathKernels.round(v, t, digits, a));
            }
            throw new PlanException("Cannot evaluate " + e.display());
        }

        private Node column(Column c) {
            int index = input.indexOf(c.name());
            if (index < 0) {
                c.type(input); // throws the helpful PlanException
            }
            DataType type = input.field(index).type();
            return new Node() {
                @Override
                public DataType type() {
                    return type;
                }

                @Override
                public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                    // a zero-copy view sharing the batch's buffers (reference counted)
                    FieldVector src = batch.vector(index);
                    TransferPair tp = src.getTransferPair(allocator);
                    tp.splitAndTransfer(0, batch.numRows());
                    return Operand.of((FieldVector) tp.getTo(), type);
                }
            };
        }

        private static Node scalar(DataType type, Object javaValue) {
            Operand o = Operand.scalar(type, javaValue);
            return new ScalarNode() {
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

        /** Converts a node to a type: literals at compile time, vectors with the cast kernel. */
        private Node cast(Node child, DataType to, boolean lenient, String what) {
            DataType from = child.type();
            if (from.equals(to)) {
                return child;
            }
            if (child instanceof ScalarNode) {
                Operand o = child.eval(null, null);
                Object value = o.isNullScalar() ? null : javaValue(o, from);
                try {
                    return scalar(to, Casts.convert(value, from, to));
                } catch (RuntimeException e) {
                    if (lenient) {
                        return scalar(to, null);
                    }
                    throw new PlanException("Cannot cast " + value + " to " + to + " in " + what + ": " + e.getMessage());
                }
            }
            return new Node() {
                @Override
                public DataType type() {
                    return to;
                }

                @Override
                public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                    Operand in = child.eval(batch, allocator);
                    try {
                        return Operand.of(Casts.cast(in.vector(), from, to, lenient, what, allocator), to);
                    } finally {
                        Node.release(in);
                    }
                }
            };
        }

        /** Turns a canonical scalar back into the API's Java value for conversion. */
        private static Object javaValue(Operand o, DataType type) {
            Object v = o.scalar();
            if (type.kind() == Kind.DATE && v instanceof Long days) {
                return java.time.LocalDate.ofEpochDay(days);
            }
            if (type.kind() == Kind.STRING && v instanceof byte[] b) {
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (type.kind() == Kind.INT32 && v instanceof Long l) {
                return l.intValue();
            }
            return v;
        }

        private Node binary(Binary b) {
            Node left = build(b.left());
            Node right = build(b.right());
            BinaryOp op = b.op();
            String what = b.display();
            if (op.isLogical()) {
                Node l = cast(left, DataType.bool(), false, what);
                Node r = cast(right, DataType.bool(), false, what);
                return new Node() {
                    @Override
                    public DataType type() {
                        return DataType.bool();
                    }

                    @Override
                    public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                        Operand a = l.eval(batch, allocator);
                        Operand c = r.eval(batch, allocator);
                        try {
                            int n = batch.numRows();
                            BitVector out = op == BinaryOp.AND ? Logic.and(a, c, n, allocator) : Logic.or(a, c, n, allocator);
                            return Operand.of(out, DataType.bool());
                        } finally {
                            Node.release(a);
                            Node.release(c);
                        }
                    }
                };
            }
            if (op.isComparison()) {
                DataType common = comparisonType(b, left.type(), right.type());
                Node l = cast(left, common, false, what);
                Node r = cast(right, common, false, what);
                return new Node() {
                    @Override
                    public DataType type() {
                        return DataType.bool();
                    }

                    @Override
                    public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                        Operand a = l.eval(batch, allocator);
                        Operand c = r.eval(batch, allocator);
                        try {
                            int n = batch.numRows();
                            BitVector out = op == BinaryOp.EQ_NULL_SAFE ? Comparison.eqNullSafe(a, c, n, allocator)
                                    : Comparison.compare(cmp(op), a, c, n, allocator);
                            return Operand.of(out, DataType.bool());
                        } finally {
                            Node.release(a);
                            Node.release(c);
                        }
                    }
                };
            }
            return arithmetic(b, left, right);
        }

        private static Comparison.Op cmp(BinaryOp op) {
            return switch (op) {
                case EQ -> Comparison.Op.EQ;
                case NEQ -> Comparison.Op.NEQ;
                case LT -> Comparison.Op.LT;
                case LE -> Comparison.Op.LE;
                case GT -> Comparison.Op.GT;
                case GE -> Comparison.Op.GE;
                default -> throw new IllegalArgumentException(op.toString());
            };
        }

        /** The type both sides of a comparison are converted to. */
        static DataType comparisonType(Expr e, DataType l, DataType r) {
            TypeRules.comparable(e, l, r);
            if (l.equals(r)) {
                return l;
            }
            if (l.kind() == Kind.NULL) {
                return r;
            }
            if (r.kind() == Kind.NULL) {
                return l;
            }
            if (l.isNumeric() && r.isNumeric()) {
                return TypeRules.numericSupertype(l, r);
            }
            if (l.isTemporal() && r.kind() == Kind.STRING) {
                return l;
            }
            if (r.isTemporal() && l.kind() == Kind.STRING) {
                return r;
            }
            if (l.isTemporal() && r.isTemporal()) {
                return l.kind() == Kind.TIMESTAMP ? l : r;
            }
            return l;
        }

        private Node arithmetic(Binary b, Node left, Node right) {
            DataType result = b.type(input);
            String what = b.display();
            Arithmetic.Op op = switch (b.op()) {
                case ADD -> Arithmetic.Op.ADD;
                case SUB -> Arithmetic.Op.SUB;
                case MUL -> Arithmetic.Op.MUL;
                case DIV -> Arithmetic.Op.DIV;
                case MOD -> Arithmetic.Op.MOD;
                case FLOOR_DIV -> Arithmetic.Op.FLOOR_DIV;
                default -> throw new IllegalArgumentException(b.op().toString());
            };
            if (result.kind() == Kind.NULL) {
                return scalar(DataType.nullType(), null);
            }
            if (result.isTemporal()) {
                return FunctionNodes.temporalArithmetic(b, left, right, result);
            }
            Node l;
            Node r;
            if (result.isFloating()) {
                l = cast(left, result, false, what);
                r = cast(right, result, false, what);
            } else if (result.kind() == Kind.DECIMAL) {
                DataType.Decimal d = (DataType.Decimal) result;
                if (op == Arithmetic.Op.MUL) {
                    l = cast(left, TypeRules.asDecimal(nonNull(left.type(), right.type())), false, what);
                    r = cast(right, TypeRules.asDecimal(nonNull(right.type(), left.type())), false, what);
                } else {
                    DataType wide = DataType.decimal(38, d.scale());
                    l = cast(left, wide, false, what);
                    r = cast(right, wide, false, what);
                }
            } else {
                // integers: the kernel reads each side at its own width and checks the result range
                l = cast(left, nonNull(left.type(), result), false, what);
                r = cast(right, nonNull(right.type(), result), false, what);
            }
            Node fl = l;
            Node fr = r;
            return new Node() {
                @Override
                public DataType type() {
                    return result;
                }

                @Override
                public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                    Operand a = fl.eval(batch, allocator);
                    Operand c = fr.eval(batch, allocator);
                    try {
                        return Operand.of(Arithmetic.apply(op, a, c, result, batch.numRows(), what, allocator), result);
                    } finally {
                        Node.release(a);
                        Node.release(c);
                    }
                }
            };
        }

        private static DataType nonNull(DataType t, DataType otherwise) {
            return t.kind() == Kind.NULL ? otherwise : t;
        }

        private Node unary(Unary u) {
            Node child = build(u.child());
            DataType t = child.type();
            DataType result = u.type(input);
            String what = u.display();
            return switch (u.op()) {
                case NOT -> {
                    Node c = cast(child, DataType.bool(), false, what);
                    yield new Node() {
                        @Override
                        public DataType type() {
                            return DataType.bool();
                        }

                        @Override
                        public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                            Operand in = c.eval(batch, allocator);
                            try {
                                return Operand.of(Logic.not(in, batch.numRows(), allocator), DataType.bool());
                            } finally {
                                Node.release(in);
                            }
                        }
                    };
                }
                case IS_NULL, NOT_NULL -> new Node() {
                    @Override
                    public DataType type() {
                        return DataType.bool();
                    }

                    @Override
                    public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                        Operand in = child.eval(batch, allocator);
                        try {
                            return Operand.of(Nulls.isNull(in, batch.numRows(), u.op() == dev.floe.api.expr.UnaryOp.IS_NULL,
                                    allocator), DataType.bool());
                        } finally {
                            Node.release(in);
                        }
                    }
                };
                case NEG -> vectorOp(result, child, (v, a) -> Arithmetic.negate(v, t, what, a));
                case ABS -> vectorOp(result, child, (v, a) -> MathKernels.apply(MathKernels.Op.ABS, v, t, result, what, a));
                case CEIL -> vectorOp(result, child, (v, a) -> MathKernels.apply(MathKernels.Op.CEIL, v, t, result, what, a));
                case FLOOR -> vectorOp(result, child, (v, a) -> MathKernels.apply(MathKernels.Op.FLOOR, v, t, result, what, a));
                case SQRT -> vectorOp(result, child, (v, a) -> MathKernels.apply(MathKernels.Op.SQRT, v, t, result, what, a));
                case EXP -> vectorOp(result, child, (v, a) -> MathKernels.apply(MathKernels.Op.EXP, v, t, result, what, a));
                case LOG -> vectorOp(result, child, (v, a) -> MathKernels.apply(MathKernels.Op.LOG, v, t, result, what, a));
                case SIGN -> vectorOp(result, child, (v, a) -> MathKernels.apply(MathKernels.Op.SIGN, v, t, result, what, a));
            };
        }

        private Node ifElse(IfElse e) {
            DataType result = e.type(input);
            Node cond = cast(build(e.predicate()), DataType.bool(), false, e.display());
            Node then = cast(build(e.then()), result, false, e.display());
            Node otherwise = cast(build(e.otherwise()), result, false, e.display());
            return new Node() {
                @Override
                public DataType type() {
                    return result;
                }

                @Override
                public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                    int n = batch.numRows();
                    Operand c = cond.eval(batch, allocator);
                    BitVector bits = c.isScalar() ? (BitVector) Broadcast.of(c, DataType.bool(), n, allocator)
                            : (BitVector) c.vector();
                    Operand a = null;
                    Operand b = null;
                    try {
                        a = then.eval(batch, allocator);
                        b = otherwise.eval(batch, allocator);
                        return Operand.of(Conditional.ifElse(bits, a, b, result, n, allocator), result);
                    } finally {
                        bits.close();
                        Node.release(a);
                        Node.release(b);
                    }
                }
            };
        }

        private Node isIn(IsIn in) {
            Expr any = null;
            for (Literal v : in.values()) {
                Expr eq = new Binary(BinaryOp.EQ, in.child(), v);
                any = any == null ? eq : new Binary(BinaryOp.OR, any, eq);
            }
            if (any == null) {
                // x IN () is false for non-null x, null for null x
                return build(new IfElse(new dev.floe.api.expr.Unary(dev.floe.api.expr.UnaryOp.IS_NULL, in.child()),
                        new Literal(null, DataType.bool()), new Literal(false, DataType.bool())));
            }
            return build(any);
        }

        private Node coalesce(List<Expr> args, Expr whole) {
            DataType result = whole.type(input);
            List<Node> nodes = new ArrayList<>();
            for (Expr a : args) {
                nodes.add(cast(build(a), result, false, whole.display()));
            }
            return new Node() {
                @Override
                public DataType type() {
                    return result;
                }

                @Override
                public Operand eval(RecordBatch batch, BufferAllocator allocator) {
                    Operand[] ops = new Operand[nodes.size()];
                    try {
                        for (int i = 0; i < ops.length; i++) {
                            ops[i] = nodes.get(i).eval(batch, allocator);
                        }
                        return Operand.of(Conditional.coalesce(ops, result, batch.numRows(), allocator), result);
                    } finally {
                        for (Operand o : ops) {
                            Node.release(o);
                        }
                    }
                }
            };
        }
    }

    /** Marker for nodes that never read the batch. */
    interface ScalarNode extends Node {
    }
}
