package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.WindowExpr;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two stacked windows with the same partitioning and order become one, so their functions share
 * one exchange, one sort and one pass (consecutive {@code withColumn} calls over one window build
 * such stacks), unless the upper one reads a column the lower one computes.
 *
 * <pre>
 * Window: p by [k] order by [v]: sum(v) AS s       Window: p by [k] order by [v]: rank() AS r, sum(v) AS s
 *   Window: p by [k] order by [v]: rank() AS r  →     x
 *     x
 * </pre>
 */
public final class MergeWindows implements OptimizerRule {
    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Window upper) || !(upper.input() instanceof Window lower)
                || !upper.partitionBy().equals(lower.partitionBy()) || !upper.orderBy().equals(lower.orderBy())) {
            return Optional.empty();
        }
        Set<String> computedBelow = new HashSet<>();
        lower.functions().forEach(a -> computedBelow.add(a.name()));
        for (Alias a : upper.functions()) {
            for (String c : ((WindowExpr) a.child()).function().columnRefs()) {
                if (computedBelow.contains(c)) {
                    return Optional.empty();
                }
            }
        }
        List<Alias> functions = new ArrayList<>(lower.functions());
        functions.addAll(upper.functions());
        return Optional.of(Window.of(lower.input(), functions));
    }
}
