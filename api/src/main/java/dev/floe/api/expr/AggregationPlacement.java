package dev.floe.api.expr;

import dev.floe.api.PlanException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where an aggregation may stand. Only an aggregation node ({@code agg(...)}, {@code groupBy(...).agg(...)})
 * computes one, so a projection, filter or sort that holds one would build and explain fine and
 * then fail at run time ("Cannot evaluate sum(salary)"); the plan nodes call this when they are
 * built, so the user's own line gets a {@link PlanException} with the fix.
 *
 * <p>Window functions never reach these nodes: {@code select}/{@code withColumn} move each
 * {@code .over(window)} into a window node first, so an aggregation over a window stays allowed.
 *
 * <pre>{@code AggregationPlacement.check(col("x").sum().node(), "a filter (where)")  // PlanException}</pre>
 */
public final class AggregationPlacement {
    private AggregationPlacement() {
    }

    /** Fails when {@code e} holds an aggregation, naming it, where it stands and what to write instead. */
    public static void check(Expr e, String where) {
        AggExpr agg = first(e);
        if (agg == null) {
            return;
        }
        String fix = where.contains("filter")
                ? "aggregate first and filter the result, e.g. df.groupBy(...).agg(" + agg.display()
                        + ".alias(\"v\")).where(col(\"v\")...)"
                : "use groupBy(...).agg(...) or agg(...) for one row per group, or " + agg.display()
                        + ".over(window) for a value on every row";
        throw new PlanException(agg.display() + " is an aggregation, which " + where + " cannot compute"
                + (agg == e ? "" : " (in " + e.display() + ")") + ": " + fix);
    }

    /** Fails when an aggregation in {@code e} holds another one, with the two-step rewrite. */
    public static void checkNotNested(Expr e) {
        Deque<Expr> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Expr n = todo.pop();
            if (n instanceof AggExpr outer) {
                // every input: covariance and correlation take two
                AggExpr inner = null;
                for (Expr in : outer.children()) {
                    inner = inner != null ? inner : first(in);
                }
                if (inner != null) {
                    throw new PlanException("Aggregations cannot be nested: " + outer.display() + ". Aggregate in two "
                            + "steps: df.groupBy(...).agg(" + inner.display() + ".alias(\"inner\")), then .agg(...) over "
                            + "col(\"inner\")");
                }
                continue;
            }
            n.children().forEach(todo::push);
        }
    }

    /** The first aggregation in {@code e}, depth first, or null (no recursion: expressions may be deep). */
    static AggExpr first(Expr e) {
        Deque<Expr> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Expr n = todo.pop();
            if (n instanceof AggExpr a) {
                return a;
            }
            for (int i = n.children().size() - 1; i >= 0; i--) {
                todo.push(n.children().get(i));
            }
        }
        return null;
    }
}
