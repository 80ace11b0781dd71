package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.types.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Union all by position: every row of {@code left} and every row of {@code right}, duplicates
 * kept, in no particular order. Column i of the output is column i of both inputs; names come
 * from the left, and both inputs have the same types ({@code DataFrame} casts them to a common
 * type first, or fails naming both columns). The set operations ({@code union}, {@code intersect},
 * {@code except} and their ALL forms) are a Union under an aggregation on every column.
 */
public record Union(LogicalPlan left, LogicalPlan right) implements LogicalPlan {
    public Union {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Schema l = left.schema();
        Schema r = right.schema();
        if (l.size() != r.size()) {
            throw new PlanException("A union needs the same number of columns on both sides, but the left has "
                    + l.size() + " (" + String.join(", ", l.names()) + ") and the right " + r.size() + " ("
                    + String.join(", ", r.names()) + "); select matching columns first, or use unionByName");
        }
        for (int i = 0; i < l.size(); i++) {
            if (!l.field(i).type().equals(r.field(i).type())) {
                throw new PlanException("Union column " + (i + 1) + ": left '" + l.field(i).name() + "' is "
                        + l.field(i).type() + " but right '" + r.field(i).name() + "' is " + r.field(i).type()
                        + "; cast one of them");
            }
        }
    }

    @Override public Schema schema() { return left.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(left, right); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return new Union(children.get(0), children.get(1)); }

    /** {@code Union: all}, with the right side's names when they differ from the left's. */
    @Override
    public String describe() {
        List<String> rightNames = right.schema().names();
        return "Union: all" + (rightNames.equals(left.schema().names()) ? ""
                : " by position (right: " + String.join(", ", rightNames) + ")");
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitUnion(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    /** The output columns asked for, on the left by name, on the right the columns at the same positions. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> l = new LinkedHashSet<>();
        Set<String> r = new LinkedHashSet<>();
        for (int i : positions(outputColumns)) {
            l.add(left.schema().field(i).name());
            r.add(right.schema().field(i).name());
        }
        return List.of(l, r);
    }

    /** The positions of the output columns named in {@code outputColumns}, in output order. */
    public List<Integer> positions(Set<String> outputColumns) {
        List<String> names = schema().names();
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (outputColumns.contains(names.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    @Override public long estimateBytes(List<Long> inputBytes) { return SizeEstimates.plus(inputBytes.get(0), inputBytes.get(1)); }
}
