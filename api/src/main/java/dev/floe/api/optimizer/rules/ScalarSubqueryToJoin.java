package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Subquery;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.LogicalPlan;
import java.util.Optional;

/**
 * Scalar subqueries in a filter (WHERE, HAVING) or a projection (SELECT) become joins
 * (DataFusion's ScalarSubqueryToJoin): an uncorrelated one a cross join with its single row; a
 * correlated one a LEFT join with its aggregation grouped by the correlated columns (equalities
 * with outer columns become the keys). An outer row without inner rows gets what the aggregation
 * yields over no rows: 0 for counts, not null (the "count bug"), through
 * {@code if_else(key IS NULL, <value over no rows>, value)}. A subquery whose plan does not show it
 * yields at most one row is grouped with {@code any_value} and a row count that fails the job, naming
 * the subquery, when it exceeds one.
 *
 * <pre>{@code
 * Filter: l_quantity < scalar(Project: 0.2 * avg_qty)      (avg over l_partkey = outer(p_partkey))
 * =>
 * Project: <the filter's columns>
 *   Filter: l_quantity < __sq1_v
 *     Join: LEFT on p_partkey = __sq1_k0
 *       ...
 *       Project: 0.2 * avg_qty AS __sq1_v, __sq1_g0 AS __sq1_k0
 *         Aggregate: keys [l_partkey AS __sq1_g0] ...
 * }</pre>
 */
public final class ScalarSubqueryToJoin implements OptimizerRule {

    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        return SubqueryRewrite.rewrite(node, s -> s.kind() == Subquery.Kind.SCALAR, SubqueryJoins::scalar);
    }
}
