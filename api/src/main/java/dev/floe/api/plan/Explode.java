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
 * whose exploded value is null ({@code keepEmpty}), and the lists exploded together must have
 * equal lengths in each row (a run-time error names the row otherwise).
 *
 * <p>{@code posexplode} (Spark's) also numbers the elements: a {@code position} column (int32,
 * from 0) right before the exploded one; a null or empty list then gives no row, and with
 * {@code posexplodeOuter} one row whose position and value are null.
 *
 * <pre>
 * Explode: tags
 *   Scan: posts
 * </pre>
 */
public record Explode(LogicalPlan input, List<String> columns, Schema schema, String position, boolean keepEmpty)
        implements LogicalPlan {
    public Explode {
        Objects.requireNonNull(input, "input");
        columns = List.copyOf(columns);
        Objects.requireNonNull(schema, "schema");
        if (position != null && columns.size() != 1) {
            throw new IllegalArgumentException("a numbered explode has one list column");
        }
    }

    /**
     * Spark's {@code posexplode} ({@code keepEmpty} false) and {@code posexplode_outer} (true) of
     * one list expression: a plain column explodes in place, another expression first replaces
     * (or adds) the column of its name; the position column {@code positionName} comes right
     * before it.
     */
    public static Explode positional(LogicalPlan input, Expr listColumn, String positionName, boolean keepEmpty) {
        Explode plain = (Explode) fromExprs(input, List.of(listColumn));
        String name = plain.columns().get(0);
        if (plain.input().schema().indexOf(positionName) >= 0) {
            throw new PlanException("posexplode: the position column '" + positionName + "' exists already; "
                    + "pass another name, e.g. posexplode(" + listColumn.display() + ", \"" + name + "_pos\")");
        }
        return numbered(plain.input(), name, positionName, keepEmpty);
    }

    private static Explode numbered(LogicalPlan input, String name, String positionName, boolean keepEmpty) {
        Explode plain = of(input, List.of(name));
        List<Field> fields = new ArrayList<>(plain.schema().fields());
        fields.add(plain.schema().indexOf(name), new Field(positionName, DataType.int32()));
        return new Explode(input, plain.columns(), new Schema(fields), positionName, keepEmpty);
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
        return new Explode(input, cols, new Schema(fields), null, true);
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(input);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return position == null ? of(children.get(0), columns)
                : numbered(children.get(0), columns.get(0), position, keepEmpty);
    }

    @Override
    public String describe() {
        return position == null ? "Explode: " + String.join(", ", columns)
                : "Explode: " + columns.get(0) + " with position " + position + (keepEmpty ? " (outer)" : "");
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitExplode(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    /** The exploded columns always: their lengths decide how many rows come out. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> out = new LinkedHashSet<>(outputColumns);
        if (position != null) {
            out.remove(position);
        }
        out.addAll(columns);
        return List.of(out);
    }

    /** The elements take what their lists took, the other columns repeat: assume the input doubles. */
    @Override public long estimateBytes(List<Long> inputBytes) { return SizeEstimates.times(inputBytes.get(0), 2); }
}
