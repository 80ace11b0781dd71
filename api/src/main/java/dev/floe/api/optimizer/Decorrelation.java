package dev.floe.api.optimizer;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.OuterColumn;
import dev.floe.api.expr.Subquery;
import dev.floe.api.plan.LogicalPlan;
import java.util.Optional;

/**
 * The last word on subqueries: after the decorrelation rules, a subquery or outer column left in
 * the plan is a {@link PlanException} naming it, raised before anything runs (the executor never
 * sees one).
 */
public final class Decorrelation implements PlanRule {

    @Override
    public Optional<LogicalPlan> rewritePlan(LogicalPlan root) {
        check(root);
        return Optional.empty();
    }

    private static void check(LogicalPlan node) {
        Expr found = Subquery.firstIn(node);
        if (found != null) {
            throw new PlanException(notDecorrelated(found) + " (in " + node.describe() + ")");
        }
        for (LogicalPlan child : node.children()) {
            check(child);
        }
    }

    /** The message for a subquery or outer column that no rule turned into a join. */
    public static String notDecorrelated(Expr e) {
        if (e instanceof OuterColumn || !(e instanceof Subquery) && OuterColumn.in(e)) {
            return "The outer column reference in " + e.display() + " is in a position Floe cannot decorrelate"
                    + " (supported: WHERE conditions of a subquery, outside aggregations' arguments); rewrite it as a join";
        }
        return "The subquery " + e.display() + " is in a position Floe cannot turn into a join (supported: EXISTS, IN"
                + " and scalar subqueries in WHERE, HAVING and SELECT); rewrite it as a join";
    }
}
