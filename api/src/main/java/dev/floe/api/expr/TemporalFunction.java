package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.TemporalKernels;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A field or transformation of a date or timestamp: {@code year(d)}, {@code truncate(ts, 'month')}.
 * {@code unit} is set for {@link TemporalOp#TRUNCATE} only and checked when built. Built by
 * {@link dev.floe.api.TemporalExpressions}.
 *
 * <pre>{@code new TemporalFunction(TemporalOp.TRUNCATE, new Column("ts"), "month") // truncate(ts, 'month')}</pre>
 */
public record TemporalFunction(TemporalOp op, Expr child, String unit) implements Expr {
    public TemporalFunction {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(child, "child");
        if (op == TemporalOp.TRUNCATE) {
            if (unit == null || TemporalKernels.Unit.parse(unit) == null) {
                throw new PlanException("Unknown truncate unit '" + unit + "' in truncate(" + child.display()
                        + "); use one of " + Arrays.stream(TemporalKernels.Unit.values())
                        .map(u -> u.name().toLowerCase(Locale.ROOT)).toList());
            }
            unit = TemporalKernels.Unit.parse(unit).name().toLowerCase(Locale.ROOT);
        } else if (unit != null) {
            throw new IllegalArgumentException(op.fn() + " takes no unit");
        }
    }

    /** The truncate unit as the kernels name it. */
    public TemporalKernels.Unit truncateUnit() {
        return TemporalKernels.Unit.parse(unit);
    }

    @Override public List<Expr> children() { return List.of(child); }

    @Override public Expr withChildren(List<Expr> c) { return new TemporalFunction(op, c.get(0), unit); }

    @Override
    public DataType type(Schema input) {
        DataType t = child.type(input);
        if (t.kind() == Kind.NULL) {
            return op.resultType(op == TemporalOp.TRUNCATE ? DataType.date() : t);
        }
        if (op.needsTime() ? t.kind() != Kind.TIMESTAMP : !t.isTemporal()) {
            throw new PlanException("dt()." + op.fn() + " needs " + (op.needsTime() ? "a timestamp" : "a date or timestamp")
                    + " but " + child.display() + " is " + t + " in " + display()
                    + (t.kind() == Kind.DATE ? "; cast the date to a timestamp first" : ""));
        }
        return op.resultType(t);
    }

    @Override
    public String display() {
        return op.fn() + "(" + child.display() + (unit == null ? "" : ", '" + unit + "'") + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitTemporal(this);
    }
}
