package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.JoinSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash join operator (build input first, then probe) with the steps fused after it.
 *
 * @param strategy {@code hash} or {@code broadcast}, for explain
 */
public record JoinStage(PhysicalPlan build, PhysicalPlan probe, JoinSpec spec, int parallelism, String strategy)
        implements PhysicalPlan {

    public JoinStage withStep(StepSpec step) {
        List<StepSpec> steps = new ArrayList<>(spec.steps());
        steps.add(step);
        return new JoinStage(build, probe, new JoinSpec(spec.buildSchema(), spec.probeSchema(), spec.buildKeys(),
                spec.probeKeys(), spec.buildIsLeft(), spec.mode(), steps, spec.describe()), parallelism, strategy);
    }

    @Override public Schema schema() { return spec.outputSchema(); }

    @Override public List<PhysicalPlan> children() { return List.of(build, probe); }

    @Override
    public String describe() {
        String head = spec.describe() + " [" + strategy + ", build " + (spec.buildIsLeft() ? "left" : "right") + "]";
        return Stages.join(head, spec.steps());
    }
}
