package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.PlanRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Projection pushdown: carries the set of columns each node's parent needs from the root down,
 * drops projection expressions nobody reads, and tells scans to produce only the needed columns
 * (their filters still read what they need). Works on the whole plan because requirements flow
 * top-down while the driver offers single nodes bottom-up.
 *
 * <pre>
 * Project: a                       Project: a
 *   Filter: b > 0          →         Filter: b > 0
 *     Scan: t (a, b, c, d)             Scan: t columns=[a, b]
 * </pre>
 */
public final class PruneColumns implements PlanRule {

    @Override
    public Optional<LogicalPlan> rewritePlan(LogicalPlan root) {
        LogicalPlan pruned = prune(root, new LinkedHashSet<>(root.schema().names()));
        return pruned.equals(root) ? Optional.empty() : Optional.of(pruned);
    }

    private LogicalPlan prune(LogicalPlan node, Set<String> required) {
        if (node instanceof Project p) {
            List<Expr> kept = new ArrayList<>();
            for (Expr e : p.exprs()) {
                if (required.contains(e.name())) {
                    kept.add(e);
                }
            }
            Set<String> childRequired = new LinkedHashSet<>();
            for (Expr e : kept) {
                childRequired.addAll(e.columnRefs());
            }
            LogicalPlan input = prune(p.input(), childRequired);
            if (kept.equals(p.exprs()) && input == p.input()) {
                return p;
            }
            return Project.of(input, kept);
        }
        if (node instanceof Filter f) {
            Set<String> childRequired = new LinkedHashSet<>(required);
            childRequired.addAll(f.predicate().columnRefs());
            LogicalPlan input = prune(f.input(), childRequired);
            return input == f.input() ? f : new Filter(input, f.predicate());
        }
        if (node instanceof Limit l) {
            LogicalPlan input = prune(l.input(), required);
            return input == l.input() ? l : new Limit(input, l.n());
        }
        if (node instanceof Scan s) {
            List<String> columns = new ArrayList<>();
            for (String c : s.schema().names()) {
                if (required.contains(c)) {
                    columns.add(c);
                }
            }
            if (s.projection() != null && columns.equals(s.projection())) {
                return s;
            }
            if (s.projection() == null && columns.equals(s.source().schema().names())) {
                return s;
            }
            return s.withProjection(columns);
        }
        return node;
    }
}
