package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.AggregationPlacement;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Computes one output column per expression, named by {@link Expr#name()}. */
public record Project(LogicalPlan input, List<Expr> exprs, Schema schema) implements LogicalPlan {
    public Project {
        Objects.requireNonNull(input, "input");
        exprs = List.copyOf(exprs);
        Objects.requireNonNull(schema, "schema");
    }

    /** Resolves every expression against the input; duplicate output names are a PlanException. */
    public static Project of(LogicalPlan input, List<Expr> exprs) {
        List<Field> fields = new ArrayList<>(exprs.size());
        Set<String> seen = new HashSet<>();
        for (Expr e : exprs) {
            ExprDepth.check(e, "a projection (select/withColumn)");
            AggregationPlacement.check(e, "a projection (select/withColumn)");
            String name = e.name();
            if (!seen.add(name)) {
                throw new PlanException("Duplicate output column '" + name + "' in select: "
                        + exprs.stream().map(Expr::display).collect(Collectors.joining(", "))
                        + ". Give one of them another name with .alias(\"...\").");
            }
            fields.add(new Field(name, e.type(input.schema())));
        }
        return new Project(input, exprs, new Schema(fields));
    }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return of(children.get(0), exprs); }

    @Override
    public String describe() {
        return "Project: " + exprs.stream().map(Expr::display).collect(Collectors.joining(", "));
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitProject(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    /** The expressions that produce the named output columns, in order. */
    public List<Expr> exprsProducing(Set<String> outputColumns) {
        return exprs.stream().filter(e -> outputColumns.contains(e.name())).toList();
    }

    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        return List.of(Columns.readBy(exprsProducing(outputColumns)));
    }

    @Override public long estimateBytes(List<Long> inputBytes) { return inputBytes.get(0); }
}
