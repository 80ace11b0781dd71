package dev.floe.api.optimizer.rules;

import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import java.util.Optional;

/**
 * Lets every reader of a scan stop after n rows; the Limit stays above as the global limit. A
 * scan's limit applies after its filters, so this is sound for filtered scans too.
 *
 * <pre>
 * Limit: 5              Limit: 5
 *   Scan: t      →        Scan: t limit=5
 * </pre>
 */
public final class PushLimitIntoScan implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Limit limit && limit.input() instanceof Scan scan
                && (scan.limit() == null || scan.limit() > limit.n())) {
            return Optional.of(new Limit(scan.withLimit(limit.n()), limit.n()));
        }
        return Optional.empty();
    }
}
