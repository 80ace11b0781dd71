package dev.floe.api;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Replicate;
import dev.floe.api.plan.Union;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plans of the DataFrame set operations. Each is a {@link Union} of the two inputs (by position,
 * cast to common types), and the distinct, intersect and except forms aggregate it on every column
 * (nulls equal, so rows are hash-exchanged on all columns, never gathered), counting the rows of
 * each side per distinct row; the ALL forms turn those counts back into rows ({@link Replicate}):
 * {@code intersectAll} min(left, right) times, {@code exceptAll} left - right times.
 */
final class SetOperations {
    private SetOperations() {
    }

    /** Whether the set operation keeps multiset counts. */
    enum Kind {
        INTERSECT("intersect"), INTERSECT_ALL("intersectAll"), EXCEPT("except"), EXCEPT_ALL("exceptAll");

        final String method;

        Kind(String method) {
            this.method = method;
        }
    }

    /** API.md: concat matches by position and needs equal names and types. */
    static LogicalPlan concat(LogicalPlan left, LogicalPlan right) {
        Schema l = left.schema();
        Schema r = right.schema();
        if (l.size() != r.size()) {
            throw new PlanException("concat needs the same columns on both sides, but the left has " + l.size()
                    + " (" + String.join(", ", l.names()) + ") and the right " + r.size() + " ("
                    + String.join(", ", r.names()) + "); use unionByName(other, true) to fill missing columns with nulls");
        }
        for (int i = 0; i < l.size(); i++) {
            Field a = l.field(i);
            Field b = r.field(i);
            if (!a.name().equals(b.name()) || !a.type().equals(b.type())) {
                throw new PlanException("concat column " + (i + 1) + ": left '" + a.name() + "' " + a.type()
                        + " but right '" + b.name() + "' " + b.type() + "; concat needs equal names and types by"
                        + " position: use union(...) / unionByName(...) (common types), or alias / cast first");
            }
        }
        return new Union(left, right);
    }

    /** Both sides by position, cast to each column's common type; names from the left. */
    static Union positional(LogicalPlan left, LogicalPlan right, String method) {
        Schema l = left.schema();
        Schema r = right.schema();
        if (l.size() != r.size()) {
            throw new PlanException(method + " needs the same number of columns on both sides, but the left has "
                    + l.size() + " (" + String.join(", ", l.names()) + ") and the right " + r.size() + " ("
                    + String.join(", ", r.names()) + "); select matching columns first");
        }
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            types.add(common(method, l.field(i), r.field(i), i));
        }
        return new Union(castTo(left, l.names(), types), castTo(right, l.names(), types));
    }

    /** Columns matched by name: the left's, then (allowMissing) the right's others; missing ones null. */
    static Union byName(LogicalPlan left, LogicalPlan right, boolean allowMissing) {
        Schema l = left.schema();
        Schema r = right.schema();
        Set<String> names = new LinkedHashSet<>(l.names());
        names.addAll(r.names());
        if (!allowMissing && (names.size() != l.size() || names.size() != r.size())) {
            List<String> onlyLeft = l.names().stream().filter(n -> !r.contains(n)).toList();
            List<String> onlyRight = r.names().stream().filter(n -> !l.contains(n)).toList();
            throw new PlanException("unionByName: columns " + onlyLeft + " are only on the left and " + onlyRight
                    + " only on the right; pass allowMissing = true to fill them with nulls");
        }
        List<Expr> le = new ArrayList<>();
        List<Expr> re = new ArrayList<>();
        int i = 0;
        for (String n : names) {
            int li = l.indexOf(n);
            int ri = r.indexOf(n);
            DataType t = li < 0 ? r.field(ri).type() : ri < 0 ? l.field(li).type()
                    : common("unionByName", l.field(li), r.field(ri), i);
            le.add(li < 0 ? nullOf(t, n) : castColumn(n, l.field(li).type(), t, n));
            re.add(ri < 0 ? nullOf(t, n) : castColumn(n, r.field(ri).type(), t, n));
            i++;
        }
        return new Union(Project.of(left, le), Project.of(right, re));
    }

    /** {@code union}: the distinct rows of both. */
    static LogicalPlan distinctUnion(LogicalPlan left, LogicalPlan right) {
        Union u = positional(left, right, "union");
        return Aggregate.of(u, columns(u.schema().names()), List.of());
    }

    static LogicalPlan of(Kind kind, LogicalPlan left, LogicalPlan right) {
        Union typed = positional(left, right, kind.method);
        List<String> names = typed.schema().names();
        String lc = fresh(names, "__floe_left");
        String rc = fresh(names, "__floe_right");
        String times = fresh(names, "__floe_times");
        Union tagged = new Union(tag(typed.left(), names, lc, rc, 1), tag(typed.right(), names, lc, rc, 0));
        LogicalPlan counts = Aggregate.of(tagged, columns(names),
                List.of(col(lc).sum().alias(lc).node(), col(rc).sum().alias(rc).node()));
        Expression l = col(lc);
        Expression r = col(rc);
        return switch (kind) {
            case INTERSECT -> Project.of(new Filter(counts, l.gt(0L).and(r.gt(0L)).node()), columns(names));
            case EXCEPT -> Project.of(new Filter(counts, l.gt(0L).and(r.eq(0L)).node()), columns(names));
            case INTERSECT_ALL -> replicate(new Filter(counts, l.gt(0L).and(r.gt(0L)).node()), names,
                    Functions.ifElse(l.lt(r), l, r), times);
            case EXCEPT_ALL -> replicate(new Filter(counts, l.gt(r).node()), names, l.sub(r), times);
        };
    }

    private static LogicalPlan replicate(LogicalPlan counted, List<String> names, Expression times, String name) {
        List<Expr> out = columns(names);
        out.add(times.alias(name).node());
        return new Replicate(Project.of(counted, out), name);
    }

    /** The side's columns under the union's names, then its row count in {@code lc} or {@code rc}. */
    private static LogicalPlan tag(LogicalPlan side, List<String> names, String lc, String rc, int left) {
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String have = side.schema().field(i).name();
            out.add(have.equals(names.get(i)) ? new Column(have) : new Alias(new Column(have), names.get(i)));
        }
        out.add(lit((long) left).alias(lc).node());
        out.add(lit((long) (1 - left)).alias(rc).node());
        return Project.of(side, out);
    }

    private static DataType common(String method, Field a, Field b, int i) {
        try {
            return TypeRules.commonType(new Column(a.name()), a.type(), b.type());
        } catch (PlanException e) {
            throw new PlanException(method + " column " + (i + 1) + ": left '" + a.name() + "' is " + a.type()
                    + " and right '" + b.name() + "' is " + b.type() + ", which have no common type; cast one of them",
                    e);
        }
    }

    /** The side with each column cast to its type (same names); the side itself when nothing changes. */
    private static LogicalPlan castTo(LogicalPlan side, List<String> names, List<DataType> types) {
        Schema s = side.schema();
        if (s.types().equals(types)) {
            return side;
        }
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(castColumn(s.field(i).name(), s.field(i).type(), types.get(i), s.field(i).name()));
        }
        return Project.of(side, out);
    }

    private static Expr castColumn(String column, DataType from, DataType to, String name) {
        Expr c = new Column(column);
        if (from.equals(to)) {
            return column.equals(name) ? c : new Alias(c, name);
        }
        return new Alias(new Cast(c, to, false), name);
    }

    private static Expr nullOf(DataType t, String name) {
        Expr n = lit(null).node();
        return new Alias(t.kind() == DataType.Kind.NULL ? n : new Cast(n, t, false), name);
    }

    static List<Expr> columns(List<String> names) {
        List<Expr> out = new ArrayList<>();
        for (String n : names) {
            out.add(new Column(n));
        }
        return out;
    }

    private static String fresh(List<String> taken, String base) {
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + i;
        }
        return name;
    }
}
