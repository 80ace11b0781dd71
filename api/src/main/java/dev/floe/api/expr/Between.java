package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/** {@code lower <= child AND child <= upper} (inclusive). */
public record Between(Expr child, Expr lower, Expr upper) implements Expr {
    public Between {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
    }

    @Override public List<Expr> children() { return List.of(child, lower, upper); }

    @Override public Expr withChildren(List<Expr> c) { return new Between(c.get(0), c.get(1), c.get(2)); }

    @Override
    public DataType type(Schema input) {
        DataType t = child.type(input);
        TypeRules.comparable(this, t, lower.type(input));
        TypeRules.comparable(this, t, upper.type(input));
        return DataType.bool();
    }

    @Override
    public String display() {
        return child.display() + " BETWEEN " + lower.display() + " AND " + upper.display();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitBetween(this);
    }
}
