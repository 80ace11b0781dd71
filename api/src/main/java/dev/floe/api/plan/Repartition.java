package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Redistributes rows into {@code n} partitions: by a hash of the keys, or evenly when there are none. */
public record Repartition(LogicalPlan input, int n, List<Expr> keys) implements LogicalPlan {
    public Repartition {
        Objects.requireNonNull(input, "input");
        keys = List.copyOf(keys);
        if (n < 1) {
            throw new PlanException("the number of partitions must be >= 1, got " + n);
        }
        for (Expr k : keys) {
            ExprDepth.check(k, "a repartition key");
            k.type(input.schema());
        }
    }

    @Override public Schema schema() { return input.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Repartition(children.get(0), n, keys); }

    @Override
    public String describe() {
        return "Repartition: " + (keys.isEmpty() ? "random" : "hash(" + keys.stream().map(Expr::display)
                .collect(Collectors.joining(", ")) + ")") + " into " + n;
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitRepartition(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        return List.of(Columns.plus(outputColumns, keys));
    }

    @Override public long estimateBytes(List<Long> inputBytes) { return inputBytes.get(0); }
}
