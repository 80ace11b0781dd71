package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.step.StepSpec;
import java.util.List;

/**
 * One step over one input. A streaming step ({@code requires} = any) runs wherever its input's rows
 * are; a step that needs its rows placed (final aggregate, sort, global limit) states where.
 *
 * @param requires    the distribution the step needs of its input
 * @param establishes the output columns the step's rows are hash-partitioned on once {@code requires}
 *                    holds (a final aggregate's keys), or null
 */
public record StepNode(PhysicalNode input, StepSpec step, Distribution requires, List<String> establishes)
        implements PhysicalNode {

    public StepNode {
        establishes = establishes == null ? null : List.copyOf(establishes);
    }

    /** A streaming step. */
    public StepNode(PhysicalNode input, StepSpec step) {
        this(input, step, new Distribution.Any(), null);
    }

    @Override public Schema schema() { return step.outputSchema(); }

    @Override public List<PhysicalNode> children() { return List.of(input); }

    @Override
    public PhysicalNode withChildren(List<PhysicalNode> children) {
        return new StepNode(children.get(0), step, requires, establishes);
    }

    @Override public List<Distribution> requiredDistributions() { return List.of(requires); }

    @Override
    public Partitioning outputPartitioning() {
        Partitioning in = input.outputPartitioning();
        int partitions = requires.partitions(in.partitions());
        if (!(requires instanceof Distribution.Any)) {
            return new Partitioning(establishes, partitions);
        }
        return in.hashedOn() != null && step.keepsColumns(in.hashedOn()) ? in : Partitioning.unknown(partitions);
    }

    @Override public String describe() { return step.describe(); }

    @Override public <R> R accept(PhysicalNodeVisitor<R> visitor) { return visitor.visitStep(this); }
}
