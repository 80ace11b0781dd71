package dev.floe.api.optimizer.rules;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.expr.Between;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.SizeEstimates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders the tables of a chain of inner joins under one filter by size estimates, so that neither
 * the FROM clause's order nor the order of {@code JOIN ... ON} clauses decides the plan: the cross
 * joins of SQL's {@code FROM a, b, c WHERE ...} and the keyed inner joins of {@code a JOIN b ON ...
 * JOIN c ON ...} alike (a join's keys and condition become conjuncts of the filter). The filter may
 * also sit above LEFT joins whose left input is the chain (SQL's {@code LEFT JOIN}s after the
 * inner ones): its conjuncts over the chain's columns alone move into the chain and count in its
 * estimates, as push-down would move them (a LEFT join keeps every left row and column), the rest
 * stays above.
 * Greedy: start with the table largest after its own filters (the fact table); then join, among the
 * tables an equality of the filter connects to those already joined, the one whose join gives the
 * smallest estimated result; a table that no equality connects comes last, smallest first, so no
 * cross join appears while a connected order exists. The result is the same tables as cross joins
 * in the new order under one filter (push-down then turns the equalities into join keys again)
 * and a projection restoring the original column order.
 *
 * <p>Estimates: a table's bytes ({@link SizeEstimates}) times a guess per filter over it alone
 * ({@code =} 0.1, {@code IN} 0.1 per value up to 0.5, {@code BETWEEN} 0.25, other comparisons 0.33,
 * {@code IS NULL} 0.1, anything else 0.5). Joining a table no larger than the joined set's largest
 * is taken as a foreign-key lookup (the set's rows times the table's filter selectivity); a larger
 * table is the many side (its filtered size times the set's selectivity).
 *
 * <p>Only INNER cross joins and condition joins without a strategy or as-of match are flattened,
 * and only those whose output is their inputs' columns side by side on keys that are not floating
 * point, with at least three tables; DataFrame key joins, outer, semi and anti joins and anything
 * else are single tables of the chain, so nothing moves across them. A filter with a user function (which may not be
 * deterministic), or tables with a column name in common (whose {@code right.} prefixes the order
 * decides), leave the plan as written, and so does a table whose size nobody can estimate.
 *
 * <pre>
 * Filter: fk1 = k1 AND fk2 = k2 AND b = 1         Project: fk1, fk2, v, k1, a, k2, b
 *   CrossJoin                                       Filter: fk1 = k1 AND fk2 = k2 AND b = 1
 *     CrossJoin                              →        CrossJoin
 *       d1 (k1, a)                                      CrossJoin
 *       f (fk1, fk2, v)                                   f (fk1, fk2, v)
 *     d2 (k2, b)                                          d2 (k2, b)
 *                                                       d1 (k1, a)
 * </pre>
 */
public final class ReorderJoins implements OptimizerRule {
    private static final int MIN_TABLES = 3;

    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (!(node instanceof Filter filter) || !Exprs.isDeterministic(filter.predicate())) {
            return Optional.empty();
        }
        // the chain right under the filter, or under joins that keep their left input's rows and names
        List<Join> spine = new ArrayList<>();
        LogicalPlan chain = filter.input();
        while (chain instanceof Join j && !isChainJoin(j) && keepsLeftColumns(j)) {
            spine.add(j);
            chain = j.left();
        }
        if (!isChainJoin(chain)) {
            return Optional.empty();
        }
        Set<String> chainColumns = new HashSet<>(chain.schema().names());
        List<Expr> conjuncts = new ArrayList<>();
        List<Expr> kept = new ArrayList<>();
        for (Expr c : Exprs.conjuncts(filter.predicate())) {
            List<String> refs = c.columnRefs();
            if (spine.isEmpty() || !refs.isEmpty() && chainColumns.containsAll(refs)) {
                conjuncts.add(c);
            } else {
                kept.add(c);
            }
        }
        if (conjuncts.isEmpty()) {
            return Optional.empty();
        }
        List<LogicalPlan> tables = new ArrayList<>();
        flatten(chain, tables, conjuncts);
        if (tables.size() < MIN_TABLES) {
            return Optional.empty();
        }
        Map<String, Integer> owner = new HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            for (String name : tables.get(i).schema().names()) {
                if (owner.put(name, i) != null) {
                    return Optional.empty();
                }
            }
        }
        int n = tables.size();
        double[] raw = new double[n];
        double[] filtered = new double[n];
        boolean[][] connected = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            long bytes = SizeEstimates.bytes(tables.get(i));
            if (bytes >= SizeEstimates.UNKNOWN) {
                return Optional.empty(); // no estimate to order by
            }
            raw[i] = Math.max(1, bytes);
            filtered[i] = raw[i];
        }
        for (Expr c : conjuncts) {
            Set<Integer> reads = tablesRead(c, owner);
            if (reads.size() == 1) {
                int t = reads.iterator().next();
                filtered[t] *= selectivity(c);
            } else if (reads.size() == 2 && c instanceof Binary b && b.op() == BinaryOp.EQ) {
                Set<Integer> l = tablesRead(b.left(), owner);
                Set<Integer> r = tablesRead(b.right(), owner);
                if (l.size() == 1 && r.size() == 1 && !l.equals(r)) {
                    int x = l.iterator().next();
                    int y = r.iterator().next();
                    connected[x][y] = true;
                    connected[y][x] = true;
                }
            }
        }
        List<Integer> order = order(tables, raw, filtered, connected);
        if (isLeftDeep(chain) && isAscending(order)) {
            return Optional.empty(); // the order written is the order chosen
        }
        LogicalPlan tree = tables.get(order.get(0));
        for (int k = 1; k < n; k++) {
            tree = Join.of(tree, tables.get(order.get(k)), List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO);
        }
        List<Expr> columns = new ArrayList<>();
        for (String name : chain.schema().names()) {
            columns.add(new Column(name));
        }
        LogicalPlan out = Project.of(new Filter(tree, Exprs.and(conjuncts)), columns);
        if (!out.schema().equals(chain.schema())) {
            return Optional.empty();
        }
        for (int i = spine.size() - 1; i >= 0; i--) {
            out = spine.get(i).withChildren(List.of(out, spine.get(i).right()));
        }
        if (!kept.isEmpty()) {
            out = new Filter(out, Exprs.and(kept));
        }
        return out.schema().equals(filter.schema()) ? Optional.of(out) : Optional.empty();
    }

    /**
     * A cross join, or a condition join (SQL's JOIN ... ON, DataFrame.join(right, condition, how)),
     * INNER, without a strategy or as-of match, whose output is its inputs' columns side by side (no
     * {@code right.} prefix), on keys that are not floating point (whose hash equality an {@code =}
     * filter would not repeat exactly): its keys and condition can sit in a filter over the cross join
     * of its inputs. A key join of the DataFrame API (whose keys merge) stays where the program put it.
     */
    private static boolean isChainJoin(LogicalPlan p) {
        if (!(p instanceof Join j) || j.type() != JoinType.INNER || j.strategy() != JoinStrategy.AUTO
                || j.asof() != null || !j.isCross() && j.mergeKeys()) {
            return false;
        }
        List<String> sideBySide = new ArrayList<>(j.left().schema().names());
        sideBySide.addAll(j.right().schema().names());
        if (!j.schema().names().equals(sideBySide)) {
            return false;
        }
        for (Expr key : j.leftOn()) {
            if (key.type(j.left().schema()).isFloating()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A LEFT join (SQL's LEFT JOIN ... ON) that a filter on its left input's columns may move below:
     * it keeps every left row and the left columns' names. (The SEMI and ANTI joins of subqueries
     * could too, but the filter estimates say nothing of their inputs' sizes.)
     */
    private static boolean keepsLeftColumns(Join j) {
        List<String> names = j.schema().names();
        List<String> left = j.left().schema().names();
        return j.type() == JoinType.LEFT && j.asof() == null && names.size() >= left.size()
                && names.subList(0, left.size()).equals(left);
    }

    /** The tables of a chain, left to right; its joins' keys and conditions become conjuncts. */
    private static void flatten(LogicalPlan p, List<LogicalPlan> tables, List<Expr> conjuncts) {
        if (!isChainJoin(p)) {
            tables.add(p);
            return;
        }
        Join j = (Join) p;
        flatten(j.left(), tables, conjuncts);
        flatten(j.right(), tables, conjuncts);
        for (int i = 0; i < j.leftOn().size(); i++) {
            conjuncts.add(new Binary(BinaryOp.EQ, j.leftOn().get(i), j.rightOn().get(i)));
        }
        if (j.condition() != null) {
            conjuncts.addAll(Exprs.conjuncts(j.condition()));
        }
    }

    private static boolean isLeftDeep(LogicalPlan p) {
        return !isChainJoin(p) || !isChainJoin(p.children().get(1)) && isLeftDeep(p.children().get(0));
    }

    private static boolean isAscending(List<Integer> order) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    private static Set<Integer> tablesRead(Expr e, Map<String, Integer> owner) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String c : e.columnRefs()) {
            Integer t = owner.get(c);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** The share of rows a filter over one table is guessed to keep. */
    static double selectivity(Expr c) {
        if (c instanceof Binary b) {
            return switch (b.op()) {
                case EQ, EQ_NULL_SAFE -> 0.1;
                case LT, LE, GT, GE -> 0.33;
                case NEQ -> 0.9;
                case AND -> selectivity(b.left()) * selectivity(b.right());
                case OR -> Math.min(1, selectivity(b.left()) + selectivity(b.right()));
                default -> 0.5;
            };
        }
        if (c instanceof IsIn in) {
            return Math.min(0.5, 0.1 * in.values().size());
        }
        if (c instanceof Between) {
            return 0.25;
        }
        if (c instanceof Unary u && u.op() == UnaryOp.IS_NULL) {
            return 0.1;
        }
        return 0.5;
    }

    /** The greedy order of the tables' indexes. */
    private static List<Integer> order(List<LogicalPlan> tables, double[] raw, double[] filtered, boolean[][] connected) {
        int n = tables.size();
        String[] text = new String[n];
        for (int i = 0; i < n; i++) {
            text[i] = PlanPrinter.print(tables.get(i));
        }
        int start = 0;
        for (int i = 1; i < n; i++) {
            if (filtered[i] > filtered[start] || (filtered[i] == filtered[start] && before(text, i, start))) {
                start = i;
            }
        }
        List<Integer> order = new ArrayList<>(List.of(start));
        boolean[] used = new boolean[n];
        used[start] = true;
        double size = filtered[start];
        double largest = raw[start];
        while (order.size() < n) {
            int best = -1;
            double bestSize = 0;
            boolean bestConnected = false;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                boolean isConnected = false;
                for (int j : order) {
                    isConnected |= connected[i][j];
                }
                double est = isConnected
                        ? (raw[i] <= largest ? size * (filtered[i] / raw[i]) : filtered[i] * (size / largest))
                        : size * filtered[i];
                boolean better = best < 0 || (isConnected && !bestConnected)
                        || (isConnected == bestConnected && (est < bestSize || (est == bestSize && before(text, i, best))));
                if (better) {
                    best = i;
                    bestSize = est;
                    bestConnected = isConnected;
                }
            }
            order.add(best);
            used[best] = true;
            size = bestSize;
            largest = Math.max(largest, raw[best]);
        }
        return order;
    }

    /** Tie-break by plan text, so that equal estimates do not fall back to the FROM clause's order. */
    private static boolean before(String[] text, int i, int j) {
        return text[i].compareTo(text[j]) < 0;
    }
}
