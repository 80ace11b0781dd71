package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.SerializableFunction;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Series;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A user-defined function of {@code args}: exactly one of {@code vectorized} (whole batches as
 * {@link Series}) or {@code rowWise} (one {@code Object[]} of Java values per row) is set. The
 * function object travels inside the plan to the TaskManagers, so it must be serializable (a
 * lambda typed as {@link SerializableFunction} is). Its result type is declared, not inferred.
 * Built by {@link dev.floe.api.Functions#udf} and {@link dev.floe.api.Functions#udfRow}.
 *
 * <pre>{@code new Udf("twice", DataType.int64(), null, row -> (Long) row[0] * 2, List.of(new Column("a")))}</pre>
 */
public record Udf(String udfName, DataType returnType, SerializableFunction<Series[], Series> vectorized,
        SerializableFunction<Object[], Object> rowWise, List<Expr> args) implements Expr {
    public Udf {
        Objects.requireNonNull(udfName, "udfName");
        Objects.requireNonNull(returnType, "returnType");
        args = List.copyOf(args);
        if (udfName.isBlank()) {
            throw new PlanException("A UDF needs a non-blank name (it names the UDF in plans and errors)");
        }
        if ((vectorized == null) == (rowWise == null)) {
            throw new PlanException("UDF '" + udfName + "' needs exactly one function (vectorized or row-wise)");
        }
        if (returnType.kind() == DataType.Kind.NULL) {
            throw new PlanException("UDF '" + udfName + "' cannot return nullType; declare the type it produces");
        }
    }

    /** True for {@code udfRow}. */
    public boolean isRowWise() {
        return rowWise != null;
    }

    @Override
    public List<Expr> children() {
        return args;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new Udf(udfName, returnType, vectorized, rowWise, children);
    }

    @Override
    public DataType type(Schema input) {
        for (Expr a : args) {
            a.type(input);
        }
        return returnType;
    }

    @Override
    public String display() {
        return udfName + "(" + args.stream().map(Expr::display).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitUdf(this);
    }
}
