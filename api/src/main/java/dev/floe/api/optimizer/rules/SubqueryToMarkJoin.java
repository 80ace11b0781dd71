package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Subquery;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.LogicalPlan;
import java.util.Optional;

/**
 * EXISTS and IN subqueries that {@link DecorrelatePredicateSubquery} did not take (under OR, NOT IN,
 * in SELECT) become a "mark": a LEFT join against the subquery's distinct correlated keys (and, for
 * IN, values), read as a boolean. EXISTS marks {@code key IS NOT NULL}. IN keeps SQL's three values:
 * true on a match; otherwise false when the subquery has no row for the outer row; otherwise null when
 * the probe is null or the subquery yields a null (counted per key by a second grouped join, a cross
 * join with one row when uncorrelated); otherwise false. So {@code NOT IN} over a subquery with a null
 * keeps no row, and a null probe qualifies only when the subquery is empty.
 */
public final class SubqueryToMarkJoin implements OptimizerRule {

    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        return SubqueryRewrite.rewrite(node, s -> s.kind() != Subquery.Kind.SCALAR, SubqueryJoins::mark);
    }
}
