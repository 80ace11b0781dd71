package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Deduplicate;
import dev.floe.api.plan.Expand;
import dev.floe.api.plan.Explode;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Offset;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Replicate;
import dev.floe.api.plan.Sample;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.plan.Union;
import dev.floe.api.plan.Window;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Optional;

/**
 * A filter on literal false or null, a scan filter that folded to one, or a limit of 0 keeps no
 * row: the subtree becomes an empty relation and is never evaluated, so an error it would raise
 * (an overflowing group key under {@code where(false)}) does not happen, as in DuckDB. Nodes over
 * an empty relation that output no row without input become empty too: projections, filters,
 * sorts, limits, windows, grouped aggregations, inner joins with an empty side, outer joins with
 * the preserved side(s) empty, unions of two empty inputs. An aggregation without group keys
 * stays: over no rows it still outputs one ({@code count() = 0}); a write stays (it writes an
 * empty file with the schema).
 *
 * <pre>
 * Filter: false                         Scan: empty relation (0 rows, 1 partitions)
 *   Aggregate: count(b) by a * a   →
 *     Scan: t
 * </pre>
 */
public final class PropagateEmptyRelations implements OptimizerRule {
    /** The label of the relations this rule creates (and the only in-memory sources it treats as empty). */
    public static final String EMPTY = "empty relation";

    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (isEmpty(node)) {
            return Optional.empty();
        }
        return keepsNoRow(node) ? Optional.of(empty(node.schema())) : Optional.empty();
    }

    /** An empty relation of this schema: one partition without batches. */
    public static Scan empty(Schema schema) {
        return Scan.of(new InMemorySource(EMPTY, schema, List.of(List.of())));
    }

    static boolean isEmpty(LogicalPlan plan) {
        return plan instanceof Scan s && s.source() instanceof InMemorySource m && m.name().equals(EMPTY)
                && m.numRows() == 0;
    }

    private static boolean keepsNoRow(LogicalPlan node) {
        if (node instanceof Filter f) {
            return isFalse(f.predicate()) || isEmpty(f.input());
        }
        if (node instanceof Scan s) {
            return s.filters().stream().anyMatch(PropagateEmptyRelations::isFalse)
                    || s.limit() != null && s.limit() == 0;
        }
        if (node instanceof Limit l && l.n() == 0) {
            return true;
        }
        if (node instanceof Aggregate a) {
            return !a.keys().isEmpty() && isEmpty(a.input());
        }
        if (node instanceof Join j) {
            boolean left = isEmpty(j.left());
            boolean right = isEmpty(j.right());
            return switch (j.type()) {
                case INNER, SEMI -> left || right;
                case LEFT, ANTI -> left;
                case RIGHT -> right;
                case OUTER -> left && right;
            };
        }
        if (node instanceof Union u) {
            return isEmpty(u.left()) && isEmpty(u.right());
        }
        // nodes whose output rows all come from input rows (a new node kind is not listed until
        // someone checks that it has no row without input, as a scalar subquery's null row would)
        boolean rowsFromInput = node instanceof Project || node instanceof Sort || node instanceof Limit
                || node instanceof Offset || node instanceof Window || node instanceof Explode
                || node instanceof Expand || node instanceof Deduplicate || node instanceof Repartition
                || node instanceof Sample || node instanceof Replicate;
        return rowsFromInput && isEmpty(node.children().get(0));
    }

    private static boolean isFalse(Expr e) {
        return e instanceof Literal l && (l.value() == null || Boolean.FALSE.equals(l.value()));
    }
}
