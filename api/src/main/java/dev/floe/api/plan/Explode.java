package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One output row per list element: each of {@code columns} (list-typed) becomes its element
 * type in place and the other columns repeat. Like Daft, a null or empty list gives one row
 * whose exploded value is null, and the lists exploded together must have equal lengths in each
 * row (a run-time error names the row otherwise).
 *
 * <pre>
 * Explode: tags
 *   Scan: posts
 * </pre>
 */
public record Explode(LogicalPlan input, List<String> columns, Schema schema) implements LogicalPlan {
    public Explode {
        Objects.requireNonNull(input, "input");
        columns = List.copyOf(columns);
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * Explodes list expressions: a plain column explodes in place; any other expression first
     * replaces (or adds) the column of its name, as {@code withColumn} does, and then explodes.
     */
    public static LogicalPlan fromExprs(LogicalPlan input, List<Expr> listColumns) {
        if (listColumns.isEmpty()) {
            throw new PlanException("explode needs at least one list column");
        }
        Map<String, Expr> computed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Expr e : listColumns) {
            String name = e.name();
            if (names.contains(name)) {
                throw new PlanException("explode lists column '" + name + "' twice");
            }
            names.add(name);
            if (!(e instanceof Column)) {
                computed.put(name, e);
            }
        }
        LogicalPlan below = input;
        if (!computed.isEmpty()) {
            List<Expr> exprs = new ArrayList<>();
            for (String existing : input.schema().names()) {
                Expr e = computed.remove(existing);
                exprs.add(e == null ? new Column(existing) : new Alias(e.unalias(), existing));
            }
            for (Map.Entry<String, Expr> extra : computed.entrySet()) {
                exprs.add(new Alias(extra.getValue().unalias(), extra.getKey()));
            }
            below = Project.of(input, exprs);
        }
        return of(below, names);
    }

    /** Explodes the named list columns of {@code input}. */
    public static Explode of(LogicalPlan input, Iterable<String> names) {
        Schema in = input.schema();
        List<String> cols = new ArrayList<>();
        names.forEach(cols::add);
        List<Field> fields = new ArrayList<>(in.fields());
        for (String name : cols) {
            int i = in.indexOf(name);
            if (i < 0) {
                new Column(name).type(in); // the unknown-column PlanException with suggestions
            }
            DataType t = in.field(i).type();
            if (!(t instanceof DataType.ListOf l)) {
                throw new PlanException("explode needs list columns but '" + name + "' is " + t
                        + "; split strings into lists with .str().split(...)");
            }
            fields.set(i, new Field(name, l.element()));
        }
        return new Explode(input, cols, new Schema(fields));
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(input);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return of(children.get(0), columns);
    }

    @Override
    public String describe() {
        return "Explode: " + String.join(", ", columns);
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitExplode(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    /** The exploded columns always: their lengths decide how many rows come out. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> out = new LinkedHashSet<>(outputColumns);
        out.addAll(columns);
        return List.of(out);
    }

    /** The elements take what their lists took, the other columns repeat: assume the input doubles. */
    @Override public long estimateBytes(List<Long> inputBytes) { return SizeEstimates.times(inputBytes.get(0), 2); }
}
