package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * {@code if predicate then a else b}; a null predicate takes the else branch (SQL CASE WHEN).
 * Unaliased, it is named like every expression (API.md): after its first column reference, which
 * is the condition's when it has one, so {@code when(col("k").gt(0)).then(1).otherwise(null)} is
 * {@code k}.
 */
public record IfElse(Expr predicate, Expr then, Expr otherwise) implements Expr {
    public IfElse {
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(otherwise, "otherwise");
    }

    @Override public List<Expr> children() { return List.of(predicate, then, otherwise); }

    @Override public Expr withChildren(List<Expr> c) { return new IfElse(c.get(0), c.get(1), c.get(2)); }

    @Override
    public DataType type(Schema input) {
        TypeRules.requireBoolean(this, predicate, predicate.type(input));
        return TypeRules.commonType(this, then.type(input), otherwise.type(input));
    }

    @Override
    public String display() {
        return "if_else(" + predicate.display() + ", " + then.display() + ", " + otherwise.display() + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitIfElse(this);
    }
}
