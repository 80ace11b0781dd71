package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/** A reference to an input column by its (case-sensitive) name. */
public record Column(String name) implements Expr {
    public Column {
        Objects.requireNonNull(name, "column name");
    }

    @Override public List<Expr> children() { return List.of(); }

    @Override public Expr withChildren(List<Expr> children) { return this; }

    @Override
    public DataType type(Schema input) {
        int i = input.indexOf(name);
        if (i < 0) {
            throw new PlanException(Names.unknownColumn(name, input.names()));
        }
        return input.field(i).type();
    }

    @Override public String display() { return Names.quoteIfNeeded(name); }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitColumn(this);
    }
}
