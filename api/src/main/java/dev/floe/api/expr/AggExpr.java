package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * An aggregation over the rows of a group: {@code sum(l_quantity)}, {@code count(*)}. Valid only as
 * a top-level expression (possibly aliased) of {@code agg(...)}; {@code child} is null for
 * {@code count()}. Result types follow API.md: counts int64; sum of integers int64, of floats
 * float64, of decimal(p, s) decimal(38, s); mean/stddev/variance float64; min/max/anyValue keep
 * the input type; aggList gives list(input).
 */
public record AggExpr(AggFunction function, Expr child, int ddof) implements Expr {
    public AggExpr {
        Objects.requireNonNull(function, "function");
        if ((child == null) != (function == AggFunction.COUNT_ALL)) {
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
            return DataType.int64();
        }
        if (child instanceof AggExpr || containsAgg(child)) {
            throw new PlanException("Aggregations cannot be nested: " + display());
        }
        DataType t = child.type(input);
        return resultType(function, t, this);
    }

    /** The result type of {@code function} over {@code input}; PlanException when it does not apply. */
    public static DataType resultType(AggFunction function, DataType input, Expr where) {
        switch (function) {
            case COUNT, COUNT_ALL, COUNT_DISTINCT:
                return DataType.int64();
            case SUM:
                if (input.isInteger() || input.kind() == DataType.Kind.BOOL) {
                    return DataType.int64();
                }
                if (input.isFloating()) {
                    return DataType.float64();
                }
                if (input instanceof DataType.Decimal d) {
                    return DataType.decimal(38, d.scale());
                }
                if (input.kind() == DataType.Kind.NULL) {
                    return DataType.int64();
                }
                throw typeError(function, input, where, "a numeric column");
            case MEAN, STDDEV, VARIANCE:
                if (input.isNumeric() || input.kind() == DataType.Kind.NULL) {
                    return DataType.float64();
                }
                throw typeError(function, input, where, "a numeric column");
            case MIN, MAX:
                if (input.isNested() || input.kind() == DataType.Kind.INTERVAL) {
                    throw typeError(function, input, where, "an orderable column");
                }
                return input;
            case ANY_VALUE:
                return input;
            case AGG_LIST:
                return DataType.list(input);
            default:
                throw new IllegalStateException(function.name());
        }
    }

    private static PlanException typeError(AggFunction f, DataType t, Expr where, String expected) {
        return new PlanException(f.sqlName() + " needs " + expected + ", but " + where.display() + " is " + t);
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
}
