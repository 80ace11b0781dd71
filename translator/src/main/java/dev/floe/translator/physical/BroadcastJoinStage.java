package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.BroadcastJoinSpec;
import dev.floe.operators.blocking.JoinSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Broadcast hash joins fused into the probe side's pipeline: {@code main} streams in (forward, no
 * exchange; a scan runs in the same task), each of {@code builds} is a broadcast exchange read
 * completely first, and {@code steps} holds a {@link BroadcastJoinSpec} per build plus whatever
 * steps follow. Consecutive broadcast joins on one probe side share one operator.
 */
public record BroadcastJoinStage(PhysicalPlan main, List<PhysicalPlan> builds, List<StepSpec> steps, int parallelism)
        implements PhysicalPlan {

    public BroadcastJoinStage {
        builds = List.copyOf(builds);
        steps = List.copyOf(steps);
    }

    /** A first broadcast join on the probe side {@code main}. */
    static BroadcastJoinStage of(PhysicalPlan main, Exchange build, JoinSpec spec) {
        return new BroadcastJoinStage(main, List.of(build), List.of(new BroadcastJoinSpec(0, spec)), main.parallelism());
    }

    /** Another broadcast join on this stage's output, in the same operator. */
    BroadcastJoinStage withJoin(Exchange build, JoinSpec spec) {
        List<PhysicalPlan> b = new ArrayList<>(builds);
        b.add(build);
        List<StepSpec> s = new ArrayList<>(steps);
        s.add(new BroadcastJoinSpec(builds.size(), spec));
        return new BroadcastJoinStage(main, b, s, parallelism);
    }

    BroadcastJoinStage withStep(StepSpec step) {
        List<StepSpec> s = new ArrayList<>(steps);
        s.add(step);
        return new BroadcastJoinStage(main, builds, s, parallelism);
    }

    @Override public Schema schema() { return steps.get(steps.size() - 1).outputSchema(); }

    @Override
    public List<PhysicalPlan> children() {
        List<PhysicalPlan> c = new ArrayList<>(builds);
        c.add(main);
        return c;
    }

    @Override
    public String describe() {
        return Stages.join(null, steps);
    }

    @Override public String explainLine() { return describe() + "  [parallelism " + parallelism + "]"; }

    @Override public int managedMemoryWeight() { return Stages.weight(0, steps); }

    @Override public <R> R accept(PhysicalPlanVisitor<R> visitor) { return visitor.visitBroadcastJoins(this); }
}
