package dev.floe.api.plan;

import dev.floe.api.expr.Expr;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Column-name sets for {@link LogicalPlan#requiredColumns}. */
final class Columns {
    private Columns() {
    }

    /** {@code base} plus every column the expressions read, in first-seen order. */
    static Set<String> plus(Set<String> base, Collection<? extends Expr> exprs) {
        Set<String> out = new LinkedHashSet<>(base);
        for (Expr e : exprs) {
            out.addAll(e.columnRefs());
        }
        return out;
    }

    /** Every column the expressions read. */
    static Set<String> readBy(Collection<? extends Expr> exprs) {
        return plus(Set.of(), exprs);
    }
}
