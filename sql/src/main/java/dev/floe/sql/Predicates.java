package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.expr.Literal;
import java.util.List;

/** SQL predicates that need more than one Floe call. */
final class Predicates {
    private Predicates() {
    }

    /**
     * {@code x IN (a, b, ...)}: Floe's {@code isIn} over literal lists, else {@code x = a OR x = b ...}.
     * A null in the list makes a non-match null, as SQL says, in both forms.
     */
    static Expression in(Expression left, List<Expression> values) {
        boolean literals = values.stream().allMatch(v -> v.node() instanceof Literal l && l.value() != null);
        if (literals) {
            return left.isIn(values.toArray());
        }
        Expression out = null;
        for (Expression v : values) {
            Expression eq = left.eq(v);
            out = out == null ? eq : out.or(eq);
        }
        return out;
    }
}
