package dev.floe.api.eval;

import dev.floe.api.PlanException;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Between;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Coalesce;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprVisitor;
import dev.floe.api.expr.FillNull;
import dev.floe.api.expr.Grouping;
import dev.floe.api.expr.Hash;
import dev.floe.api.expr.IfElse;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.ListFunction;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Round;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.StringFunction;
import dev.floe.api.expr.StructField;
import dev.floe.api.expr.TemporalFunction;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.expr.Udf;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
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

/**
 * Binds an expression to an input schema and turns it into a tree of kernel calls. The implicit
 * conversions of {@link TypeRules} become explicit here: operands are cast to the type the kernel
 * computes in, literals are converted once at compile time and stay scalars.
 */
public final class ExprCompiler {
    private ExprCompiler() {
    }

    public static CompiledExpr compile(Expr expr, Schema input) {
        return compile(expr, input, RowPlace.of(0));
    }

    /**
     * Compiled for the rows of {@code partition}: what {@code rand(seed)} and
     * {@code monotonically_increasing_id()} depend on. The result keeps their row count, so compile
     * once per operator and evaluate its batches in order.
     */
    public static CompiledExpr compile(Expr expr, Schema input, RowPlace partition) {
        return new Compiled(new ExprCompiler.Builder(input, partition).build(expr));
    }

    /** The type both sides of a comparison are converted to. */
    static DataType comparisonType(Expr e, DataType l, DataType r) {
        return Builder.comparisonType(e, l, r);
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

    private static final class Builder implements ExprVisitor<Node> {
        private final Schema input;
        private final RowPlace partition;

        Builder(Schema input, RowPlace partition) {
            this.input = input;
            this.partition = partition;
        }

        Node build(Expr e) {
            return e.accept(this);
        }

        private List<Node> buildAll(List<Expr> exprs) {
            List<Node> out = new ArrayList<>(exprs.size());
            for (Expr e : exprs) {
                out.add(build(e));
            }
            return out;
        }

        @Override
        public Node visitColumn(Column c) {
            int index = input.indexOf(c.name());
            if (index < 0) {
                c.type(input); // throws the helpful PlanException
            }
            return Branches.total(Nodes.column(index, input.field(index).type()));
        }

        @Override
        public Node visitLiteral(Literal l) {
            return Nodes.scalar(l.type(), l.value());
        }

        @Override
        public Node visitAlias(Alias a) {
            return build(a.child());
        }

        @Override
        public Node visitSortKey(SortKey k) {
            return build(k.child());
        }

        @Override
        public Node visitAgg(AggExpr a) {
            throw new PlanException("Aggregation " + a.display() + " is only allowed as an output of agg(...) or "
                    + "groupBy(...).agg(...); it cannot be evaluated row by row here");
        }

        @Override
        public Node visitCast(Cast c) {
            return cast(build(c.child()), c.to(), c.lenient(), c.display());
        }

        @Override
        public Node visitBetween(Between b) {
            return build(new Binary(BinaryOp.AND, new Binary(BinaryOp.GE, b.child(), b.lower()),
                    new Binary(BinaryOp.LE, b.child(), b.upper())));
        }

        @Override
        public Node visitFillNull(FillNull f) {
            return coalesce(List.of(f.child(), f.fill()), f);
        }

        @Override
        public Node visitCoalesce(Coalesce c) {
            return coalesce(c.args(), c);
        }

        @Override
        public Node visitString(StringFunction f) {
            return FunctionNodes.string(f, build(f.child()), buildAll(f.args()));
        }

        @Override
        public Node visitTemporal(TemporalFunction f) {
            return FunctionNodes.temporal(f, build(f.child()));
        }

        @Override
        public Node visitList(ListFunction f) {
            return NestedNodes.list(f, build(f.child()), f.type(input));
        }

        @Override
        public Node visitCall(dev.floe.api.expr.FunctionCall f) {
            dev.floe.api.expr.ScalarFn.Signature sig = f.signature(input);
            List<Node> args = new ArrayList<>(f.args().size());
            for (int i = 0; i < f.args().size(); i++) {
                args.add(cast(build(f.args().get(i)), sig.args().get(i), false, f.display()));
            }
            return FunctionNodes.call(f, sig, args);
        }

        @Override
        public Node visitStructField(StructField f) {
            return NestedNodes.structField(f, build(f.child()), f.type(input));
        }

        @Override
        public Node visitWindow(dev.floe.api.expr.WindowExpr w) {
            throw new PlanException("Window function " + w.display() + " is only allowed in select(...) or"
                    + " withColumn(...); compute it there first, then filter, sort or aggregate the new column");
        }

        @Override
        public Node visitWindowFunction(dev.floe.api.expr.WindowFunction w) {
            w.type(null); // always a PlanException: a window function without over(...)
            throw new IllegalStateException(w.display());
        }

        @Override
        public Node visitNondeterministic(dev.floe.api.expr.Nondeterministic e) {
            return Branches.total(new PositionNode(e, partition));
        }

        @Override
        public Node visitHash(Hash h) {
            return NestedNodes.hash(h, build(h.child()));
        }

        @Override
        public Node visitSubquery(dev.floe.api.expr.Subquery s) {
            throw new PlanException(dev.floe.api.optimizer.Decorrelation.notDecorrelated(s));
        }

        @Override
        public Node visitOuterColumn(dev.floe.api.expr.OuterColumn o) {
            throw new PlanException(dev.floe.api.optimizer.Decorrelation.notDecorrelated(o));
        }

        @Override
        public Node visitGrouping(Grouping g) {
            g.type(input);
            throw new IllegalStateException("unreachable: " + g.display());
        }

        @Override
        public Node visitUdf(Udf u) {
            return UdfNodes.of(u, buildAll(u.args()));
        }

        @Override
        public Node visitRound(Round r) {
            Node child = build(r.child());
            DataType t = child.type();
            int digits = r.decimals();
            DataType result = r.type(input);
            String what = r.display();
            return Nodes.map(result, child, (v, n, a) -> MathKernels.round(v, t, digits, result, what, a));
        }

        /** Converts a node to a type: literals at compile time, vectors with the cast kernel. */
        private Node cast(Node child, DataType to, boolean lenient, String what) {
            DataType from = child.type();
            if (from.equals(to)) {
                return child;
            }
            if (child instanceof Nodes.ScalarNode) {
                Operand o = child.eval(null, null);
                Object value = o.isNullScalar() ? null : javaValue(o, from);
                try {
                    return Nodes.scalar(to, Casts.convert(value, from, to));
                } catch (RuntimeException e) {
                    if (lenient) {
                        return Nodes.scalar(to, null);
                    }
                    throw new PlanException("Cannot cast " + value + " to " + to + " in " + what + ": " + e.getMessage());
                }
            }
            // a node that is no literal may still give a scalar for a batch (a when/ifElse whose
            // condition is a literal takes one branch whole, and that branch may be a literal): map
            // broadcasts it, where reading its vector gave a NullPointerException
            Node converted = Nodes.map(to, child, (v, n, a) -> Casts.cast(v, from, to, lenient, what, a));
            return Branches.isTotal(child) && (lenient || Branches.widens(from, to)) ? Branches.total(converted) : converted;
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

        @Override
        public Node visitBinary(Binary b) {
            BinaryOp op = b.op();
            String what = b.display();
            Node left = build(b.left());
            if (op.isLogical()) {
                Node l = cast(left, DataType.bool(), false, what);
                Branches.Branch r = branch(b.right(), DataType.bool(), what);
                if (r.isGuarded()) {
                    return Branches.logic(op == BinaryOp.AND, l, r);
                }
                Node logic = op == BinaryOp.AND ? Nodes.binary(DataType.bool(), l, r.node(), Logic::and)
                        : Nodes.binary(DataType.bool(), l, r.node(), Logic::or);
                return Branches.isTotal(l) ? Branches.total(logic) : logic;
            }
            Node right = build(b.right());
            if (op.isComparison()) {
                DataType common = comparisonType(b, left.type(), right.type());
                Node l = cast(left, common, false, what);
                Node r = cast(right, common, false, what);
                Node compare;
                if (op == BinaryOp.EQ_NULL_SAFE) {
                    compare = Nodes.binary(DataType.bool(), l, r, Comparison::eqNullSafe);
                } else {
                    Comparison.Op cmp = cmp(op);
                    compare = Nodes.binary(DataType.bool(), l, r, (x, y, n, a) -> Comparison.compare(cmp, x, y, n, a));
                }
                return Branches.isTotal(l) && Branches.isTotal(r) ? Branches.total(compare) : compare;
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
                return Nodes.scalar(DataType.nullType(), null);
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
            return Nodes.binary(result, l, r, (x, y, n, a) -> Arithmetic.apply(op, x, y, result, n, what, a));
        }

        private static DataType nonNull(DataType t, DataType otherwise) {
            return t.kind() == Kind.NULL ? otherwise : t;
        }

        @Override
        public Node visitUnary(Unary u) {
            Node child = build(u.child());
            DataType t = child.type();
            DataType result = u.type(input);
            String what = u.display();
            Node logical = switch (u.op()) {
                case NOT -> Nodes.unary(DataType.bool(), cast(child, DataType.bool(), false, what), Logic::not);
                case IS_NULL -> Nodes.unary(DataType.bool(), child, (in, n, a) -> Nulls.isNull(in, n, true, a));
                case NOT_NULL -> Nodes.unary(DataType.bool(), child, (in, n, a) -> Nulls.isNull(in, n, false, a));
                default -> null;
            };
            if (logical != null) {
                return Branches.isTotal(child) ? Branches.total(logical) : logical;
            }
            return switch (u.op()) {
                case NOT, IS_NULL, NOT_NULL -> throw new IllegalStateException(u.op().toString());
                case NEG -> Nodes.map(result, child, (v, n, a) -> Arithmetic.negate(v, t, what, a));
                case ABS -> math(MathKernels.Op.ABS, child, result, what);
                case CEIL -> math(MathKernels.Op.CEIL, child, result, what);
                case FLOOR -> math(MathKernels.Op.FLOOR, child, result, what);
                case SQRT -> math(MathKernels.Op.SQRT, child, result, what);
                case EXP -> math(MathKernels.Op.EXP, child, result, what);
                case LOG -> math(MathKernels.Op.LOG, child, result, what);
                case SIGN -> math(MathKernels.Op.SIGN, child, result, what);
            };
        }

        private static Node math(MathKernels.Op op, Node child, DataType result, String what) {
            DataType t = child.type();
            return Nodes.map(result, child, (v, n, a) -> MathKernels.apply(op, v, t, result, what, a));
        }

        @Override
        public Node visitIfElse(IfElse e) {
            DataType result = e.type(input);
            Node cond = cast(build(e.predicate()), DataType.bool(), false, e.display());
            Branches.Branch thenBranch = branch(e.then(), result, e.display());
            Branches.Branch otherwiseBranch = branch(e.otherwise(), result, e.display());
            if (thenBranch.isGuarded() || otherwiseBranch.isGuarded()) {
                return Branches.ifElse(result, cond, thenBranch, otherwiseBranch);
            }
            Node then = thenBranch.node();
            Node otherwise = otherwiseBranch.node();
            Node choice = Nodes.nary(result, List.of(cond, then, otherwise), (in, n, a) -> {
                if (!in[0].isScalar()) {
                    return Conditional.ifElse((BitVector) in[0].vector(), in[1], in[2], result, n, a);
                }
                try (BitVector bits = (BitVector) Broadcast.of(in[0], DataType.bool(), n, a)) {
                    return Conditional.ifElse(bits, in[1], in[2], result, n, a);
                }
            });
            return Branches.isTotal(cond) ? Branches.total(choice) : choice;
        }

        @Override
        public Node visitIsIn(IsIn in) {
            Expr any = null;
            for (Literal v : in.values()) {
                Expr eq = new Binary(BinaryOp.EQ, in.child(), v);
                any = any == null ? eq : new Binary(BinaryOp.OR, any, eq);
            }
            if (any == null) {
                // x IN () is false for non-null x, null for null x
                return build(new IfElse(new Unary(UnaryOp.IS_NULL, in.child()),
                        new Literal(null, DataType.bool()), new Literal(false, DataType.bool())));
            }
            return build(any);
        }

        private Node coalesce(List<Expr> args, Expr whole) {
            DataType result = whole.type(input);
            List<Branches.Branch> later = new ArrayList<>();
            boolean guarded = false;
            for (Expr a : args.subList(1, args.size())) {
                Branches.Branch b = branch(a, result, whole.display());
                later.add(b);
                guarded |= b.isGuarded();
            }
            Node first = cast(build(args.get(0)), result, false, whole.display());
            if (guarded) {
                return Branches.coalesce(result, first, later);
            }
            List<Node> nodes = new ArrayList<>();
            nodes.add(first);
            later.forEach(b -> nodes.add(b.node()));
            Node any = Nodes.nary(result, nodes, (in, n, a) -> Conditional.coalesce(in, result, n, a));
            return Branches.isTotal(first) ? Branches.total(any) : any;
        }

        /**
         * An argument evaluated only on the rows that need it ({@link Branches}) when it can fail;
         * one that cannot fail runs on every row.
         */
        private Branches.Branch branch(Expr e, DataType to, String what) {
            Node node = cast(build(e), to, false, what);
            if (Branches.isTotal(node)) {
                return Branches.Branch.of(node, null);
            }
            List<String> refs = e.columnRefs();
            int[] columns = new int[refs.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = input.indexOf(refs.get(i));
            }
            return Branches.Branch.of(node, columns);
        }
    }
}
