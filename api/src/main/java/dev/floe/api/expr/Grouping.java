package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;

/**
 * {@code grouping(key)} (0 when the row groups by {@code key}, 1 when {@code key} is rolled up)
 * or, with no key, {@code grouping_id()} (the bits of every grouping key, the first key highest,
 * as Spark). Only the {@code agg} of {@code rollup}, {@code cube} and {@code groupingSets} knows
 * these values: it replaces them by expressions over the grouping id before planning, so this
 * node never reaches a plan and has no type of its own.
 *
 * <pre>{@code new Grouping(new Column("a")) // grouping(a)}</pre>
 */
public record Grouping(Expr key) implements Expr {

    /** {@code grouping_id()}: {@code Grouping.id().display().equals("grouping_id()")} */
    public static Grouping id() {
        return new Grouping(null);
    }

    @Override
    public List<Expr> children() {
        return key == null ? List.of() : List.of(key);
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new Grouping(children.isEmpty() ? null : children.get(0));
    }

    @Override
    public DataType type(Schema input) {
        throw new PlanException(display() + " is only allowed in agg(...) after rollup(...), cube(...) or"
                + " groupingSets(...), e.g. df.rollup(col(\"a\")).agg(grouping(col(\"a\")), col(\"v\").sum())");
    }

    /** Spark's names: {@code grouping(a)} and {@code grouping_id()}. */
    @Override
    public String name() {
        return display();
    }

    @Override
    public String display() {
        return key == null ? "grouping_id()" : "grouping(" + key.display() + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitGrouping(this);
    }
}
