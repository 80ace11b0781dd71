package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Each input row {@code count} times, without the {@code count} column (an int64; null or less
 * than 1 drops the row): how {@code intersectAll} and {@code exceptAll} turn the multiset counts
 * of their aggregation back into rows (Spark's {@code ReplicateRows}).
 */
public record Replicate(LogicalPlan input, String countColumn) implements LogicalPlan {
    public Replicate {
        Objects.requireNonNull(input, "input");
        int at = input.schema().indexOf(countColumn);
        if (at < 0) {
            throw new PlanException("Replicate: no count column '" + countColumn + "' in " + input.schema().names());
        }
        if (input.schema().field(at).type().kind() != DataType.Kind.INT64) {
            throw new PlanException("Replicate: the count column '" + countColumn + "' must be int64, got "
                    + input.schema().field(at).type());
        }
    }

    @Override
    public Schema schema() {
        List<Field> out = new ArrayList<>();
        for (Field f : input.schema().fields()) {
            if (!f.name().equals(countColumn)) {
                out.add(f);
            }
        }
        return new Schema(out);
    }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Replicate(children.get(0), countColumn); }

    @Override public String describe() { return "Replicate: " + countColumn + " times"; }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitReplicate(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> in = new LinkedHashSet<>(outputColumns);
        in.add(countColumn);
        return List.of(in);
    }

    /** Counts are unknown: erring large, twice the input. */
    @Override public long estimateBytes(List<Long> inputBytes) { return SizeEstimates.times(inputBytes.get(0), 2); }
}
