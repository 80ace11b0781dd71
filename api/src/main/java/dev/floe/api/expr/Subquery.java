package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.NodeExpressions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A subquery used as an expression; its plan may read columns of the query around it through
 * {@link OuterColumn}s (a correlated subquery).
 * <ul>
 * <li>{@link Kind#SCALAR}: the value of the plan's one column in its one row (null when it has no
 * row; more than one row is an error);
 * <li>{@link Kind#EXISTS}: true when the plan has a row ({@code NOT EXISTS} is {@code NOT} over it);
 * <li>{@link Kind#IN}: {@code probe IN (plan)} with SQL's null semantics: true on a match, else null
 * when the probe is null (and the plan has rows) or the plan yields a null, else false
 * ({@code NOT IN} is {@code NOT} over it).
 * </ul>
 * The optimizer's decorrelation rules replace every subquery by joins; the executor never sees one.
 *
 * @param probe the left side of IN, null for the other kinds
 */
public record Subquery(Kind kind, LogicalPlan plan, Expr probe) implements Expr {
    public enum Kind { SCALAR, EXISTS, IN }

    public Subquery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plan, "plan");
        if ((kind == Kind.IN) != (probe != null)) {
            throw new IllegalArgumentException("an IN subquery has a probe, the other kinds none: " + kind);
        }
        if (kind != Kind.EXISTS && plan.schema().size() != 1) {
            throw new PlanException("A " + (kind == Kind.IN ? "subquery after IN" : "scalar subquery")
                    + " must return one column, but it returns " + plan.schema().size() + " (" + plan.schema().names()
                    + "): " + plan.describe() + ". Select a single column in it.");
        }
    }

    @Override public List<Expr> children() { return probe == null ? List.of() : List.of(probe); }

    @Override
    public Expr withChildren(List<Expr> children) {
        return children.isEmpty() ? this : new Subquery(kind, plan, children.get(0));
    }

    @Override
    public DataType type(Schema input) {
        checkOuterTypes(input);
        return switch (kind) {
            case SCALAR -> plan.schema().field(0).type();
            case EXISTS -> DataType.bool();
            case IN -> {
                TypeRules.comparable(this, probe.type(input), plan.schema().field(0).type());
                yield DataType.bool();
            }
        };
    }

    /** An outer column the enclosing input has must have the type the subquery gave it. */
    private void checkOuterTypes(Schema input) {
        for (OuterColumn o : outerColumns(plan)) {
            int i = input.indexOf(o.name());
            if (i >= 0 && !input.field(i).type().equals(o.type())) {
                throw new PlanException("Outer column " + o.display() + " in " + display() + " has type " + o.type()
                        + " but the query around the subquery has " + input.field(i).type());
            }
        }
    }

    @Override
    public String display() {
        String inner = "(" + plan.describe() + ")";
        return switch (kind) {
            case SCALAR -> "scalar" + inner;
            case EXISTS -> "EXISTS " + inner;
            case IN -> probe.display() + " IN " + inner;
        };
    }

    /** One line for explain: the kind and the outer columns it reads. */
    public String header() {
        List<OuterColumn> outer = outerColumns(plan);
        StringBuilder sb = new StringBuilder("Subquery: ").append(kind);
        if (!outer.isEmpty()) {
            sb.append(" correlated on ");
            for (int i = 0; i < outer.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(outer.get(i).name());
            }
        }
        return sb.toString();
    }

    /** The probe's columns and the outer columns the plan reads (what the subquery needs of its input). */
    @Override
    public List<String> columnRefs() {
        List<String> out = probe == null ? new ArrayList<>() : new ArrayList<>(probe.columnRefs());
        for (OuterColumn o : outerColumns(plan)) {
            if (!out.contains(o.name())) {
                out.add(o.name());
            }
        }
        return out;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitSubquery(this);
    }

    /** The distinct outer columns read anywhere in {@code plan}, nested subqueries included, in first-seen order. */
    public static List<OuterColumn> outerColumns(LogicalPlan plan) {
        List<OuterColumn> out = new ArrayList<>();
        collectOuter(plan, out);
        return out;
    }

    private static void collectOuter(LogicalPlan plan, List<OuterColumn> out) {
        for (Expr e : NodeExpressions.of(plan)) {
            collectOuter(e, out);
        }
        for (LogicalPlan child : plan.children()) {
            collectOuter(child, out);
        }
    }

    private static void collectOuter(Expr e, List<OuterColumn> out) {
        if (e instanceof OuterColumn o) {
            if (out.stream().noneMatch(x -> x.name().equals(o.name()))) {
                out.add(o);
            }
            return;
        }
        if (e instanceof Subquery s) {
            collectOuter(s.plan(), out);
        }
        for (Expr c : e.children()) {
            collectOuter(c, out);
        }
    }

    /** The subqueries in {@code e}, outermost first (not those nested in their plans). */
    public static List<Subquery> in(Expr e) {
        List<Subquery> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Subquery> out) {
        if (e instanceof Subquery s) {
            out.add(s);
        }
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }

    /** The first subquery or outer column in the node's own expressions, or null. */
    public static Expr firstIn(LogicalPlan node) {
        for (Expr e : NodeExpressions.of(node)) {
            List<Subquery> subs = in(e);
            if (!subs.isEmpty()) {
                return subs.get(0);
            }
            if (OuterColumn.in(e)) {
                return e;
            }
        }
        return null;
    }
}
