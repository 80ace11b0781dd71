package dev.floe.api.plan;

import dev.floe.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The expressions a node holds itself (not those of its inputs): a filter's predicate, a
 * projection's expressions, an aggregation's keys and aggregations, a join's keys and condition,
 * sort keys, window functions, repartition keys, scan filters, grouping-set projections. Used to find
 * subqueries and outer references in a plan.
 */
public final class NodeExpressions {
    private NodeExpressions() {
    }

    public static List<Expr> of(LogicalPlan node) {
        List<Expr> out = new ArrayList<>();
        if (node instanceof Filter f) {
            out.add(f.predicate());
        } else if (node instanceof Project p) {
            out.addAll(p.exprs());
        } else if (node instanceof Aggregate a) {
            out.addAll(a.keys());
            out.addAll(a.aggs());
        } else if (node instanceof Join j) {
            out.addAll(j.leftOn());
            out.addAll(j.rightOn());
            if (j.condition() != null) {
                out.add(j.condition());
            }
        } else if (node instanceof Sort s) {
            out.addAll(s.keys());
        } else if (node instanceof Window w) {
            out.addAll(w.functions());
        } else if (node instanceof Repartition r) {
            out.addAll(r.keys());
        } else if (node instanceof Scan s) {
            out.addAll(s.filters());
        } else if (node instanceof Expand e) {
            e.projections().forEach(out::addAll);
        }
        return out;
    }
}
