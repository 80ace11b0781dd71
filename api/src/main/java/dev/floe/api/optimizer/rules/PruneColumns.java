package dev.floe.api.optimizer.rules;

import dev.floe.api.JoinType;
import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.PlanRule;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Projection pushdown: carries the set of columns each node's parent needs from the root down,
 * drops projection expressions and aggregations nobody reads, and tells scans to produce only the
 * needed columns (their filters still read what they need). Works on the whole plan because
 * requirements flow top-down while the driver offers single nodes bottom-up.
 *
 * <p>A pruned node outputs at least the columns its parent requires, under the same names and in
 * the same order, and possibly fewer of the rest, so the root keeps its schema. Through a join the
 * required output columns map back to each input (plus every key); an input column whose name
 * makes a right column print as {@code "right.x"} stays so the name does not change.
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
            return pruneProject(p, required);
        }
        if (node instanceof Filter f) {
            LogicalPlan input = prune(f.input(), with(required, List.of(f.predicate())));
            return input == f.input() ? f : new Filter(input, f.predicate());
        }
        if (node instanceof Limit l) {
            LogicalPlan input = prune(l.input(), required);
            return input == l.input() ? l : new Limit(input, l.n());
        }
        if (node instanceof Sort s) {
            LogicalPlan input = prune(s.input(), with(required, s.keys()));
            return input == s.input() ? s : new Sort(input, s.keys());
        }
        if (node instanceof Repartition r) {
            LogicalPlan input = prune(r.input(), with(required, r.keys()));
            return input == r.input() ? r : new Repartition(input, r.n(), r.keys());
        }
        if (node instanceof Aggregate a) {
            return pruneAggregate(a, required);
        }
        if (node instanceof Join j) {
            return pruneJoin(j, required);
        }
        if (node instanceof Scan s) {
            return pruneScan(s, required);
        }
        return node;
    }

    private static Set<String> with(Set<String> required, List<? extends Expr> exprs) {
        Set<String> out = new LinkedHashSet<>(required);
        for (Expr e : exprs) {
            out.addAll(e.columnRefs());
        }
        return out;
    }

    private LogicalPlan pruneProject(Project p, Set<String> required) {
        List<Expr> kept = new ArrayList<>();
        for (Expr e : p.exprs()) {
            if (required.contains(e.name())) {
                kept.add(e);
            }
        }
        LogicalPlan input = prune(p.input(), with(Set.of(), kept));
        if (kept.equals(p.exprs()) && input == p.input()) {
            return p;
        }
        return Project.of(input, kept);
    }

    /** Keys always stay (they define the groups); unread aggregations go, but a global aggregate keeps one. */
    private LogicalPlan pruneAggregate(Aggregate a, Set<String> required) {
        List<Expr> aggs = new ArrayList<>();
        for (Expr e : a.aggs()) {
            if (required.contains(e.name())) {
                aggs.add(e);
            }
        }
        if (aggs.isEmpty() && a.keys().isEmpty() && !a.aggs().isEmpty()) {
            aggs.add(a.aggs().get(0));
        }
        LogicalPlan input = prune(a.input(), with(with(Set.of(), a.keys()), aggs));
        if (aggs.equals(a.aggs()) && input == a.input()) {
            return a;
        }
        return Aggregate.of(input, a.keys(), aggs);
    }

    private LogicalPlan pruneJoin(Join j, Set<String> required) {
        Set<String> leftRequired = with(Set.of(), j.leftOn());
        Set<String> rightRequired = with(Set.of(), j.rightOn());
        for (Join.Output o : j.outputs()) {
            if (!required.contains(o.name())) {
                continue;
            }
            if (o.leftIndex() >= 0) {
                leftRequired.add(j.left().schema().field(o.leftIndex()).name());
            }
            if (o.rightIndex() >= 0) {
                String name = j.right().schema().field(o.rightIndex()).name();
                rightRequired.add(name);
                if (!name.equals(o.name()) && j.left().schema().contains(name)) {
                    leftRequired.add(name); // the left twin that makes this column "right.<name>"
                }
            }
        }
        if (j.type() == JoinType.SEMI || j.type() == JoinType.ANTI) {
            rightRequired = with(Set.of(), j.rightOn());
        }
        LogicalPlan left = prune(j.left(), leftRequired);
        LogicalPlan right = prune(j.right(), rightRequired);
        if (left == j.left() && right == j.right()) {
            return j;
        }
        Join pruned = Join.of(left, right, j.leftOn(), j.rightOn(), j.type(), j.strategy());
        if (keepsRequired(j, pruned, required)) {
            return pruned;
        }
        // safety net: inputs keep all their columns, so the join's output is the original one
        return j.withChildren(List.of(prune(j.left(), new LinkedHashSet<>(j.left().schema().names())),
                prune(j.right(), new LinkedHashSet<>(j.right().schema().names()))));
    }

    /** Every required output of {@code before} is in {@code after} with the same type and the same input columns. */
    private static boolean keepsRequired(Join before, Join after, Set<String> required) {
        for (int i = 0; i < before.outputs().size(); i++) {
            Join.Output o = before.outputs().get(i);
            if (!required.contains(o.name())) {
                continue;
            }
            int k = after.schema().indexOf(o.name());
            if (k < 0 || !after.schema().field(k).type().equals(before.schema().field(i).type())
                    || !source(before, o).equals(source(after, after.outputs().get(k)))) {
                return false;
            }
        }
        return true;
    }

    private static String source(Join j, Join.Output o) {
        return (o.leftIndex() < 0 ? "" : "L:" + j.left().schema().field(o.leftIndex()).name())
                + (o.rightIndex() < 0 ? "" : " R:" + j.right().schema().field(o.rightIndex()).name());
    }

    private static LogicalPlan pruneScan(Scan s, Set<String> required) {
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
}
