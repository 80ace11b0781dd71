package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A logical plan node: an immutable record whose schema is resolved when it is built. Each node
 * describes itself in one line ({@link #describe()}); {@link PlanPrinter} draws whole trees.
 *
 * <p>What differs by node type is either a method every node implements (the columns it reads,
 * whether it keeps its input's order, its size estimate) or a {@link LogicalPlanVisitor}; both
 * make the compiler list every place a new node must be described. See docs/architecture.md.
 */
public sealed interface LogicalPlan extends Serializable permits Scan, Project, Filter, Limit, Aggregate, Sort, Join, Repartition, Write,
        Explode, Expand, Union, Replicate, Sample, Offset, Deduplicate, Cache, Window {

    Schema schema();

    List<LogicalPlan> children();

    LogicalPlan withChildren(List<LogicalPlan> children);

    /** One line, e.g. {@code Filter: l_shipdate <= 1998-09-02}; also the Flink operator name. */
    String describe();

    /** Calls the visitor's method for this node type. */
    <R> R accept(LogicalPlanVisitor<R> visitor);

    /**
     * The columns this node reads from each of its {@link #children()} (in that order) to produce
     * {@code outputColumns} of its own output (Daft's {@code required_columns}); a name that is not
     * an output column is ignored. Column pruning carries these sets from the root to the scans.
     *
     * <pre>{@code Filter(b > 0).requiredColumns({a}) == [{a, b}]}</pre>
     */
    List<Set<String>> requiredColumns(Set<String> outputColumns);

    /**
     * True when the node has one input and emits its rows in the input's order (DataFusion's
     * {@code maintains_input_order}): an order set below survives this node.
     */
    boolean maintainsInputOrder();

    /** True when the node defines the order of its output rows itself (a sort). */
    boolean establishesOrder();

    /**
     * A rough estimate of this node's output in bytes, given the estimate of each child (in
     * {@link #children()} order); {@link SizeEstimates#UNKNOWN} when it cannot be told. Join
     * planning compares it with the broadcast threshold, so erring large is the safe side.
     */
    long estimateBytes(List<Long> inputBytes);

    /** Rewrites bottom-up. */
    default LogicalPlan transformUp(Function<LogicalPlan, LogicalPlan> fn) {
        List<LogicalPlan> kids = children();
        LogicalPlan self = this;
        if (!kids.isEmpty()) {
            List<LogicalPlan> newKids = new ArrayList<>(kids.size());
            boolean changed = false;
            for (LogicalPlan k : kids) {
                LogicalPlan nk = k.transformUp(fn);
                changed |= nk != k;
                newKids.add(nk);
            }
            if (changed) {
                self = withChildren(newKids);
            }
        }
        return fn.apply(self);
    }
}
