package dev.floe.api.optimizer;

import dev.floe.api.plan.LogicalPlan;
import java.util.List;
import java.util.Optional;

/**
 * Runs rule batches over a logical plan. Each batch runs its rules over every node, bottom-up,
 * once or until a fixed point (bounded by {@link #MAX_PASSES}); after each rewrite the driver
 * checks that the node's schema did not change and names the rule when it did.
 */
public final class Optimizer {
    static final int MAX_PASSES = 100;

    private final List<RuleBatch> batches;

    public Optimizer(List<RuleBatch> batches) {
        this.batches = List.copyOf(batches);
    }

    /** The default batches, in order. */
    public static Optimizer standard() {
        return new Optimizer(Rules.standardBatches());
    }

    public List<RuleBatch> batches() {
        return batches;
    }

    public LogicalPlan optimize(LogicalPlan plan) {
        LogicalPlan current = plan;
        for (RuleBatch batch : batches) {
            int passes = batch.strategy() == RuleBatch.Strategy.ONCE ? 1 : MAX_PASSES;
            for (int pass = 0; pass < passes; pass++) {
                LogicalPlan next = current;
                for (OptimizerRule rule : batch.rules()) {
                    next = applyEverywhere(rule, next);
                }
                boolean changed = next != current;
                current = next;
                if (!changed) {
                    break;
                }
            }
        }
        return current;
    }

    /** Offers every node to the rule, bottom-up (or the root to a {@link PlanRule}); same instance when unchanged. */
    public static LogicalPlan applyEverywhere(OptimizerRule rule, LogicalPlan plan) {
        if (rule instanceof PlanRule planRule) {
            Optional<LogicalPlan> rewritten = planRule.rewritePlan(plan);
            if (rewritten.isEmpty() || rewritten.get() == plan) {
                return plan;
            }
            if (!rewritten.get().schema().equals(plan.schema())) {
                throw new IllegalStateException("Optimizer rule " + rule.name() + " changed the plan's schema from\n"
                        + plan.schema() + "\nto\n" + rewritten.get().schema());
            }
            return rewritten.get();
        }
        return plan.transformUp(node -> {
            Optional<LogicalPlan> rewritten = rule.rewrite(node);
            if (rewritten.isEmpty() || rewritten.get() == node) {
                return node;
            }
            LogicalPlan out = rewritten.get();
            if (!out.schema().equals(node.schema())) {
                throw new IllegalStateException("Optimizer rule " + rule.name() + " changed the schema of\n  "
                        + node.describe() + "\nfrom\n" + node.schema() + "\nto\n" + out.schema());
            }
            return out;
        });
    }
}
