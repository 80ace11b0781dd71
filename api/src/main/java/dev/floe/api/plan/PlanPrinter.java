package dev.floe.api.plan;

/** Draws a plan tree, one node per line, children indented by two spaces. Deterministic. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String print(LogicalPlan plan) {
        StringBuilder sb = new StringBuilder();
        print(plan, 0, sb);
        return sb.toString();
    }

    private static void print(LogicalPlan plan, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(plan.describe()).append('\n');
        for (LogicalPlan child : plan.children()) {
            print(child, depth + 1, sb);
        }
    }
}
