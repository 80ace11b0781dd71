package dev.floe.api.expr;

import dev.floe.api.PlanException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How deeply an expression nests, and the limit every plan node enforces when it is built.
 * Plans travel to the TaskManagers by Java serialization, which recurses once per level (as do
 * type resolution, display and compilation), so a few thousand levels overflow a task thread's
 * stack at run time. Failing at build names the depth, the limit and a flatter way to write it.
 *
 * <pre>{@code ExprDepth.check(col("x").add(1).node(), "select")  // depth 2: fine}</pre>
 */
public final class ExprDepth {
    /** Deepest expression a plan node accepts; measured: 1000 levels already overflow a 1 MiB stack. */
    public static final int MAX = 256;

    private ExprDepth() {
    }

    /** Levels from the root to the deepest leaf (a column is 1), without recursion. */
    public static int of(Expr e) {
        Deque<Expr> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(e);
        depths.push(1);
        int max = 0;
        while (!nodes.isEmpty()) {
            Expr n = nodes.pop();
            int d = depths.pop();
            max = Math.max(max, d);
            for (Expr child : n.children()) {
                nodes.push(child);
                depths.push(d + 1);
            }
        }
        return max;
    }

    /** Whether {@code e} is within {@link #MAX} (optimizer rules use this to decline a merge). */
    public static boolean withinLimit(Expr e) {
        return of(e) <= MAX;
    }

    /** @throws PlanException when {@code e} nests deeper than {@link #MAX}, naming where it is used */
    public static void check(Expr e, String usedIn) {
        int depth = of(e);
        if (depth > MAX) {
            throw new PlanException("An expression in " + usedIn + " is nested " + depth + " levels deep (named '"
                    + firstColumn(e) + "'); Floe supports up to " + MAX + " levels, because plans are shipped to the "
                    + "TaskManagers by Java serialization, which recurses once per level. Build it flatter: isIn(...) "
                    + "instead of a chain of or/eq, a balanced tree of and/or, or intermediate columns in separate "
                    + "withColumn(...) calls, each under " + MAX + " levels");
        }
    }

    private static String firstColumn(Expr e) {
        Deque<Expr> nodes = new ArrayDeque<>();
        nodes.push(e);
        while (!nodes.isEmpty()) {
            Expr n = nodes.pop();
            if (n instanceof Alias a) {
                return a.name();
            }
            if (n instanceof Column c) {
                return c.name();
            }
            var kids = n.children();
            for (int i = kids.size() - 1; i >= 0; i--) {
                nodes.push(kids.get(i));
            }
        }
        return "literal";
    }
}
