package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.AggregationPlacement;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Keeps rows where the predicate is true (null drops the row). */
public record Filter(LogicalPlan input, Expr predicate) implements LogicalPlan {
    public Filter {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(predicate, "predicate");
        ExprDepth.check(predicate, "a filter (where)");
        WindowExtraction.rejectWindows(predicate, "a filter (where)");
        AggregationPlacement.check(predicate, "a filter (where)");
        DataType t = predicate.type(input.schema());
        if (t.kind() != DataType.Kind.BOOL && t.kind() != DataType.Kind.NULL) {
            throw new PlanException("A filter predicate must be boolean, but " + predicate.display() + " is " + t
                    + ". Compare it with something, e.g. col(\"x\").gt(lit(0)).");
        }
    }

    @Override public Schema schema() { return input.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Filter(children.get(0), predicate); }

    @Override public String describe() { return "Filter: " + predicate.display(); }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitFilter(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        return List.of(Columns.plus(outputColumns, List.of(predicate)));
    }

    /** Keeps half. */
    @Override public long estimateBytes(List<Long> inputBytes) { return inputBytes.get(0) / 2; }
}
