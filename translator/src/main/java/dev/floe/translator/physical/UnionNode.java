package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of every input as one stream (union all), read by the next stage over forward edges:
 * no exchange of its own. Inputs have the schema of the first by position, and the same names
 * (the planner renames the others). When every input is hash-partitioned the same way, so is the
 * union (partition i of each input feeds partition i); otherwise nothing is known.
 */
public record UnionNode(List<PhysicalNode> inputs) implements PhysicalNode {
    public UnionNode {
        inputs = List.copyOf(inputs);
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("a union needs at least two inputs, got " + inputs.size());
        }
    }

    @Override public Schema schema() { return inputs.get(0).schema(); }

    @Override public List<PhysicalNode> children() { return inputs; }

    @Override public PhysicalNode withChildren(List<PhysicalNode> children) { return new UnionNode(children); }

    @Override
    public List<Distribution> requiredDistributions() {
        List<Distribution> any = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            any.add(new Distribution.Any());
        }
        return any;
    }

    @Override
    public Partitioning outputPartitioning() {
        // each input's partitioning once: a chain of unions must not ask its inputs twice per level
        Partitioning first = null;
        int partitions = 0;
        boolean same = true;
        for (PhysicalNode in : inputs) {
            Partitioning p = in.outputPartitioning();
            first = first == null ? p : first;
            partitions = Math.max(partitions, p.partitions());
            same &= p.hashedOn() != null && p.equals(first);
        }
        return same ? first : Partitioning.unknown(partitions);
    }

    @Override public String describe() { return "Union: all"; }

    @Override public <R> R accept(PhysicalNodeVisitor<R> visitor) { return visitor.visitUnion(this); }
}
