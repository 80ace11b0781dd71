package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Every row after the first {@code n} (of the input's order when it is sorted, else of any order). */
public record Offset(LogicalPlan input, long n) implements LogicalPlan {
    public Offset {
        Objects.requireNonNull(input, "input");
        if (n < 0) {
            throw new PlanException("offset must be >= 0, got " + n);
        }
    }

    @Override public Schema schema() { return input.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Offset(children.get(0), n); }

    @Override public String describe() { return "Offset: " + n; }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitOffset(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    @Override public List<Set<String>> requiredColumns(Set<String> outputColumns) { return List.of(outputColumns); }

    @Override public long estimateBytes(List<Long> inputBytes) { return inputBytes.get(0); }
}
