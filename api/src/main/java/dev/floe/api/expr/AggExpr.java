package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.List;
import java.util.Objects;

/**
 * An aggregation over the rows of a group: {@code sum(l_quantity)}, {@code count(*)}. Valid only as
 * a top-level expression (possibly aliased) of {@code agg(...)}; {@code child} is null for
 * {@code count()}. Which inputs it accepts and its result type are the {@link AggFunction}'s one
 * rule, the same the kernels run (API.md: counts int64; sum of integers and booleans int64, of
 * floats float64, of decimal(p, s) decimal(38, s); mean/stddev/variance float64; min/max/anyValue
 * keep the input type; aggList gives list(input)).
 */
public record AggExpr(AggFunction function, Expr child, int ddof) implements Expr {
    public AggExpr {
        Objects.requireNonNull(function, "function");
        if ((child == null) == function.takesInput()) {
            throw new IllegalArgumentException(function + " needs " + (child == null ? "an input" : "no input"));
        }
    }

    public static AggExpr of(AggFunction function, Expr child) {
        return new AggExpr(function, child, 1);
    }

    @Override
    public List<Expr> children() {
        return child == null ? List.of() : List.of(child);
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new AggExpr(function, children.isEmpty() ? null : children.get(0), ddof);
    }

    @Override
    public DataType type(Schema input) {
        if (child == null) {
            return function.resultType(null);
        }
        AggregationPlacement.checkNotNested(this);
        DataType t = child.type(input);
        if (!function.accepts(t)) {
            String hint = t.kind() == DataType.Kind.NULL
                    ? "; an all-null column has no type: cast it first, e.g. .cast(DataType.int64())"
                    : "; cast it first or choose another aggregation";
            throw new PlanException(function.sqlName() + " needs " + function.expects() + ", but "
                    + child.display() + " is " + t + " in " + display() + hint);
        }
        return function.resultType(t);
    }

    /** True when any node below (or at) {@code e} is an aggregation. */
    public static boolean containsAgg(Expr e) {
        if (e instanceof AggExpr) {
            return true;
        }
        for (Expr c : e.children()) {
            if (containsAgg(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return child == null ? "count" : child.name();
    }

    @Override
    public String display() {
        String arg = child == null ? "*" : child.display();
        String extra = (function == AggFunction.STDDEV || function == AggFunction.VARIANCE) && ddof != 1
                ? ", ddof=" + ddof : "";
        return function.sqlName() + "(" + arg + extra + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitAgg(this);
    }
}
