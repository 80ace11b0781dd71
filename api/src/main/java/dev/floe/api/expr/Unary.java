package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/** A unary operator or one-argument math function. */
public record Unary(UnaryOp op, Expr child) implements Expr {
    public Unary {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(child, "child");
    }

    @Override public List<Expr> children() { return List.of(child); }

    @Override public Expr withChildren(List<Expr> children) { return new Unary(op, children.get(0)); }

    @Override public DataType type(Schema input) { return TypeRules.unary(this, child.type(input)); }

    @Override
    public String display() {
        return switch (op) {
            case NOT -> "NOT " + paren(child);
            case NEG -> "-" + paren(child);
            case IS_NULL -> paren(child) + " IS NULL";
            case NOT_NULL -> paren(child) + " IS NOT NULL";
            default -> op.fn() + "(" + child.display() + ")";
        };
    }

    private static String paren(Expr e) {
        return e instanceof Binary ? "(" + e.display() + ")" : e.display();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitUnary(this);
    }
}
