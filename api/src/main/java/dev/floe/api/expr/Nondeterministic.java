package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A value that depends on where a row is, not on what it holds: {@code rand(seed)},
 * {@code randn(seed)} and {@code monotonically_increasing_id()} (Spark's names and semantics). Each
 * is a function of the partition that evaluates it (the index of the parallel instance) and of the
 * row's position among the rows that instance has evaluated so far, never null.
 *
 * <p>Determinism: the same optimized plan at the same parallelism over the same input order gives
 * the same values (the generator is counter-based, so batch boundaries do not matter). Another
 * parallelism, or rows reaching a partition in another order (after a shuffle, or file splits
 * handed to readers in another order), gives other values. The optimizer neither folds these
 * expressions nor moves filters below a projection that computes one, and never computes one twice.
 *
 * <pre>{@code new Nondeterministic(Nondeterministic.Op.RAND, 42) // rand(42)}</pre>
 */
public record Nondeterministic(Op op, long seed) implements Expr {
    /** The three kinds; {@code seed} is ignored by {@link #MONOTONICALLY_INCREASING_ID}. */
    public enum Op {
        /** Uniform in [0, 1), float64. */
        RAND("rand"),
        /** Standard normal (mean 0, variance 1), float64. */
        RANDN("randn"),
        /** Partition index in the upper 31 bits, the row's position within the partition in the lower 33, int64. */
        MONOTONICALLY_INCREASING_ID("monotonically_increasing_id");

        private final String printed;

        Op(String printed) {
            this.printed = printed;
        }

        public String printed() {
            return printed;
        }
    }

    public Nondeterministic {
        Objects.requireNonNull(op, "op");
    }

    @Override
    public List<Expr> children() {
        return List.of();
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return this;
    }

    @Override
    public DataType type(Schema input) {
        return op == Op.MONOTONICALLY_INCREASING_ID ? DataType.int64() : DataType.float64();
    }

    @Override
    public String display() {
        return op == Op.MONOTONICALLY_INCREASING_ID ? op.printed + "()" : op.printed + "(" + seed + ")";
    }

    /** The function's name ({@code rand}, {@code randn}, {@code monotonically_increasing_id}). */
    @Override
    public String name() {
        return op.printed;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitNondeterministic(this);
    }

    /** True when {@code e} or one of its parts is a nondeterministic expression. */
    public static boolean appearsIn(Expr e) {
        if (e instanceof Nondeterministic) {
            return true;
        }
        for (Expr child : e.children()) {
            if (appearsIn(child)) {
                return true;
            }
        }
        return false;
    }
}
