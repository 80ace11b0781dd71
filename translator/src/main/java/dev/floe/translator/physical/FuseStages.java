package dev.floe.translator.physical;

import java.util.ArrayList;
import java.util.List;

/**
 * Fuses the steps between exchanges into stages, one Flink operator each: a step joins the stage
 * below it (a scan, a join, or the steps after an exchange); an exchange's split step (hash,
 * round-robin) joins the stage that feeds it; broadcast joins join their probe side's stage. Each
 * node is translated after its inputs, so every visit receives fused children (Daft's
 * {@code translate.rs}).
 */
public final class FuseStages implements PhysicalNodeVisitor<PhysicalPlan> {
    private static final FuseStages INSTANCE = new FuseStages();

    private FuseStages() {
    }

    /** The stages of a node tree whose exchanges are in place ({@link EnforceDistribution}). */
    public static PhysicalPlan apply(PhysicalNode root) {
        return Stages.receive(root.accept(INSTANCE));
    }

    @Override
    public PhysicalPlan visitScan(ScanNode scan) {
        return scan.stage();
    }

    @Override
    public PhysicalPlan visitStep(StepNode step) {
        return Stages.append(step.input().accept(this), step.step());
    }

    @Override
    public PhysicalPlan visitExchange(ExchangeNode exchange) {
        return exchange.to().exchange(Stages.receive(exchange.input().accept(this)));
    }

    @Override
    public PhysicalPlan visitHashJoin(HashJoinNode join) {
        return new JoinStage(join.build().accept(this), join.probe().accept(this), join.spec(), join.n(), "hash");
    }

    /**
     * The inputs fused on their own, read as one stream by the stage after them. An input that is an
     * exchange (a {@code repartition} right under the union) is received by a stage of its own
     * partitions first: an exchange routes each batch to the partition its split step tagged, out of
     * its reader's subtasks, and the union's reader may run with fewer (the collect sink runs with 1,
     * a range exchange's sampler with the first input's parallelism).
     */
    @Override
    public PhysicalPlan visitUnion(UnionNode union) {
        List<PhysicalPlan> inputs = new ArrayList<>();
        for (PhysicalNode in : union.inputs()) {
            inputs.add(Stages.receive(in.accept(this)));
        }
        return new UnionPlan(inputs, union.outputPartitioning().partitions());
    }

    /** In the probe side's operator: no exchange of the (large) probe rows. */
    @Override
    public PhysicalPlan visitBroadcastJoin(BroadcastJoinNode join) {
        PhysicalPlan probe = Stages.receive(join.probe().accept(this));
        PhysicalPlan build = join.build().accept(this);
        if (!(build instanceof Exchange everywhere)) {
            throw new IllegalStateException("a broadcast join's build side must be a broadcast exchange, got "
                    + build.describe() + " (run EnforceDistribution first)");
        }
        return probe.accept(new PhysicalPlanVisitor<PhysicalPlan>() {
            @Override public PhysicalPlan visitScan(ScanStage scan) { return BroadcastJoinStage.of(scan, everywhere, join.spec()); }

            @Override public PhysicalPlan visitSteps(StepStage steps) { return BroadcastJoinStage.of(steps, everywhere, join.spec()); }

            @Override public PhysicalPlan visitExchange(Exchange e) { throw notReceived(e); }

            @Override public PhysicalPlan visitRangeExchange(RangeExchange r) { throw notReceived(r); }

            @Override public PhysicalPlan visitJoin(JoinStage hashJoin) { return hashJoin.withBroadcastJoin(everywhere, join.spec()); }

            @Override public PhysicalPlan visitBroadcastJoins(BroadcastJoinStage fused) { return fused.withJoin(everywhere, join.spec()); }

            @Override
            public PhysicalPlan visitUnion(UnionPlan union) {
                return BroadcastJoinStage.of(new StepStage(union, List.of(), union.parallelism()), everywhere, join.spec());
            }
        });
    }

    /** {@link Stages#receive} puts every exchange into a stage that reads it; a bare one here is a planner bug. */
    private static IllegalStateException notReceived(PhysicalPlan exchange) {
        return new IllegalStateException("a broadcast join's probe side must be a stage, got the bare exchange "
                + exchange.describe());
    }
}
