package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Names;
import dev.floe.api.types.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One row per distinct value of {@code keys} (nulls equal), whichever row comes first where it is
 * deduplicated: {@code dropDuplicates(subset)}. Every column of the kept row comes from that one
 * row.
 */
public record Deduplicate(LogicalPlan input, List<String> keys) implements LogicalPlan {
    public Deduplicate {
        Objects.requireNonNull(input, "input");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new PlanException("dropDuplicates needs at least one key column (no arguments = every column)");
        }
        for (String k : keys) {
            if (!input.schema().contains(k)) {
                throw new PlanException(Names.unknownColumn(k, input.schema().names()));
            }
        }
    }

    @Override public Schema schema() { return input.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Deduplicate(children.get(0), keys); }

    @Override public String describe() { return "Deduplicate: " + String.join(", ", keys); }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitDeduplicate(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> in = new LinkedHashSet<>(outputColumns);
        in.addAll(keys);
        return List.of(in);
    }

    @Override public long estimateBytes(List<Long> inputBytes) { return inputBytes.get(0); }
}
