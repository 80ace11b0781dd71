package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A reference, inside a subquery's plan, to a column of the query around it (a correlated
 * column): {@code outer(o_orderkey)}. It has the type the outer column has, so the inner plan
 * type-checks on its own. Decorrelation ({@code dev.floe.api.optimizer.rules}) turns the predicates
 * that read it into join keys and join conditions; none reaches the executor.
 */
public record OuterColumn(String name, DataType type) implements Expr {
    public OuterColumn {
        Objects.requireNonNull(name, "outer column name");
        Objects.requireNonNull(type, "outer column type");
    }

    @Override public List<Expr> children() { return List.of(); }

    @Override public Expr withChildren(List<Expr> children) { return this; }

    @Override public DataType type(Schema input) { return type; }

    @Override public String display() { return "outer(" + Names.quoteIfNeeded(name) + ")"; }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitOuterColumn(this);
    }

    /** True when {@code e} reads a column of an outer query. */
    public static boolean in(Expr e) {
        if (e instanceof OuterColumn) {
            return true;
        }
        for (Expr c : e.children()) {
            if (in(c)) {
                return true;
            }
        }
        return false;
    }
}
