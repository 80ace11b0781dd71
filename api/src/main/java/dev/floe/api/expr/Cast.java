package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/** {@code CAST(child AS to)}; {@code lenient} (tryCast) gives null where the strict cast fails. */
public record Cast(Expr child, DataType to, boolean lenient) implements Expr {
    public Cast {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(to, "to");
    }

    @Override public List<Expr> children() { return List.of(child); }

    @Override public Expr withChildren(List<Expr> children) { return new Cast(children.get(0), to, lenient); }

    @Override
    public DataType type(Schema input) {
        TypeRules.checkCast(this, child.type(input));
        return to;
    }

    @Override
    public String display() {
        return (lenient ? "try_cast(" : "cast(") + child.display() + " AS " + to + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitCast(this);
    }
}
