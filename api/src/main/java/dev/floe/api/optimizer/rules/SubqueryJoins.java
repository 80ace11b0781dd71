package dev.floe.api.optimizer.rules;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.PlanException;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.IfElse;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.OuterColumn;
import dev.floe.api.expr.Subquery;
import dev.floe.api.expr.Udf;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.optimizer.RuleBatch;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Sort;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the decorrelation rules share: pulling the correlated conditions of a subquery's plan up
 * to its top (through filters, projections and aggregations, which then group by the correlated
 * columns), and building the joins that replace a subquery (semi/anti, "mark" left joins, left joins
 * with the grouped aggregate). Columns the joins add get fresh names {@code __sqN_...}, so they never
 * collide with the outer query's names.
 */
final class SubqueryJoins {
    private SubqueryJoins() {
    }

    /** The decorrelation rules, for subqueries nested in a subquery's plan (decorrelated first). */
    static LogicalPlan decorrelateNested(LogicalPlan plan) {
        if (!containsSubquery(plan)) {
            return plan;
        }
        return new Optimizer(List.of(RuleBatch.fixedPoint("decorrelate nested", "subqueries inside a subquery",
                new DecorrelatePredicateSubquery(), new ScalarSubqueryToJoin(), new SubqueryToMarkJoin())))
                .optimize(plan);
    }

    private static boolean containsSubquery(LogicalPlan plan) {
        for (Expr e : dev.floe.api.plan.NodeExpressions.of(plan)) {
            if (!Subquery.in(e).isEmpty()) {
                return true;
            }
        }
        for (LogicalPlan c : plan.children()) {
            if (containsSubquery(c)) {
                return true;
            }
        }
        return false;
    }

    // ---- fresh names ---------------------------------------------------------------------------

    private static final Pattern FRESH = Pattern.compile("__sq(\\d+)_.*");

    /**
     * Names for the columns one subquery's joins add: {@code __sqN_<role>}, N unused in both plans.
     * Two rewrites in different subtrees may pick the same N: that is safe because every rewrite ends
     * in the node's own output columns (a restoring projection), so no added name leaves it and no
     * join ever sees the same added name on both sides.
     */
    static final class Fresh {
        final String prefix;
        private int next;

        Fresh(LogicalPlan outer, LogicalPlan inner) {
            int[] max = {0};
            scan(outer, max);
            scan(inner, max);
            prefix = "__sq" + (max[0] + 1) + "_";
        }

        private static void scan(LogicalPlan plan, int[] max) {
            for (String n : plan.schema().names()) {
                Matcher m = FRESH.matcher(n);
                if (m.matches()) {
                    max[0] = Math.max(max[0], Integer.parseInt(m.group(1)));
                }
            }
            for (LogicalPlan c : plan.children()) {
                scan(c, max);
            }
        }

        String name(String role) {
            return prefix + role;
        }

        String next(String role) {
            return prefix + role + next++;
        }
    }

    // ---- pulling correlated conditions up ------------------------------------------------------

    /**
     * A subquery's plan without correlated conditions, and those conditions over its output columns
     * (and outer columns). {@code emptyValues} is set when a correlated aggregation without grouping
     * keys was grouped by the correlated columns: what each output column would have been for an outer
     * row with no inner rows (0 for counts, else null), since the grouped plan has no row for it.
     */
    record Pulled(LogicalPlan plan, List<Expr> predicates, Map<String, Expr> emptyValues) {
    }

    static PlanException unsupported(String what, Subquery s) {
        return new PlanException("Floe cannot decorrelate " + what + " in the subquery " + s.display()
                + "; rewrite the subquery as a join");
    }

    /** {@code setSemantics}: only which rows exist matters (EXISTS, IN), not how often. */
    static Pulled pull(LogicalPlan p, Fresh fresh, Subquery s, boolean setSemantics) {
        if (Subquery.outerColumns(p).isEmpty()) {
            return new Pulled(p, List.of(), null);
        }
        if (p instanceof Filter f) {
            Pulled in = pull(f.input(), fresh, s, setSemantics);
            List<Expr> correlated = new ArrayList<>(in.predicates());
            List<Expr> local = new ArrayList<>();
            for (Expr c : factorDisjunctions(f.predicate())) {
                if (!Subquery.in(c).isEmpty() && !Subquery.outerColumns(planOf(c)).isEmpty()) {
                    throw unsupported("a subquery nested in it that reads a column two queries out (" + c.display() + ")", s);
                }
                (OuterColumn.in(c) ? correlated : local).add(c);
            }
            if (in.emptyValues() != null && !local.isEmpty()) {
                throw unsupported("a condition on a correlated aggregation (HAVING " + and(local).display() + ")", s);
            }
            return new Pulled(local.isEmpty() ? in.plan() : new Filter(in.plan(), and(local)), correlated, in.emptyValues());
        }
        if (p instanceof Project pr) {
            for (Expr e : pr.exprs()) {
                if (OuterColumn.in(e)) {
                    throw unsupported("the outer column in its select list (" + e.display() + ")", s);
                }
            }
            Pulled in = pull(pr.input(), fresh, s, setSemantics);
            List<Expr> exprs = new ArrayList<>(pr.exprs());
            Map<String, String> renames = new HashMap<>();
            for (String n : innerColumns(in.predicates())) {
                int i = pr.schema().indexOf(n);
                if (i >= 0 && exprs.get(i).unalias() instanceof Column c && c.name().equals(n)) {
                    continue;
                }
                if (i < 0) {
                    exprs.add(new Column(n));
                } else {
                    String f = fresh.next("p");
                    exprs.add(new Alias(new Column(n), f));
                    renames.put(n, f);
                }
            }
            Map<String, Expr> empty = null;
            if (in.emptyValues() != null) {
                empty = new LinkedHashMap<>();
                Schema below = in.plan().schema();
                for (int i = 0; i < pr.exprs().size(); i++) {
                    empty.put(pr.schema().field(i).name(), substitute(pr.exprs().get(i).unalias(), in.emptyValues(), below));
                }
            }
            return new Pulled(Project.of(in.plan(), exprs), rename(in.predicates(), renames), empty);
        }
        if (p instanceof Aggregate ag) {
            for (Expr e : dev.floe.api.plan.NodeExpressions.of(ag)) {
                if (OuterColumn.in(e)) {
                    throw unsupported("the outer column inside an aggregation or grouping key (" + e.display() + ")", s);
                }
            }
            if (setSemantics && ag.aggs().isEmpty()) { // DISTINCT: which rows exist is all that counts
                return pull(Project.of(ag.input(), ag.keys()), fresh, s, true);
            }
            Pulled in = pull(ag.input(), fresh, s, setSemantics);
            if (in.emptyValues() != null) {
                throw unsupported("two levels of aggregation over correlated rows", s);
            }
            List<Expr> keys = new ArrayList<>(ag.keys());
            List<Expr> predicates = new ArrayList<>();
            for (Expr c : in.predicates()) {
                Expr[] eq = equality(c);
                if (eq == null) {
                    throw unsupported("the correlated condition " + c.display()
                            + " below an aggregation (only equalities with outer columns can be grouped by)", s);
                }
                String f = fresh.next("g");
                keys.add(new Alias(eq[0], f));
                predicates.add(new Binary(BinaryOp.EQ, new Column(f), eq[1]));
            }
            Aggregate grouped = Aggregate.of(in.plan(), keys, ag.aggs());
            Map<String, Expr> empty = null;
            if (ag.keys().isEmpty()) {
                empty = new LinkedHashMap<>();
                for (Expr a : ag.aggs()) {
                    AggExpr agg = (AggExpr) a.unalias();
                    DataType t = ag.schema().field(ag.schema().indexOf(a.name())).type();
                    empty.put(a.name(), countsRows(agg.function()) ? new Literal(0L, DataType.int64()) : new Literal(null, t));
                }
            }
            return new Pulled(grouped, predicates, empty);
        }
        if (p instanceof Sort so) {
            Pulled in = pull(so.input(), fresh, s, setSemantics);
            return new Pulled(in.plan(), in.predicates(), in.emptyValues()); // order means nothing to a join
        }
        throw unsupported("a correlated column below " + p.describe(), s);
    }

    /**
     * The conjuncts of {@code predicate}, where a disjunction whose every branch has the same conjunct
     * gives that conjunct on its own: {@code a = outer(x) AND p OR a = outer(x) AND q} is
     * {@code a = outer(x)} and {@code p OR q} (TPC-DS Q41), so the correlated equality can become a key.
     */
    static List<Expr> factorDisjunctions(Expr predicate) {
        List<Expr> out = new ArrayList<>();
        for (Expr c : Binary.conjuncts(predicate)) {
            List<Expr> branches = disjuncts(c);
            if (branches.size() < 2) {
                out.add(c);
                continue;
            }
            List<Expr> common = new ArrayList<>(Binary.conjuncts(branches.get(0)));
            for (Expr b : branches.subList(1, branches.size())) {
                common.retainAll(Binary.conjuncts(b));
            }
            if (common.isEmpty()) {
                out.add(c);
                continue;
            }
            out.addAll(common);
            Expr rest = null;
            for (Expr b : branches) {
                List<Expr> left = new ArrayList<>(Binary.conjuncts(b));
                left.removeAll(common);
                if (left.isEmpty()) { // one branch is just the common part: the disjunction is true
                    rest = null;
                    break;
                }
                Expr branch = and(left);
                rest = rest == null ? branch : new Binary(BinaryOp.OR, rest, branch);
            }
            if (rest != null) {
                out.add(rest);
            }
        }
        return out;
    }

    private static List<Expr> disjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Binary b && b.op() == BinaryOp.OR) {
            out.addAll(disjuncts(b.left()));
            out.addAll(disjuncts(b.right()));
        } else {
            out.add(e);
        }
        return out;
    }

    private static LogicalPlan planOf(Expr e) {
        return Subquery.in(e).get(0).plan();
    }

    private static boolean countsRows(AggFunction f) {
        return f == AggFunction.COUNT || f == AggFunction.COUNT_ALL || f == AggFunction.COUNT_DISTINCT
                || f == AggFunction.COUNT_IF || f == AggFunction.APPROX_COUNT_DISTINCT;
    }

    /** {@code e} with column references replaced by their values for an empty group (null when unknown). */
    private static Expr substitute(Expr e, Map<String, Expr> values, Schema input) {
        return e.transformUp(x -> {
            if (x instanceof Column c) {
                Expr v = values.get(c.name());
                return v != null ? v : new Literal(null, input.field(input.indexOf(c.name())).type());
            }
            return x;
        });
    }

    /** The inner columns (plain column references) the predicates read, first seen first. */
    static List<String> innerColumns(List<Expr> predicates) {
        Set<String> out = new LinkedHashSet<>();
        for (Expr p : predicates) {
            out.addAll(p.columnRefs());
        }
        return new ArrayList<>(out);
    }

    private static List<Expr> rename(List<Expr> exprs, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return exprs;
        }
        List<Expr> out = new ArrayList<>();
        for (Expr e : exprs) {
            out.add(e.transformUp(x -> x instanceof Column c && renames.containsKey(c.name())
                    ? new Column(renames.get(c.name())) : x));
        }
        return out;
    }

    /** {@code [inner side, outer side]} of an equality between inner columns and outer columns, else null. */
    static Expr[] equality(Expr c) {
        if (!(c instanceof Binary b) || b.op() != BinaryOp.EQ) {
            return null;
        }
        if (innerOnly(b.left()) && outerOnly(b.right())) {
            return new Expr[] {b.left(), b.right()};
        }
        if (innerOnly(b.right()) && outerOnly(b.left())) {
            return new Expr[] {b.right(), b.left()};
        }
        return null;
    }

    private static boolean innerOnly(Expr e) {
        return !OuterColumn.in(e) && !e.columnRefs().isEmpty() && Subquery.in(e).isEmpty();
    }

    private static boolean outerOnly(Expr e) {
        return OuterColumn.in(e) && e.columnRefs().isEmpty() && Subquery.in(e).isEmpty();
    }

    /** Outer columns become columns of the outer input, which must have them. */
    static Expr toOuter(Expr e, Schema outer, Subquery s) {
        return e.transformUp(x -> {
            if (x instanceof OuterColumn o) {
                if (!outer.contains(o.name())) {
                    throw unsupported("the outer column " + o.name() + ", which the query around it does not have"
                            + " (a column two queries out?)", s);
                }
                return new Column(o.name());
            }
            return x;
        });
    }

    static Expr and(List<Expr> parts) {
        Expr out = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            out = new Binary(BinaryOp.AND, out, parts.get(i));
        }
        return out;
    }

    // ---- the pulled-up subquery as a join's right side -----------------------------------------

    /**
     * The right side of the join replacing a subquery: its plan projected to fresh names, the join
     * keys on both sides (correlated equalities, then the IN probe against the value), and the
     * condition (other correlated predicates) over the join's pair of inputs.
     */
    record Right(LogicalPlan plan, List<Expr> leftOn, List<Expr> rightOn, Expr condition, String value,
            Map<String, Expr> emptyValues) {
    }

    /**
     * Decorrelates {@code s} (nested subqueries first) against {@code outer}; {@code valueColumn}
     * keeps the subquery's one column as {@code value} (IN, scalar); {@code probeIsKey} makes
     * {@code probe = value} the last key.
     */
    static Right right(LogicalPlan outer, Subquery s, boolean setSemantics, boolean valueColumn, boolean probeIsKey) {
        LogicalPlan inner = decorrelateNested(s.plan());
        if (s.kind() == Subquery.Kind.EXISTS) {
            inner = stripForExists(inner);
        }
        Fresh fresh = new Fresh(outer, inner);
        String valueName = inner.schema().field(0).name();
        Pulled pulled = pull(inner, fresh, s, setSemantics);
        List<Expr> exprs = new ArrayList<>();
        List<Expr> leftOn = new ArrayList<>();
        List<Expr> rightOn = new ArrayList<>();
        List<Expr> others = new ArrayList<>();
        String value = null;
        if (valueColumn) {
            value = fresh.name("v");
            exprs.add(new Alias(new Column(valueName), value));
        }
        for (Expr c : pulled.predicates()) {
            Expr[] eq = equality(c);
            if (eq != null) {
                String k = fresh.next("k");
                exprs.add(new Alias(eq[0], k));
                leftOn.add(toOuter(eq[1], outer.schema(), s));
                rightOn.add(new Column(k));
            } else {
                others.add(c);
            }
        }
        Map<String, String> renames = new HashMap<>();
        for (String n : innerColumns(others)) {
            String c = fresh.next("c");
            exprs.add(new Alias(new Column(n), c));
            renames.put(n, c);
        }
        List<Expr> condition = new ArrayList<>();
        for (Expr o : rename(others, renames)) {
            condition.add(toOuter(o, outer.schema(), s));
        }
        if (probeIsKey) {
            leftOn.add(s.probe());
            rightOn.add(new Column(value));
        }
        if (exprs.isEmpty()) { // uncorrelated EXISTS: keep one column so the projection is valid
            exprs.add(new Alias(new Literal(true, DataType.bool()), fresh.name("one")));
        }
        return new Right(Project.of(pulled.plan(), exprs), leftOn, rightOn, condition.isEmpty() ? null : and(condition),
                value, pulled.emptyValues() == null ? null : Map.of(value == null ? "" : value,
                        pulled.emptyValues().getOrDefault(valueName, new Literal(null, DataType.nullType()))));
    }

    /** Under EXISTS only whether a row exists counts: a projection, an order or a limit of at least one do not. */
    private static LogicalPlan stripForExists(LogicalPlan p) {
        while (true) {
            if (p instanceof Project pr && pr.exprs().stream().noneMatch(OuterColumn::in)) {
                p = pr.input();
            } else if (p instanceof Sort so) {
                p = so.input();
            } else if (p instanceof Limit l && l.n() >= 1) {
                p = l.input();
            } else {
                return p;
            }
        }
    }

    /** True when the plan yields exactly one row whatever its input: projections over an aggregation without keys. */
    static boolean exactlyOneRow(LogicalPlan p) {
        if (p instanceof Project pr) {
            return exactlyOneRow(pr.input());
        }
        return p instanceof Aggregate a && a.keys().isEmpty();
    }

    /** True when the plan yields at most one row whatever its input. */
    static boolean atMostOneRow(LogicalPlan p) {
        if (p instanceof Project || p instanceof Filter || p instanceof Sort) {
            return atMostOneRow(p.children().get(0));
        }
        return p instanceof Limit l && l.n() <= 1 || p instanceof Aggregate a && a.keys().isEmpty();
    }

    // ---- joins ---------------------------------------------------------------------------------

    /** The outer input with a boolean or value column added, and the expression that reads it. */
    record Joined(LogicalPlan plan, Expr expr) {
    }

    static Expr col(String name) {
        return new Column(name);
    }

    static Expr countAll(String name) {
        return new Alias(new AggExpr(AggFunction.COUNT_ALL, null, 1), name);
    }

    /** The outer input's columns over {@code plan} (which has them and more). */
    static LogicalPlan restore(LogicalPlan plan, Schema schema) {
        if (plan.schema().equals(schema)) {
            return plan;
        }
        List<Expr> cols = new ArrayList<>();
        for (Field f : schema.fields()) {
            cols.add(col(f.name()));
        }
        return Project.of(plan, cols);
    }

    /** {@code [NOT] EXISTS} or {@code IN} as a conjunct of a filter: the rows of {@code outer} that qualify. */
    static LogicalPlan semi(LogicalPlan outer, Subquery s, boolean anti) {
        boolean in = s.kind() == Subquery.Kind.IN;
        Right r = right(outer, s, true, in, in);
        if (r.leftOn().isEmpty() && r.condition() == null) { // uncorrelated EXISTS: count up to one row
            Fresh fresh = new Fresh(outer, r.plan());
            String n = fresh.name("n");
            LogicalPlan count = Aggregate.of(new Limit(r.plan(), 1), List.of(), List.of(countAll(n)));
            LogicalPlan joined = Join.of(outer, count, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO);
            Expr test = new Binary(anti ? BinaryOp.EQ : BinaryOp.GT, col(n), new Literal(0L, DataType.int64()));
            return restore(new Filter(joined, test), outer.schema());
        }
        return Join.of(outer, r.plan(), r.leftOn(), r.rightOn(), anti ? JoinType.ANTI : JoinType.SEMI,
                JoinStrategy.AUTO, r.condition(), null, true);
    }

    private static PlanException equalitiesOnly(Subquery s, Right r) {
        return unsupported("the correlated condition " + r.condition().display() + " (only equalities with outer"
                + " columns are supported where the subquery is not a conjunct of WHERE)", s);
    }

    /**
     * A "mark" for EXISTS or IN anywhere (under OR, NOT IN, in SELECT): a left join against the distinct
     * correlated keys (and values), plus, for IN, the count of rows and of non-null values per key, so
     * that the mark has SQL's three-valued result.
     */
    static Joined mark(LogicalPlan outer, Subquery s) {
        boolean in = s.kind() == Subquery.Kind.IN;
        Right r = right(outer, s, true, in, false);
        if (r.condition() != null) {
            throw equalitiesOnly(s, r);
        }
        Fresh fresh = new Fresh(outer, r.plan());
        List<Expr> rightKeys = new ArrayList<>();
        List<Expr> leftKeys = new ArrayList<>(r.leftOn());
        for (Expr k : r.rightOn()) {
            rightKeys.add(k);
        }
        if (!in) {
            if (leftKeys.isEmpty()) {
                String n = fresh.name("n");
                LogicalPlan count = Aggregate.of(new Limit(r.plan(), 1), List.of(), List.of(countAll(n)));
                LogicalPlan joined = Join.of(outer, count, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO);
                return new Joined(joined, new Binary(BinaryOp.GT, col(n), new Literal(0L, DataType.int64())));
            }
            LogicalPlan distinct = Aggregate.of(r.plan(), rightKeys, List.of());
            LogicalPlan joined = Join.of(outer, distinct, leftKeys, rightKeys, JoinType.LEFT, JoinStrategy.AUTO);
            return new Joined(joined, new Unary(UnaryOp.NOT_NULL, rightKeys.get(0)));
        }
        // IN: matches of (probe, keys) among the distinct (value, keys)
        List<Expr> matchRight = new ArrayList<>(rightKeys);
        matchRight.add(col(r.value()));
        List<Expr> matchLeft = new ArrayList<>(leftKeys);
        matchLeft.add(s.probe());
        LogicalPlan distinct = Aggregate.of(r.plan(), matchRight, List.of());
        LogicalPlan matched = Join.of(outer, distinct, matchLeft, matchRight, JoinType.LEFT, JoinStrategy.AUTO);
        // per key: rows and non-null values
        String n = fresh.name("n");
        String nn = fresh.name("nn");
        List<Expr> statKeys = new ArrayList<>();
        for (int i = 0; i < rightKeys.size(); i++) {
            statKeys.add(new Alias(rightKeys.get(i), fresh.next("s")));
        }
        LogicalPlan stats = Aggregate.of(r.plan(), statKeys, List.of(countAll(n),
                new Alias(AggExpr.of(AggFunction.COUNT, col(r.value())), nn)));
        List<Expr> statRight = new ArrayList<>();
        for (Expr k : statKeys) {
            statRight.add(col(k.name()));
        }
        LogicalPlan joined = leftKeys.isEmpty()
                ? Join.of(matched, stats, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO)
                : Join.of(matched, stats, leftKeys, statRight, JoinType.LEFT, JoinStrategy.AUTO);
        Literal zero = new Literal(0L, DataType.int64());
        Expr empty = new Binary(BinaryOp.OR, new Unary(UnaryOp.IS_NULL, col(n)), new Binary(BinaryOp.EQ, col(n), zero));
        Expr unknown = new Binary(BinaryOp.OR, new Unary(UnaryOp.IS_NULL, s.probe()), new Binary(BinaryOp.LT, col(nn), col(n)));
        Expr mark = new IfElse(new Unary(UnaryOp.NOT_NULL, col(r.value())), new Literal(true, DataType.bool()),
                new IfElse(empty, new Literal(false, DataType.bool()),
                        new IfElse(unknown, new Literal(null, DataType.bool()), new Literal(false, DataType.bool()))));
        return new Joined(joined, mark);
    }

    /**
     * A scalar subquery: uncorrelated, a cross join with its one row; correlated, a left join with it
     * grouped by the correlated columns, where an outer row without inner rows gets what the
     * aggregation gives for no rows (0 for a count: the "count bug"). When the plan does not show that
     * it yields at most one row per outer row, it is checked at run time.
     */
    static Joined scalar(LogicalPlan outer, Subquery s) {
        Right r = right(outer, s, false, true, false);
        if (r.condition() != null) {
            throw equalitiesOnly(s, r);
        }
        LogicalPlan inner = r.plan();
        boolean grouped = r.emptyValues() != null;
        if (!grouped && !atMostOneRow(decorrelateNested(s.plan()))) {
            inner = checkedOneRow(inner, r, s);
        }
        Expr value = col(r.value());
        if (r.leftOn().isEmpty()) {
            return new Joined(Join.of(outer, inner, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO), value);
        }
        LogicalPlan joined = Join.of(outer, inner, r.leftOn(), r.rightOn(), JoinType.LEFT, JoinStrategy.AUTO);
        if (grouped) {
            Expr empty = r.emptyValues().get(r.value());
            empty = dev.floe.api.eval.ConstantEvaluator.tryFold(empty).map(l -> (Expr) l).orElse(empty);
            if (!(empty instanceof Literal l && l.isNull())) {
                DataType t = joined.schema().field(joined.schema().indexOf(r.value())).type();
                if (!empty.type(joined.schema()).equals(t)) {
                    empty = new Cast(empty, t, false);
                }
                value = new IfElse(new Unary(UnaryOp.IS_NULL, r.rightOn().get(0)), empty, value);
            }
        }
        return new Joined(joined, value);
    }

    /** Groups by the keys, keeping any value and the row count, and fails the job when a count exceeds one. */
    private static LogicalPlan checkedOneRow(LogicalPlan inner, Right r, Subquery s) {
        Fresh fresh = new Fresh(inner, inner);
        String rows = fresh.name("rows");
        List<Expr> keys = new ArrayList<>(r.rightOn());
        LogicalPlan grouped = Aggregate.of(inner, keys, List.of(
                new Alias(AggExpr.of(AggFunction.ANY_VALUE, col(r.value())), r.value()), countAll(rows)));
        String message = "The scalar subquery " + s.display() + " returned more than one row"
                + (keys.isEmpty() ? "" : " for one row of the query around it")
                + "; a scalar subquery must return at most one row: aggregate it or add LIMIT 1";
        Udf check = new Udf("at_most_one_row", DataType.bool(), new AtMostOneRow(message), null, List.of(col(rows)));
        return new Filter(grouped, check);
    }
}
