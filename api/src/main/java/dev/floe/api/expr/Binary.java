package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code left op right}: arithmetic, comparison or Kleene AND/OR. Types follow {@link TypeRules}. */
public record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    /** The parts of {@code e} joined by AND, left to right ({@code e} itself when it is no AND). */
    public static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(Expr e, List<Expr> out) {
        if (e instanceof Binary b && b.op() == BinaryOp.AND) {
            addConjuncts(b.left(), out);
            addConjuncts(b.right(), out);
        } else {
            out.add(e);
        }
    }

    public Binary {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override public List<Expr> children() { return List.of(left, right); }

    @Override public Expr withChildren(List<Expr> children) { return new Binary(op, children.get(0), children.get(1)); }

    @Override
    public DataType type(Schema input) {
        return TypeRules.binary(this, left.type(input), right.type(input));
    }

    @Override
    public String display() {
        return operand(left, false) + " " + op.symbol() + " " + operand(right, true);
    }

    private String operand(Expr e, boolean rightSide) {
        if (e instanceof Binary b) {
            int p = b.op().precedence();
            int mine = op.precedence();
            if (p < mine || (rightSide && p == mine && !(op == BinaryOp.AND || op == BinaryOp.OR
                    || op == BinaryOp.ADD || op == BinaryOp.MUL))) {
                return "(" + e.display() + ")";
            }
        }
        return e.display();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitBinary(this);
    }
}
