package dev.floe.api.optimizer.rules;

import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Replicate;
import java.util.Optional;

/**
 * Repeating a row does not change its values, so a filter keeps or drops all copies alike and can
 * run before the repetition (it cannot read the count column, which the replicate drops). With
 * {@link PushFilterThroughAggregate} and {@link PushFilterThroughUnion} the filters of
 * {@code intersectAll} / {@code exceptAll} reach both inputs.
 *
 * <pre>
 * Filter: a = 3                Replicate: n times
 *   Replicate: n times    →      Filter: a = 3
 *     x (a, n)                     x (a, n)
 * </pre>
 */
public final class PushFilterThroughReplicate implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Filter filter && filter.input() instanceof Replicate r
                && !filter.predicate().columnRefs().contains(r.countColumn())) {
            return Optional.of(new Replicate(new Filter(r.input(), filter.predicate()), r.countColumn()));
        }
        return Optional.empty();
    }
}
