package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A window-only function ({@code rank()}, {@code lag(x, 1, 0)}, ...) before {@code .over(window)}
 * gives it a window; alone it has no value, so {@link #type} fails with a hint. {@code param} is
 * ntile's bucket count, lag/lead's offset or nth_value's n; {@code defaultValue} is lag/lead's
 * value for rows without a row at the offset (null = null).
 */
public record WindowFunction(WindowOp op, Expr input, Expr defaultValue, long param) implements Expr {
    public WindowFunction {
        Objects.requireNonNull(op, "op");
        if ((input == null) == op.takesInput()) {
            throw new IllegalArgumentException(op + " needs " + (input == null ? "an input" : "no input"));
        }
        if (op == WindowOp.NTILE && param < 1) {
            throw new PlanException("ntile(n) needs n >= 1, got " + param);
        }
        if (op == WindowOp.NTH_VALUE && param < 1) {
            throw new PlanException("nthValue(x, n) counts from 1, got n = " + param);
        }
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>(2);
        if (input != null) {
            out.add(input);
        }
        if (defaultValue != null) {
            out.add(defaultValue);
        }
        return out;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        Expr in = input == null ? null : children.get(0);
        Expr def = defaultValue == null ? null : children.get(input == null ? 0 : 1);
        return new WindowFunction(op, in, def, param);
    }

    @Override
    public DataType type(Schema input) {
        throw new PlanException(display() + " is a window function: give it a window with .over(...), e.g. "
                + display() + ".over(Window.partitionBy(\"k\").orderBy(col(\"v\")))");
    }

    /** The result type over the input rows (called by {@link WindowExpr}). */
    public DataType resultType(Schema schema) {
        DataType in = input == null ? null : input.type(schema);
        if (defaultValue != null) {
            DataType d = defaultValue.type(schema);
            if (d.kind() != DataType.Kind.NULL && !d.equals(in)) {
                // the default becomes the input's type (the planner casts it); fails here when it cannot
                new Cast(defaultValue, in, false).type(schema);
            }
        }
        return op.resultType(in);
    }

    @Override
    public String name() {
        return input == null ? op.sqlName() : input.name();
    }

    @Override
    public String display() {
        List<String> args = new ArrayList<>();
        if (input != null) {
            args.add(input.display());
        }
        if (op == WindowOp.NTILE || op == WindowOp.NTH_VALUE || op == WindowOp.LAG || op == WindowOp.LEAD) {
            args.add(Long.toString(param));
        }
        if (defaultValue != null) {
            args.add(defaultValue.display());
        }
        return op.sqlName() + "(" + String.join(", ", args) + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitWindowFunction(this);
    }
}
