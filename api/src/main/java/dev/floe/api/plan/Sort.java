package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.AggregationPlacement;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.expr.SortKey;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Orders rows by the keys (first key most significant); the order holds through collect. */
public record Sort(LogicalPlan input, List<SortKey> keys) implements LogicalPlan {
    public Sort {
        Objects.requireNonNull(input, "input");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new PlanException("sort needs at least one key");
        }
        for (SortKey k : keys) {
            ExprDepth.check(k, "a sort key");
            AggregationPlacement.check(k, "a sort key (sort)");
            DataType t = k.child().type(input.schema());
            if (t.isNested() || t.kind() == DataType.Kind.INTERVAL) {
                throw new PlanException("Cannot sort by " + k.child().display() + " of type " + t
                        + ": only primitive, string, decimal and temporal values have an order");
            }
        }
    }

    @Override public Schema schema() { return input.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Sort(children.get(0), keys); }

    @Override
    public String describe() {
        return "Sort: " + keys.stream().map(SortKey::display).collect(Collectors.joining(", "));
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitSort(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return true; }

    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        return List.of(Columns.plus(outputColumns, keys));
    }

    @Override public long estimateBytes(List<Long> inputBytes) { return inputBytes.get(0); }
}
