package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A 64-bit hash of each value as uint64 (Daft's type): the hash Floe's shuffles use, stable
 * across JVMs and runs, with equal keys hashing equal (NaNs alike, -0.0 like 0.0); null hashes to
 * a fixed value, never null. The values are Floe's own, not another engine's.
 *
 * <pre>{@code new Hash(new Column("k")) // hash(k)}</pre>
 */
public record Hash(Expr child) implements Expr {
    public Hash {
        Objects.requireNonNull(child, "child");
    }

    @Override
    public List<Expr> children() {
        return List.of(child);
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new Hash(children.get(0));
    }

    @Override
    public DataType type(Schema input) {
        child.type(input);
        return DataType.uint64();
    }

    @Override
    public String display() {
        return "hash(" + child.display() + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitHash(this);
    }
}
