package dev.floe.api.eval;

import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Conditional;
import dev.floe.arrow.kernels.Logic;
import dev.floe.arrow.kernels.Operand;
import dev.floe.arrow.kernels.Selection;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Conditional evaluation: the later arguments of {@code coalesce}, the branches of
 * {@code when}/{@code ifElse} and the right side of AND/OR are computed only on the rows that
 * need them, as SQL says (DuckDB and Spark agree): {@code coalesce(abs(b), b * b)} never
 * computes {@code b * b} where {@code abs(b)} is not null, so its overflow there is no error.
 *
 * <p>A branch that cannot fail ({@link #total}: columns, literals, comparisons and logic over them,
 * widening casts) is evaluated on the whole batch as before: cheaper than selecting rows. For a
 * branch that can fail (arithmetic, casts that narrow, functions, UDFs), the columns it reads are
 * filtered to the rows of a mask, the branch runs on them, and its result is put back in place
 * ({@link Selection#expand}), null elsewhere. A mask that selects every row skips the filter; one
 * that selects none skips the branch.
 */
final class Branches {
    private Branches() {
    }

    /** A compiled argument of a conditional expression, evaluated on all rows or on the rows of a mask. */
    static final class Branch {
        private final Node node;
        private final int[] columns;

        private Branch(Node node, int[] columns) {
            this.node = node;
            this.columns = columns;
        }

        /**
         * The node as a branch: evaluated on every row when it cannot fail, else only on the rows of
         * a mask, reading input {@code columns} (the indexes of the columns it references).
         */
        static Branch of(Node node, int[] columns) {
            return new Branch(node, isTotal(node) ? null : columns);
        }

        Node node() {
            return node;
        }

        boolean isGuarded() {
            return columns != null;
        }

        Operand evalAll(RecordBatch batch, BufferAllocator allocator) {
            return node.eval(batch, allocator);
        }

        /**
         * The branch's values on the rows of {@code mask} (a mask without nulls); the other rows
         * hold null or, for a scalar result, the scalar. An eager branch ignores the mask.
         */
        Operand eval(RecordBatch batch, BitVector mask, BufferAllocator allocator) {
            if (!isGuarded()) {
                return node.eval(batch, allocator);
            }
            int n = batch.numRows();
            int count = Selection.count(mask, n);
            if (count == 0) {
                return Operand.scalar(node.type(), null);
            }
            if (count == n) {
                return node.eval(batch, allocator);
            }
            Operand compact;
            try (RecordBatch selected = selectRows(batch, mask, count, allocator)) {
                compact = node.eval(selected, allocator);
            }
            if (compact.isScalar()) {
                return compact;
            }
            try (FieldVector v = compact.vector()) {
                return Operand.of(Selection.expand(v, node.type(), mask, n, allocator), node.type());
            }
        }

        /**
         * A batch of the input's schema with the selected rows of the branch's columns; the columns
         * it does not read are empty placeholders of the same row count (nothing is copied for them).
         */
        private RecordBatch selectRows(RecordBatch batch, BitVector mask, int count, BufferAllocator allocator) {
            List<Field> fields = new ArrayList<>(columns.length);
            List<FieldVector> views = new ArrayList<>(columns.length);
            for (int c : columns) {
                fields.add(batch.schema().field(c));
                TransferPair tp = batch.vector(c).getTransferPair(allocator);
                tp.splitAndTransfer(0, batch.numRows());
                views.add((FieldVector) tp.getTo());
            }
            RecordBatch compact;
            try (RecordBatch read = RecordBatch.of(new Schema(fields), views, batch.numRows())) {
                compact = Selection.filter(read, mask, allocator);
            }
            List<FieldVector> out = new ArrayList<>(batch.numColumns());
            for (int c = 0; c < batch.numColumns(); c++) {
                NullVector none = new NullVector(batch.schema().field(c).name());
                none.setValueCount(count);
                out.add(none);
            }
            for (int i = 0; i < columns.length; i++) {
                out.set(columns[i], compact.vector(i)); // now owned by the returned batch
            }
            return RecordBatch.of(batch.schema(), out, count);
        }
    }

    /** A node that never throws for any row (columns, literals, comparisons, logic, widening casts). */
    static Node total(Node node) {
        return node instanceof Total || node instanceof Nodes.ScalarNode ? node : new Total(node);
    }

    static boolean isTotal(Node node) {
        return node instanceof Total || node instanceof Nodes.ScalarNode;
    }

    private record Total(Node inner) implements Node {
        @Override
        public DataType type() {
            return inner.type();
        }

        @Override
        public Operand eval(RecordBatch batch, BufferAllocator allocator) {
            return inner.eval(batch, allocator);
        }
    }

    /** What a conditional node does with one batch. */
    private interface Evaluation {
        Operand eval(RecordBatch batch, BufferAllocator allocator);
    }

    /** A node of a fixed result type. */
    private record Typed(DataType type, Evaluation body) implements Node {
        @Override
        public Operand eval(RecordBatch batch, BufferAllocator allocator) {
            return body.eval(batch, allocator);
        }
    }

    /** cond ? then : otherwise, each branch computed only on the rows that take it. */
    static Node ifElse(DataType result, Node cond, Branch then, Branch otherwise) {
        return new Typed(result, (batch, allocator) -> {
            Operand c = cond.eval(batch, allocator);
            int n = batch.numRows();
            try {
                if (c.isScalar()) {
                    boolean takeThen = !c.isNullScalar() && Boolean.TRUE.equals(c.scalar());
                    return (takeThen ? then : otherwise).evalAll(batch, allocator);
                }
                Operand t = null;
                Operand o = null;
                try {
                    t = onRows(then, batch, c, Logic.Rows.TRUE, allocator);
                    o = onRows(otherwise, batch, c, Logic.Rows.NOT_TRUE, allocator);
                    return Operand.of(Conditional.ifElse((BitVector) c.vector(), t, o, result, n, allocator),
                            result);
                } finally {
                    Node.release(t);
                    Node.release(o);
                }
            } finally {
                Node.release(c);
            }
        });
    }

    /** AND / OR in three-valued logic; the right side is computed only where the left does not decide. */
    static Node logic(boolean and, Node left, Branch right) {
        return new Typed(DataType.bool(), (batch, allocator) -> {
            Operand l = left.eval(batch, allocator);
            Operand r = null;
            int n = batch.numRows();
            try {
                if (l.isScalar() && !l.isNullScalar() && Boolean.TRUE.equals(l.scalar()) != and) {
                    return l; // false AND x = false, true OR x = true
                }
                r = l.isScalar() ? right.evalAll(batch, allocator)
                        : onRows(right, batch, l, and ? Logic.Rows.NOT_FALSE : Logic.Rows.NOT_TRUE, allocator);
                return Operand.of(and ? Logic.and(l, r, n, allocator) : Logic.or(l, r, n, allocator),
                        DataType.bool());
            } finally {
                Node.release(l);
                Node.release(r);
            }
        });
    }

    /** The first non-null argument; argument k is computed only on the rows where arguments 0..k-1 are all null. */
    static Node coalesce(DataType result, Node first, List<Branch> rest) {
        Branch[] later = rest.toArray(Branch[]::new);
        return new Typed(result, (batch, allocator) -> {
            int n = batch.numRows();
            Operand[] ops = new Operand[later.length + 1];
            BitVector need = null;
            int needUpTo = 0; // need = rows where ops[0 .. needUpTo) are all null
            try {
                ops[0] = first.eval(batch, allocator);
                for (int k = 1; k < ops.length; k++) {
                    Branch b = later[k - 1];
                    if (!b.isGuarded()) {
                        ops[k] = b.evalAll(batch, allocator);
                        continue;
                    }
                    if (need == null) {
                        need = Logic.rows(Operand.scalar(DataType.bool(), true), Logic.Rows.TRUE, n, allocator);
                    }
                    for (; needUpTo < k; needUpTo++) {
                        BitVector next = Logic.andNull(need, ops[needUpTo], n, allocator);
                        need.close();
                        need = next;
                    }
                    ops[k] = b.eval(batch, need, allocator);
                }
                return Operand.of(Conditional.coalesce(ops, result, n, allocator), result);
            } finally {
                for (Operand o : ops) {
                    Node.release(o);
                }
                if (need != null) {
                    need.close();
                }
            }
        });
    }

    private static Operand onRows(Branch b, RecordBatch batch, Operand cond, Logic.Rows which,
            BufferAllocator allocator) {
        if (!b.isGuarded()) {
            return b.evalAll(batch, allocator);
        }
        try (BitVector mask = Logic.rows(cond, which, batch.numRows(), allocator)) {
            return b.eval(batch, mask, allocator);
        }
    }

    /** Whether every value of {@code from} converts to {@code to} without an error. */
    static boolean widens(DataType from, DataType to) {
        if (from.equals(to) || from.kind() == Kind.NULL) {
            return true;
        }
        if (from.isInteger() && to.kind() == Kind.FLOAT64 || from.kind() == Kind.FLOAT32 && to.kind() == Kind.FLOAT64) {
            return true;
        }
        if (from.isSignedInteger() && to.isSignedInteger()) {
            return from.bitWidth() <= to.bitWidth();
        }
        if (from instanceof DataType.Decimal f && to instanceof DataType.Decimal t) {
            return t.scale() >= f.scale() && t.precision() - t.scale() >= f.precision() - f.scale();
        }
        return false;
    }
}
