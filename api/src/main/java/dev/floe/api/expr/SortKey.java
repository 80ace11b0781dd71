package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A sort marker around an expression: {@code col("a").desc()}. Ascending keys put nulls last and
 * descending keys nulls first unless {@code nullsFirst} says otherwise. Meaningful only inside
 * {@code sort(...)}; elsewhere it evaluates to its child.
 */
public record SortKey(Expr child, boolean descending, boolean nullsFirst) implements Expr {
    public SortKey {
        Objects.requireNonNull(child, "child");
        if (child instanceof SortKey) {
            throw new IllegalArgumentException("nested sort markers");
        }
    }

    /** The key for an expression that may already be a marker (plain expressions sort ascending). */
    public static SortKey of(Expr e) {
        return e instanceof SortKey k ? k : new SortKey(e, false, false);
    }

    @Override public List<Expr> children() { return List.of(child); }

    @Override public Expr withChildren(List<Expr> children) { return new SortKey(children.get(0), descending, nullsFirst); }

    @Override public DataType type(Schema input) { return child.type(input); }

    @Override public String name() { return child.name(); }

    @Override
    public String display() {
        boolean defaultNulls = nullsFirst == descending;
        return child.display() + (descending ? " DESC" : " ASC")
                + (defaultNulls ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitSortKey(this);
    }
}
