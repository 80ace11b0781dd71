package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.arrow.kernels.agg.AggOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An aggregation over the rows of a group: {@code sum(l_quantity)}, {@code count(*)}. Valid only as
 * a top-level expression (possibly aliased) of {@code agg(...)}; {@code child} is null for
 * {@code count()}. Which inputs it accepts and its result type are the {@link AggFunction}'s one
 * rule, the same the kernels run (API.md: counts int64; sum of integers and booleans int64, of
 * floats float64, of decimal(p, s) decimal(38, s); mean/stddev/variance float64; min/max/anyValue
 * keep the input type; aggList gives list(input)). {@code second} is the second input of
 * covariance and correlation (null otherwise); {@code options} holds the literal parameters
 * (ddof, percentile fractions, separator, ignoreNulls).
 */
public record AggExpr(AggFunction function, Expr child, Expr second, AggOptions options) implements Expr {
    public AggExpr {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(options, "options");
        if ((child == null) == function.takesInput()) {
            throw new IllegalArgumentException(function + " needs " + (child == null ? "an input" : "no input"));
        }
        if ((second == null) == function.takesSecondInput()) {
            throw new IllegalArgumentException(function + " needs " + (second == null ? "a second input" : "one input"));
        }
    }

    public AggExpr(AggFunction function, Expr child, int ddof) {
        this(function, child, null, AggOptions.ddof(ddof));
    }

    public static AggExpr of(AggFunction function, Expr child) {
        return new AggExpr(function, child, 1);
    }

    /** A one-input aggregation with parameters: {@code percentile(x, 0.9)}. */
    public static AggExpr of(AggFunction function, Expr child, AggOptions options) {
        return new AggExpr(function, child, null, options);
    }

    /** Delta degrees of freedom of stddev/variance (1 = sample). */
    public int ddof() {
        return options.ddof();
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>(2);
        if (child != null) {
            out.add(child);
        }
        if (second != null) {
            out.add(second);
        }
        return out;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new AggExpr(function, children.isEmpty() ? null : children.get(0),
                children.size() > 1 ? children.get(1) : null, options);
    }

    @Override
    public DataType type(Schema input) {
        if (child == null) {
            return function.resultType(null);
        }
        AggregationPlacement.checkNotNested(this);
        DataType t = checkInput(child, input);
        if (second != null) {
            checkInput(second, input);
        }
        return function.resultType(t, options);
    }

    private DataType checkInput(Expr in, Schema input) {
        DataType t = in.type(input);
        if (!function.accepts(t)) {
            String hint = t.kind() == DataType.Kind.NULL
                    ? "; an all-null column has no type: cast it first, e.g. .cast(DataType.int64())"
                    : "; cast it first or choose another aggregation";
            throw new PlanException(function.sqlName() + " needs " + function.expects() + ", but "
                    + in.display() + " is " + t + " in " + display() + hint);
        }
        return t;
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
        String extra = switch (function) {
            case STDDEV, VARIANCE -> options.ddof() != 1 ? ", ddof=" + options.ddof() : "";
            case PERCENTILE, APPROX_PERCENTILE -> ", " + options.fractions().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", "));
            case STRING_AGG -> ", '" + options.separator().replace("'", "''") + "'";
            case FIRST, LAST -> options.ignoreNulls() ? ", ignore_nulls" : "";
            case COVARIANCE, CORRELATION -> ", " + second.display();
            default -> "";
        };
        return function.sqlName() + "(" + arg + extra + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitAgg(this);
    }
}
