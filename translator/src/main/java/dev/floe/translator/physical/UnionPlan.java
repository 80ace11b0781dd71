package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.List;

/**
 * Several inputs read as one stream by the stage after them (Flink's {@code DataStream.union}): not
 * an operator of its own, so it runs no steps; {@link Stages#append} fuses an exchange's split
 * into each input instead.
 */
public record UnionPlan(List<PhysicalPlan> inputs, int parallelism) implements PhysicalPlan {
    public UnionPlan {
        inputs = List.copyOf(inputs);
    }

    @Override public Schema schema() { return inputs.get(0).schema(); }

    @Override public List<PhysicalPlan> children() { return inputs; }

    @Override public String describe() { return "Union: all"; }

    @Override public String explainLine() { return describe(); }

    @Override public int managedMemoryWeight() { return 0; }

    @Override public <R> R accept(PhysicalPlanVisitor<R> visitor) { return visitor.visitUnion(this); }
}
