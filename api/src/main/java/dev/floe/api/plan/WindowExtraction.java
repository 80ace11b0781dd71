package dev.floe.api.plan;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowExpr;
import dev.floe.api.expr.WindowFunction;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a projection whose expressions contain window functions, as Daft's
 * {@code extract_window_function} does: a projection below computes every window input that is not
 * already a column (partition and order keys, function arguments, lag/lead defaults cast to the
 * input's type), one {@link Window} node per distinct (partitioning, order) evaluates all the
 * functions that share it, and a projection above computes the requested expressions from the
 * window columns.
 *
 * <pre>
 * select(a, rank().over(partitionBy(b % 2)) + 1 AS r)
 *
 * Project: a, __win0 + 1 AS r
 *   Window: partition by [__win_in0] order by []: rank() AS __win0
 *     Project: a, b, b % 2 AS __win_in0
 *       x
 * </pre>
 */
public final class WindowExtraction {
    private WindowExtraction() {
    }

    /** Fails unless no window expression is in {@code e}, naming where it is not allowed and what to do. */
    public static void rejectWindows(Expr e, String where) {
        if (e != null && WindowExpr.containsWindow(e)) {
            throw new dev.floe.api.PlanException("Window functions are not allowed in " + where + ": " + e.display()
                    + ". Compute the window function with withColumn(\"name\", ...) first, then use that column here");
        }
    }

    /** {@code Project.of(input, exprs)}, with window functions moved into Window nodes. */
    public static LogicalPlan project(LogicalPlan input, List<Expr> exprs) {
        List<WindowExpr> windows = new ArrayList<>();
        for (Expr e : exprs) {
            collect(e, windows);
        }
        if (windows.isEmpty()) {
            return Project.of(input, exprs);
        }
        Schema in = input.schema();
        for (WindowExpr w : windows) {
            w.type(in); // every check with the user's expression in the message
        }
        // inputs that are not plain columns, computed below
        Map<Expr, String> computed = new LinkedHashMap<>();
        List<WindowExpr> rewritten = new ArrayList<>();
        for (WindowExpr w : windows) {
            rewritten.add(columnsOnly(w, in, computed));
        }
        LogicalPlan below = input;
        if (!computed.isEmpty()) {
            List<Expr> layout = new ArrayList<>();
            for (String c : in.names()) {
                layout.add(new Column(c));
            }
            computed.forEach((e, name) -> layout.add(new Alias(e, name)));
            below = Project.of(input, layout);
        }
        // output names: the user's name where it is free, else a hidden one
        Set<String> taken = new HashSet<>(below.schema().names());
        Map<WindowExpr, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            String name = "__win" + i;
            for (Expr e : exprs) {
                if (e instanceof Alias a && a.child().equals(windows.get(i)) && !taken.contains(a.name())) {
                    name = a.name();
                    break;
                }
            }
            taken.add(name);
            outputs.put(windows.get(i), name);
        }
        // one Window node per (partitioning, order), in first-seen order
        Map<List<Expr>, List<Alias>> groups = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            WindowExpr w = rewritten.get(i);
            List<Expr> key = new ArrayList<>(w.partitionBy());
            key.add(null);
            key.addAll(w.orderBy());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Alias(w, outputs.get(windows.get(i))));
        }
        LogicalPlan plan = below;
        for (List<Alias> functions : groups.values()) {
            plan = Window.of(plan, functions);
        }
        List<Expr> above = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            Expr r = e.transformUp(x -> x instanceof WindowExpr w ? new Column(outputs.get(w)) : x);
            if (r instanceof Alias a && a.child() instanceof Column c && c.name().equals(a.name())) {
                r = c;
            }
            above.add(r.name().equals(e.name()) ? r : new Alias(r.unalias(), e.name()));
        }
        return Project.of(plan, above);
    }

    private static void collect(Expr e, List<WindowExpr> out) {
        if (e instanceof WindowExpr w) {
            if (!out.contains(w)) {
                out.add(w);
            }
            return;
        }
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }

    /** The window expression with every key and argument a column (computing the others below). */
    private static WindowExpr columnsOnly(WindowExpr w, Schema in, Map<Expr, String> computed) {
        List<Expr> partition = new ArrayList<>();
        for (Expr k : w.partitionBy()) {
            partition.add(column(k, computed));
        }
        List<SortKey> order = new ArrayList<>();
        for (SortKey k : w.orderBy()) {
            order.add(new SortKey(column(k.child(), computed), k.descending(), k.nullsFirst()));
        }
        Expr f = w.function();
        if (f instanceof AggExpr a && a.child() != null) {
            f = a.withChildren(List.of(column(a.child(), computed)));
        } else if (f instanceof WindowFunction wf && wf.input() != null) {
            Expr dflt = wf.defaultValue();
            if (dflt != null) {
                DataType t = wf.input().type(in);
                DataType d = dflt.type(in);
                dflt = d.kind() == DataType.Kind.NULL ? null : column(d.equals(t) ? dflt : new Cast(dflt, t, false), computed);
            }
            f = new WindowFunction(wf.op(), column(wf.input(), computed), dflt, wf.param());
        }
        return new WindowExpr(f, partition, order, w.frame());
    }

    private static Column column(Expr e, Map<Expr, String> computed) {
        Expr plain = e.unalias();
        if (plain instanceof Column c) {
            return c;
        }
        return new Column(computed.computeIfAbsent(plain, x -> "__win_in" + computed.size()));
    }
}
