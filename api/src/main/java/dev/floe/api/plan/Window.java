package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowExpr;
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
 * Window functions that share one partitioning and one order, evaluated in one pass over each
 * sorted partition: the output is every input column, then one column per function. Partition
 * keys, order keys and function inputs are input columns (the DataFrame computes other
 * expressions in a projection below, see {@link WindowExtraction}); each function is an
 * {@link Alias} over a {@link WindowExpr} with this node's keys, frames may differ.
 *
 * <pre>
 * Window: rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r, sum(salary) OVER (...) AS s
 * </pre>
 */
public record Window(LogicalPlan input, List<Column> partitionBy, List<SortKey> orderBy, List<Alias> functions,
        Schema schema) implements LogicalPlan {
    public Window {
        Objects.requireNonNull(input, "input");
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
        functions = List.copyOf(functions);
        Objects.requireNonNull(schema, "schema");
    }

    /** Resolves the functions against the input; they must share this node's keys. */
    public static Window of(LogicalPlan input, List<Alias> functions) {
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("a Window node needs at least one function");
        }
        WindowExpr first = (WindowExpr) functions.get(0).child();
        List<Column> partition = new ArrayList<>();
        for (Expr k : first.partitionBy()) {
            if (!(k instanceof Column c)) {
                throw new IllegalArgumentException("window partition keys must be columns here: " + k.display());
            }
            partition.add(c);
        }
        Schema in = input.schema();
        List<Field> fields = new ArrayList<>(in.fields());
        Set<String> seen = new HashSet<>(in.names());
        for (Alias a : functions) {
            if (!(a.child() instanceof WindowExpr w) || !w.partitionBy().equals(first.partitionBy())
                    || !w.orderBy().equals(first.orderBy())) {
                throw new IllegalArgumentException("every function of a Window node shares its keys: " + a.display());
            }
            if (!seen.add(a.name())) {
                throw new PlanException("Duplicate output column '" + a.name() + "' of a window function: "
                        + a.display() + ". Give it another name with .alias(\"...\").");
            }
            fields.add(new Field(a.name(), a.type(in)));
        }
        return new Window(input, partition, first.orderBy(), functions, new Schema(fields));
    }

    /** The window expression of function i. */
    public WindowExpr function(int i) {
        return (WindowExpr) functions.get(i).child();
    }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return of(children.get(0), functions); }

    /** {@code Window: partition by [dept] order by [salary DESC]: rank() AS r, sum(salary) ROWS ... AS s} */
    @Override
    public String describe() {
        return "Window: partition by [" + partitionBy.stream().map(Column::display).collect(Collectors.joining(", "))
                + "] order by [" + orderBy.stream().map(SortKey::display).collect(Collectors.joining(", ")) + "]: "
                + functions.stream().map(a -> {
                    WindowExpr w = (WindowExpr) a.child();
                    return w.function().display() + (w.frame() == null ? "" : " " + w.frame().display())
                            + " AS " + a.name();
                }).collect(Collectors.joining(", "));
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitWindow(this); }

    /** Rows come out grouped by partition and sorted within, not in the input's order. */
    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    /** The functions whose output columns are read. */
    public List<Alias> functionsProducing(Set<String> outputColumns) {
        return functions.stream().filter(a -> outputColumns.contains(a.name())).toList();
    }

    /** The read input columns, the keys, and what the read functions read. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : input.schema().names()) {
            if (outputColumns.contains(c)) {
                out.add(c);
            }
        }
        out.addAll(Columns.readBy(partitionBy));
        out.addAll(Columns.readBy(orderBy));
        for (Alias a : functionsProducing(outputColumns)) {
            out.addAll(((WindowExpr) a.child()).function().columnRefs());
        }
        return List.of(out);
    }

    /** The input plus 8 bytes per row and function, taken as a quarter more. */
    @Override
    public long estimateBytes(List<Long> inputBytes) {
        long in = inputBytes.get(0);
        return in == SizeEstimates.UNKNOWN ? in : in + in / 4;
    }
}
