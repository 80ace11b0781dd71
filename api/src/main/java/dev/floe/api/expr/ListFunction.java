package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A function of a list-typed {@code child}: {@code params} holds the literal argument (the
 * index of {@code get}, the separator of {@code join}). Built by {@link dev.floe.api.ListExpressions}.
 *
 * <pre>{@code new ListFunction(ListOp.GET, new Column("tags"), List.of(0)) // list_get(tags, 0)}</pre>
 */
public record ListFunction(ListOp op, Expr child, List<Object> params) implements Expr {
    public ListFunction {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(child, "child");
        params = List.copyOf(params);
        if (params.size() != op.params()) {
            throw new IllegalArgumentException(op.fn() + " takes " + op.params() + " parameters, got " + params);
        }
    }

    /** The index of {@code get}. */
    public int index() {
        return (Integer) params.get(0);
    }

    /** The separator of {@code join}. */
    public String separator() {
        return (String) params.get(0);
    }

    @Override
    public List<Expr> children() {
        return List.of(child);
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new ListFunction(op, children.get(0), params);
    }

    @Override
    public DataType type(Schema input) {
        DataType t = child.type(input);
        if (t instanceof DataType.ListOf l) {
            return op.resultType(l.element(), display());
        }
        if (t.kind() == Kind.NULL) {
            return op == ListOp.LENGTH ? DataType.int64() : op == ListOp.JOIN ? DataType.string() : DataType.nullType();
        }
        throw new PlanException("list()." + op.name().toLowerCase() + " needs a list but " + child.display() + " is "
                + t + " in " + display());
    }

    @Override
    public String display() {
        StringBuilder sb = new StringBuilder(op.fn()).append('(').append(child.display());
        for (Object p : params) {
            sb.append(", ");
            if (p instanceof String s) {
                sb.append('\'').append(s.replace("'", "''")).append('\'');
            } else {
                sb.append(p);
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitList(this);
    }
}
