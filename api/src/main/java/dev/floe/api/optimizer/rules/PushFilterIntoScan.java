package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands a filter to the scan below it, conjunct by conjunct, so readers can apply it while
 * decoding (and later skip row groups by statistics). Not into a scan that already has a limit:
 * a limit then a filter is not a filter then a limit.
 *
 * <pre>
 * Filter: a > 1 AND b = 'x'     →   Scan: t filters=[a > 1, b = 'x']
 *   Scan: t
 * </pre>
 */
public final class PushFilterIntoScan implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !(filter.input() instanceof Scan scan) || scan.limit() != null) {
            return Optional.empty();
        }
        List<Expr> filters = new ArrayList<>(scan.filters());
        filters.addAll(Exprs.conjuncts(filter.predicate()));
        return Optional.of(scan.withFilters(filters));
    }
}
