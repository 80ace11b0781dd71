package dev.floe.api.optimizer.rules;

import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Sort;
import java.util.Optional;

/**
 * Filtering keeps the order of the rows it keeps, so the filter can run first and the sort
 * orders fewer rows.
 *
 * <pre>
 * Filter: a > 1           Sort: b ASC
 *   Sort: b ASC     →       Filter: a > 1
 *     x                       x
 * </pre>
 */
public final class PushFilterThroughSort implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Filter filter && filter.input() instanceof Sort sort) {
            return Optional.of(new Sort(new Filter(sort.input(), filter.predicate()), sort.keys()));
        }
        return Optional.empty();
    }
}
