package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A logical plan node: an immutable record whose schema is resolved when it is built. Each node
 * describes itself in one line ({@link #describe()}); {@link PlanPrinter} draws whole trees.
 */
public sealed interface LogicalPlan extends Serializable permits Scan, Project, Filter, Limit, Aggregate, Sort, Join, Repartition, Write,
        Explode {

    Schema schema();

    List<LogicalPlan> children();

    LogicalPlan withChildren(List<LogicalPlan> children);

    /** One line, e.g. {@code Filter: l_shipdate <= 1998-09-02}; also the Flink operator name. */
    String describe();

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
