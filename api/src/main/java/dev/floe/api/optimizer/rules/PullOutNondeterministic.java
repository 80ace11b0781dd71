package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Nondeterministic;
import dev.floe.api.expr.SortKey;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Sort;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the sort keys, repartition keys and join keys that use {@code rand}, {@code randn} or
 * {@code monotonically_increasing_id} in a projection right below their node, which then reads
 * them as columns; a projection above drops those columns again (Spark's PullOutNondeterministic).
 * A key that stays an expression is evaluated where the exchange or the operator runs, once per
 * evaluation (a hash split, then the join table or the sort, each again) and not in the row's
 * partition, so the ids were not unique there and the values not those of one row; a projection
 * computes each value once, with the row's partition and position, as a select does. Join
 * conditions do not get here: {@code Join.of} refuses rand and the ids in one.
 *
 * <pre>
 * Sort: monotonically_increasing_id() ASC      Project: a
 *   x (a)                                  →     Sort: __nondeterministic0 ASC
 *                                                  Project: a, monotonically_increasing_id() AS __nondeterministic0
 *                                                    x (a)
 * </pre>
 */
public final class PullOutNondeterministic implements OptimizerRule {
    /** The names of the added columns start so (followed by a number no input column uses). */
    static final String PREFIX = "__nondeterministic";

    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Sort s && s.keys().stream().anyMatch(k -> Nondeterministic.appearsIn(k.child()))) {
            Columns pulled = new Columns(s.input(), names(s.input().schema()));
            List<SortKey> keys = new ArrayList<>();
            for (SortKey k : s.keys()) {
                keys.add(new SortKey(pulled.column(k.child()), k.descending(), k.nullsFirst()));
            }
            return Optional.of(dropAdded(new Sort(pulled.plan(), keys), s.schema()));
        }
        if (node instanceof Repartition r && r.keys().stream().anyMatch(Nondeterministic::appearsIn)) {
            Columns pulled = new Columns(r.input(), names(r.input().schema()));
            List<Expr> keys = new ArrayList<>();
            for (Expr k : r.keys()) {
                keys.add(pulled.column(k));
            }
            return Optional.of(dropAdded(new Repartition(pulled.plan(), r.n(), keys), r.schema()));
        }
        if (node instanceof Join j && (j.leftOn().stream().anyMatch(Nondeterministic::appearsIn)
                || j.rightOn().stream().anyMatch(Nondeterministic::appearsIn))) {
            // one set of names over both sides, so that no added column renames another as right.x
            Set<String> taken = names(j.left().schema());
            taken.addAll(j.right().schema().names());
            Columns left = new Columns(j.left(), taken);
            Columns right = new Columns(j.right(), taken);
            List<Expr> leftOn = j.leftOn().stream().map(left::column).toList();
            List<Expr> rightOn = j.rightOn().stream().map(right::column).toList();
            Join pulled = Join.of(left.plan(), right.plan(), leftOn, rightOn, j.type(), j.strategy(), j.condition(),
                    j.asof(), j.mergeKeys());
            return Optional.of(dropAdded(pulled, j.schema()));
        }
        return Optional.empty();
    }

    private static Set<String> names(Schema schema) {
        return new HashSet<>(schema.names());
    }

    /** {@code node}'s columns that {@code schema} (the replaced node's) has, in its order. */
    private static LogicalPlan dropAdded(LogicalPlan node, Schema schema) {
        List<Expr> columns = new ArrayList<>(schema.size());
        for (String n : schema.names()) {
            columns.add(new Column(n));
        }
        return Project.of(node, columns);
    }

    /** The input of one node with the columns added for its nondeterministic keys. */
    private static final class Columns {
        private final LogicalPlan input;
        private final Set<String> taken;
        private final List<Expr> added = new ArrayList<>();

        Columns(LogicalPlan input, Set<String> taken) {
            this.input = input;
            this.taken = taken;
        }

        /** {@code key} itself when it is deterministic, else a reference to a new column computing it. */
        Expr column(Expr key) {
            if (!Nondeterministic.appearsIn(key)) {
                return key;
            }
            String name = PREFIX + 0;
            for (int i = 1; !taken.add(name); i++) {
                name = PREFIX + i;
            }
            added.add(new Alias(key.unalias(), name));
            return new Column(name);
        }

        /** The input, projected with the added columns after its own when there are any. */
        LogicalPlan plan() {
            if (added.isEmpty()) {
                return input;
            }
            List<Expr> exprs = new ArrayList<>();
            for (String n : input.schema().names()) {
                exprs.add(new Column(n));
            }
            exprs.addAll(added);
            return Project.of(input, exprs);
        }
    }
}
