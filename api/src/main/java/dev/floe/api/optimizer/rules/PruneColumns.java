package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.optimizer.PlanRule;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Explode;
import dev.floe.api.plan.Expand;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.LogicalPlanVisitor;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.plan.Write;
import dev.floe.api.plan.Deduplicate;
import dev.floe.api.plan.Offset;
import dev.floe.api.plan.Replicate;
import dev.floe.api.plan.Sample;
import dev.floe.api.plan.Union;
import dev.floe.api.expr.Column;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Projection pushdown: carries the set of columns each node's parent needs from the root down
 * (each node says what it reads from its inputs in {@link LogicalPlan#requiredColumns}), drops
 * projection expressions and aggregations nobody reads, and tells scans to produce only the
 * needed columns (their filters still read what they need). Works on the whole plan because
 * requirements flow top-down while the driver offers single nodes bottom-up.
 *
 * <p>A pruned node outputs at least the columns its parent requires, under the same names and in
 * the same order, and possibly fewer of the rest, so the root keeps its schema.
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

    private static LogicalPlan prune(LogicalPlan node, Set<String> required) {
        return node.accept(new Pruning(required));
    }

    /** Prunes one node, given the columns its parent reads of it; the same instance when nothing changes. */
    private record Pruning(Set<String> required) implements LogicalPlanVisitor<LogicalPlan> {

        @Override
        public LogicalPlan visitScan(Scan s) {
            List<String> columns = s.schema().names().stream().filter(required::contains).toList();
            boolean unchanged = s.projection() == null
                    ? columns.equals(s.source().schema().names())
                    : columns.equals(s.projection());
            return unchanged ? s : s.withProjection(columns);
        }

        @Override
        public LogicalPlan visitProject(Project p) {
            List<Expr> kept = p.exprsProducing(required);
            LogicalPlan input = prune(p.input(), p.requiredColumns(required).get(0));
            return kept.equals(p.exprs()) && input == p.input() ? p : Project.of(input, kept);
        }

        @Override
        public LogicalPlan visitAggregate(Aggregate a) {
            List<Expr> aggs = a.aggsProducing(required);
            LogicalPlan input = prune(a.input(), a.requiredColumns(required).get(0));
            return aggs.equals(a.aggs()) && input == a.input() ? a : Aggregate.of(input, a.keys(), aggs);
        }

        @Override
        public LogicalPlan visitJoin(Join j) {
            LogicalPlan pruned = pruneInputs(j);
            if (pruned == j || keepsRequired(j, (Join) pruned, required)) {
                return pruned;
            }
            // safety net: inputs keep all their columns, so the join's output is the original one
            return j.withChildren(List.of(prune(j.left(), new LinkedHashSet<>(j.left().schema().names())),
                    prune(j.right(), new LinkedHashSet<>(j.right().schema().names()))));
        }

        /** Drops the functions nobody reads, and the node with the last of them. */
        @Override
        public LogicalPlan visitWindow(dev.floe.api.plan.Window w) {
            List<dev.floe.api.expr.Alias> kept = w.functionsProducing(required);
            if (kept.isEmpty()) {
                Set<String> inputColumns = new LinkedHashSet<>(w.input().schema().names());
                inputColumns.retainAll(required);
                return prune(w.input(), inputColumns);
            }
            LogicalPlan input = prune(w.input(), w.requiredColumns(required).get(0));
            return kept.equals(w.functions()) && input == w.input() ? w : dev.floe.api.plan.Window.of(input, kept);
        }

        @Override public LogicalPlan visitFilter(Filter f) { return pruneInputs(f); }

        @Override public LogicalPlan visitLimit(Limit l) { return pruneInputs(l); }

        @Override public LogicalPlan visitSort(Sort s) { return pruneInputs(s); }

        @Override public LogicalPlan visitRepartition(Repartition r) { return pruneInputs(r); }

        @Override public LogicalPlan visitExplode(Explode x) { return pruneInputs(x); }

        /** A leaf that keeps every column: what it keeps does not depend on the reader. */
        @Override public LogicalPlan visitCache(dev.floe.api.plan.Cache c) { return c; }

        @Override public LogicalPlan visitWrite(Write w) { return pruneInputs(w); }

        /** Drops the expanded columns nobody reads (in every projection), then what only they read. */
        @Override
        public LogicalPlan visitExpand(Expand x) {
            Expand kept = x.keeping(required);
            LogicalPlan input = prune(x.input(), x.requiredColumns(required).get(0));
            return kept == x && input == x.input() ? x : Expand.of(input, kept.names(), kept.projections());
        }

        @Override public LogicalPlan visitReplicate(Replicate r) { return pruneInputs(r); }

        @Override public LogicalPlan visitSample(Sample s) { return pruneInputs(s); }

        @Override public LogicalPlan visitOffset(Offset o) { return pruneInputs(o); }

        @Override public LogicalPlan visitDeduplicate(Deduplicate d) { return pruneInputs(d); }

        /**
         * Columns line up by position, so both sides keep exactly the required positions: each
         * pruned side is projected onto them (a side may keep more columns than asked for). At
         * least one column stays, so that the rows survive.
         */
        @Override
        public LogicalPlan visitUnion(Union u) {
            List<Integer> keep = u.positions(required);
            if (keep.isEmpty()) {
                keep = List.of(0);
            }
            if (keep.size() == u.schema().size()) {
                return pruneInputs(u);
            }
            LogicalPlan left = side(u.left(), keep);
            LogicalPlan right = side(u.right(), keep);
            return new Union(left, right);
        }

        private static LogicalPlan side(LogicalPlan input, List<Integer> keep) {
            List<String> names = new ArrayList<>();
            for (int i : keep) {
                names.add(input.schema().field(i).name());
            }
            LogicalPlan pruned = prune(input, new LinkedHashSet<>(names));
            if (pruned.schema().names().equals(names)) {
                return pruned;
            }
            List<Expr> cols = new ArrayList<>();
            for (String n : names) {
                cols.add(new Column(n));
            }
            return Project.of(pruned, cols);
        }

        /** The node over its pruned inputs (it keeps every output column its parent reads). */
        private LogicalPlan pruneInputs(LogicalPlan node) {
            List<Set<String>> needs = node.requiredColumns(required);
            List<LogicalPlan> inputs = new ArrayList<>(needs.size());
            boolean changed = false;
            for (int i = 0; i < needs.size(); i++) {
                LogicalPlan child = node.children().get(i);
                LogicalPlan pruned = prune(child, needs.get(i));
                changed |= pruned != child;
                inputs.add(pruned);
            }
            return changed ? node.withChildren(inputs) : node;
        }
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
}
