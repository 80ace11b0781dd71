package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.BroadcastJoinSpec;
import dev.floe.operators.blocking.JoinSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash join operator (build input first, then probe) with the steps fused after it. Broadcast
 * joins on its output join inside it too: {@code broadcasts} are their build sides (broadcast
 * exchanges, read before the probe), and {@link BroadcastJoinSpec} steps refer to them by index.
 *
 * @param strategy {@code hash} or {@code broadcast}, for explain
 */
public record JoinStage(PhysicalPlan build, PhysicalPlan probe, JoinSpec spec, int parallelism, String strategy,
        List<PhysicalPlan> broadcasts) implements PhysicalPlan {

    public JoinStage {
        broadcasts = List.copyOf(broadcasts);
    }

    public JoinStage(PhysicalPlan build, PhysicalPlan probe, JoinSpec spec, int parallelism, String strategy) {
        this(build, probe, spec, parallelism, strategy, List.of());
    }

    public JoinStage withStep(StepSpec step) {
        List<StepSpec> steps = new ArrayList<>(spec.steps());
        steps.add(step);
        return new JoinStage(build, probe, spec.withSteps(steps), parallelism, strategy, broadcasts);
    }

    /** A broadcast join on this join's output, run by the same operator. */
    JoinStage withBroadcastJoin(Exchange buildSide, JoinSpec join) {
        List<PhysicalPlan> b = new ArrayList<>(broadcasts);
        b.add(buildSide);
        JoinStage joined = new JoinStage(build, probe, spec, parallelism, strategy, b);
        return joined.withStep(new BroadcastJoinSpec(broadcasts.size(), join));
    }

    @Override public Schema schema() { return spec.outputSchema(); }

    @Override
    public List<PhysicalPlan> children() {
        List<PhysicalPlan> c = new ArrayList<>(broadcasts);
        c.add(build);
        c.add(probe);
        return c;
    }

    @Override
    public String describe() {
        String head = spec.describe() + " [" + strategy + ", build " + (spec.buildIsLeft() ? "left" : "right") + "]";
        return Stages.join(head, spec.steps());
    }

    @Override public String explainLine() { return describe() + "  [parallelism " + parallelism + "]"; }

    /** The build side's hash table, and whatever the fused steps hold. */
    @Override public int managedMemoryWeight() { return Stages.weight(StepSpec.BLOCKING_WEIGHT, spec.steps()); }

    @Override public <R> R accept(PhysicalPlanVisitor<R> visitor) { return visitor.visitJoin(this); }
}
