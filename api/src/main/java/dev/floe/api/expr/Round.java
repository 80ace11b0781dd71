package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Rounds half away from zero to {@code decimals} places; keeps the input type (a decimal's carry that
 * does not fit its precision is an error at run time). SQL's widening round is {@link TypeRules#rounded}.
 */
public record Round(Expr child, int decimals) implements Expr {
    public Round {
        Objects.requireNonNull(child, "child");
    }

    @Override public List<Expr> children() { return List.of(child); }

    @Override public Expr withChildren(List<Expr> c) { return new Round(c.get(0), decimals); }

    @Override
    public DataType type(Schema input) {
        DataType t = child.type(input);
        TypeRules.requireNumeric(this, t);
        return t;
    }

    @Override public String display() { return "round(" + child.display() + ", " + decimals + ")"; }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitRound(this);
    }
}
