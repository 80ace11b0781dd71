package dev.floe.api.optimizer;

import java.util.List;

/**
 * Rules applied together, either once or repeatedly until the plan stops changing.
 *
 * @param reason one line on why this batch exists and why it sits where it does
 */
public record RuleBatch(String name, String reason, Strategy strategy, List<OptimizerRule> rules) {
    public enum Strategy { ONCE, FIXED_POINT }

    public RuleBatch {
        rules = List.copyOf(rules);
    }

    public static RuleBatch once(String name, String reason, OptimizerRule... rules) {
        return new RuleBatch(name, reason, Strategy.ONCE, List.of(rules));
    }

    public static RuleBatch fixedPoint(String name, String reason, OptimizerRule... rules) {
        return new RuleBatch(name, reason, Strategy.FIXED_POINT, List.of(rules));
    }
}
