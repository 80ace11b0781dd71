package dev.floe.api.plan;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Subquery;

/**
 * Draws a plan tree, one node per line, children indented by two spaces; a subquery in a node's
 * expressions is drawn under the node ({@code Subquery: EXISTS correlated on ...}), its plan indented
 * further, before the node's inputs. Deterministic.
 */
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
        for (Expr e : NodeExpressions.of(plan)) {
            for (Subquery s : Subquery.in(e)) {
                sb.append("  ".repeat(depth + 1)).append(s.header()).append('\n');
                print(s.plan(), depth + 2, sb);
            }
        }
        for (LogicalPlan child : plan.children()) {
            print(child, depth + 1, sb);
        }
    }
}
