package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/** Names the result of {@code child}. */
public record Alias(Expr child, String name) implements Expr {
    public Alias {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(name, "name");
    }

    @Override public List<Expr> children() { return List.of(child); }

    @Override public Expr withChildren(List<Expr> children) { return new Alias(children.get(0), name); }

    @Override public DataType type(Schema input) { return child.type(input); }

    @Override public String display() { return child.display() + " AS " + Names.quoteIfNeeded(name); }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitAlias(this);
    }
}
