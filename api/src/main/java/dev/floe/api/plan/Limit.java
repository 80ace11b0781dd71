package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The first {@code n} rows (any n rows when the input is unsorted). */
public record Limit(LogicalPlan input, long n) implements LogicalPlan {
    public Limit {
        Objects.requireNonNull(input, "input");
        if (n < 0) {
            throw new PlanException("limit must be >= 0, got " + n);
        }
    }

    @Override public Schema schema() { return input.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Limit(children.get(0), n); }

    @Override public String describe() { return "Limit: " + n; }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitLimit(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    @Override public List<Set<String>> requiredColumns(Set<String> outputColumns) { return List.of(outputColumns); }

    /** At most n rows of 64 bytes per column. */
    @Override
    public long estimateBytes(List<Long> inputBytes) {
        return Math.min(inputBytes.get(0), SizeEstimates.times(n, 64L * Math.max(1, schema().size())));
    }
}
