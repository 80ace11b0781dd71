package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/** Fused steps after an exchange (stateless ones and blocking ones such as a final aggregate or a sort). */
public record StepStage(PhysicalPlan input, List<StepSpec> steps, int parallelism, boolean orderedByPartition)
        implements PhysicalPlan {
    public StepStage {
        steps = List.copyOf(steps);
    }

    public StepStage(PhysicalPlan input, List<StepSpec> steps, int parallelism) {
        this(input, steps, parallelism, false);
    }

    public StepStage withStep(StepSpec step) {
        List<StepSpec> s = new ArrayList<>(steps);
        s.add(step);
        return new StepStage(input, s, parallelism, orderedByPartition);
    }

    @Override
    public Schema schema() {
        return steps.isEmpty() ? input.schema() : steps.get(steps.size() - 1).outputSchema();
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return steps.isEmpty() ? "Receive" : Stages.join(null, steps);
    }

    @Override public String explainLine() { return describe() + "  [parallelism " + parallelism + "]"; }

    @Override public int managedMemoryWeight() { return Stages.weight(0, steps); }

    @Override public <R> R accept(PhysicalPlanVisitor<R> visitor) { return visitor.visitSteps(this); }
}
