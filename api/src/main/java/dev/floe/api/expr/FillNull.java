package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/** {@code child}, with nulls replaced by {@code fill}. */
public record FillNull(Expr child, Expr fill) implements Expr {
    public FillNull {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(fill, "fill");
    }

    @Override public List<Expr> children() { return List.of(child, fill); }

    @Override public Expr withChildren(List<Expr> c) { return new FillNull(c.get(0), c.get(1)); }

    @Override
    public DataType type(Schema input) {
        return TypeRules.commonType(this, child.type(input), fill.type(input));
    }

    @Override public String display() { return "fill_null(" + child.display() + ", " + fill.display() + ")"; }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitFillNull(this);
    }
}
