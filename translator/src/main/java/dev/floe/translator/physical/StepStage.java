package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/** Fused stateless steps after an exchange. */
public record StepStage(PhysicalPlan input, List<StepSpec> steps, int parallelism) implements PhysicalPlan {
    public StepStage {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a step stage needs at least one step");
        }
    }

    public StepStage withStep(StepSpec step) {
        List<StepSpec> s = new ArrayList<>(steps);
        s.add(step);
        return new StepStage(input, s, parallelism);
    }

    @Override
    public Schema schema() {
        return steps.get(steps.size() - 1).outputSchema();
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return Stages.join(null, steps);
    }
}
