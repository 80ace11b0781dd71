package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Emits each input row once per projection (Spark's {@code Expand}): every projection computes
 * the same output columns {@code names}, with the same types, from the row. Grouping sets are one
 * Expand (a projection per set: the keys of the set, nulls for the others, and the set's grouping
 * id) under one aggregation; {@code unpivot} is one Expand (a projection per value column).
 *
 * <pre>
 * Expand: __gk0 = [a, a, null], __gid = [0, 0, 1]; keeps v
 *   Scan: t
 * </pre>
 */
public record Expand(LogicalPlan input, List<String> names, List<List<Expr>> projections, Schema schema)
        implements LogicalPlan {
    public Expand {
        Objects.requireNonNull(input, "input");
        names = List.copyOf(names);
        projections = projections.stream().map(List::copyOf).toList();
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * Resolves the projections against {@code input}: each has one expression per name, and the
     * expressions at one position have one type in every projection (cast them to it first).
     * {@code Expand.of(scan, List.of("k", "v"), List.of(List.of(lit1, col("x")), List.of(lit2, col("y"))))}
     */
    public static Expand of(LogicalPlan input, List<String> names, List<List<Expr>> projections) {
        if (projections.isEmpty()) {
            throw new PlanException("Expand needs at least one projection");
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new PlanException("Duplicate output column '" + n + "' in an expansion; give one of them another"
                        + " name with .alias(\"...\")");
            }
        }
        Schema in = input.schema();
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            DataType type = null;
            for (List<Expr> p : projections) {
                if (p.size() != names.size()) {
                    throw new IllegalArgumentException("projection " + p + " has " + p.size() + " expressions for "
                            + names.size() + " names");
                }
                Expr e = p.get(c);
                ExprDepth.check(e, "an expanded column");
                DataType t = e.type(in);
                if (type == null) {
                    type = t;
                } else if (!type.equals(t)) {
                    throw new PlanException("Column '" + names.get(c) + "' of an expansion is " + type + " in one row and "
                            + t + " (" + e.display() + ") in another; cast them to one type");
                }
            }
            fields.add(new Field(names.get(c), type));
        }
        return new Expand(input, names, projections, new Schema(fields));
    }

    /**
     * True when output column {@code c} is the input column of the same name in every projection.
     * {@code expand.passesThrough(0)}
     */
    public boolean passesThrough(int c) {
        for (List<Expr> p : projections) {
            if (!(p.get(c) instanceof Column col && col.name().equals(names.get(c)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The input columns output unchanged under their own names.
     * {@code expand.passedThrough().containsAll(filterColumns)}
     */
    public Set<String> passedThrough() {
        Set<String> out = new LinkedHashSet<>();
        for (int c = 0; c < names.size(); c++) {
            if (passesThrough(c)) {
                out.add(names.get(c));
            }
        }
        return out;
    }

    /**
     * This expansion with only the output columns in {@code keep} (in their order); the last
     * column stays when none would, since the rows still count. {@code expand.keeping(Set.of("id", "value"))}
     */
    public Expand keeping(Set<String> keep) {
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (keep.contains(names.get(c))) {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            kept.add(names.size() - 1);
        }
        if (kept.size() == names.size()) {
            return this;
        }
        List<String> n = kept.stream().map(names::get).toList();
        List<List<Expr>> ps = projections.stream().map(p -> kept.stream().map(p::get).toList()).toList();
        return new Expand(input, n, ps, schema.select(n));
    }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return of(children.get(0), names, projections); }

    /** The computed columns with their value in each projection, then the columns passed through. */
    @Override
    public String describe() {
        List<String> computed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (passesThrough(c)) {
                kept.add(names.get(c));
                continue;
            }
            int col = c;
            computed.add(names.get(c) + " = [" + projections.stream().map(p -> p.get(col).display())
                    .collect(Collectors.joining(", ")) + "]");
        }
        return "Expand: " + projections.size() + " rows per row" + (computed.isEmpty() ? "" : ", ")
                + String.join(", ", computed) + (kept.isEmpty() ? "" : "; keeps " + String.join(", ", kept));
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitExpand(this); }

    /** Each input row's expansions come together, so an order of the input survives (with ties). */
    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    /** What the expressions of the read output columns read, in every projection. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> out = new LinkedHashSet<>();
        Expand kept = keeping(outputColumns);
        for (List<Expr> p : kept.projections) {
            for (Expr e : p) {
                out.addAll(e.columnRefs());
            }
        }
        return List.of(out);
    }

    /** As many copies of the rows as projections. */
    @Override
    public long estimateBytes(List<Long> inputBytes) {
        return SizeEstimates.times(inputBytes.get(0), projections.size());
    }
}
