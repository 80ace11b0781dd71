package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@code child IN (values...)}; SQL semantics: no match and a null in the list gives null. */
public record IsIn(Expr child, List<Literal> values) implements Expr {
    public IsIn {
        Objects.requireNonNull(child, "child");
        values = List.copyOf(values);
    }

    @Override public List<Expr> children() { return List.of(child); }

    @Override public Expr withChildren(List<Expr> c) { return new IsIn(c.get(0), values); }

    @Override
    public DataType type(Schema input) {
        DataType t = child.type(input);
        for (Literal v : values) {
            TypeRules.comparable(this, t, v.type());
        }
        return DataType.bool();
    }

    @Override
    public String display() {
        return child.display() + " IN (" + values.stream().map(Literal::display).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitIsIn(this);
    }
}
