package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
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

/**
 * Groups rows by {@code keys} and computes {@code aggs} per group; output is the keys, then the
 * aggregations in argument order. No keys: one row over the whole input (even when it is empty).
 * {@code distinct()} is an Aggregate whose keys are every column and which has no aggregations.
 */
public record Aggregate(LogicalPlan input, List<Expr> keys, List<Expr> aggs, Schema schema) implements LogicalPlan {
    public Aggregate {
        Objects.requireNonNull(input, "input");
        keys = List.copyOf(keys);
        aggs = List.copyOf(aggs);
        Objects.requireNonNull(schema, "schema");
    }

    /** Resolves keys and aggregations; every aggregation must be a (possibly aliased) aggregate call. */
    public static Aggregate of(LogicalPlan input, List<Expr> keys, List<Expr> aggs) {
        Schema in = input.schema();
        List<Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Expr k : keys) {
            ExprDepth.check(k, "a group-by key");
            WindowExtraction.rejectWindows(k, "a group-by key");
            if (AggExpr.containsAgg(k)) {
                throw new PlanException("A group-by key cannot be an aggregation: " + k.display());
            }
            add(fields, seen, k, k.type(in), keys, aggs);
        }
        for (Expr a : aggs) {
            ExprDepth.check(a, "an aggregation");
            WindowExtraction.rejectWindows(a, "agg(...)");
            if (!(a.unalias() instanceof AggExpr agg)) {
                throw new PlanException("agg(...) takes aggregations such as col(\"x\").sum() or count(), but "
                        + a.display() + " is not one" + (AggExpr.containsAgg(a)
                        ? "; compute expressions over aggregated columns with withColumn(...) after agg(...)"
                        : "; group by it with groupBy(...) or aggregate it, e.g. " + a.display() + ".anyValue()"));
            }
            add(fields, seen, a, agg.type(in), keys, aggs);
        }
        return new Aggregate(input, keys, aggs, new Schema(fields));
    }

    private static void add(List<Field> fields, Set<String> seen, Expr e, dev.floe.api.types.DataType t,
            List<Expr> keys, List<Expr> aggs) {
        String name = e.name();
        if (!seen.add(name)) {
            throw new PlanException("Duplicate output column '" + name + "' in aggregation "
                    + describe(keys, aggs) + ". Give one of them another name with .alias(\"...\").");
        }
        fields.add(new Field(name, t));
    }

    /** The aggregate call of aggregation i (its alias removed). */
    public AggExpr agg(int i) {
        Expr e = aggs.get(i);
        return (AggExpr) (e instanceof Alias a ? a.child() : e);
    }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return of(children.get(0), keys, aggs); }

    @Override public String describe() { return describe(keys, aggs); }

    private static String describe(List<Expr> keys, List<Expr> aggs) {
        String k = keys.stream().map(Expr::display).collect(Collectors.joining(", "));
        String a = aggs.stream().map(Expr::display).collect(Collectors.joining(", "));
        if (aggs.isEmpty()) {
            return "Distinct: " + k;
        }
        return "Aggregate: " + a + (keys.isEmpty() ? "" : " by " + k);
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitAggregate(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    /**
     * The aggregations that produce the named output columns; a global aggregation keeps one even
     * when none is read, because it still outputs one row.
     */
    public List<Expr> aggsProducing(Set<String> outputColumns) {
        List<Expr> out = aggs.stream().filter(a -> outputColumns.contains(a.name())).toList();
        return out.isEmpty() && keys.isEmpty() && !aggs.isEmpty() ? List.of(aggs.get(0)) : out;
    }

    /** Keys always (they define the groups), and what the read aggregations read. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        return List.of(Columns.plus(Columns.readBy(keys), aggsProducing(outputColumns)));
    }

    /** A global aggregation is one row; grouping keeps a tenth. */
    @Override public long estimateBytes(List<Long> inputBytes) { return keys.isEmpty() ? 64 : inputBytes.get(0) / 10; }
}
