package dev.floe.translator.physical;

import dev.floe.operators.exchange.HashSplitSpec;
import dev.floe.operators.exchange.RoundRobinSplitSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

final class Stages {
    private Stages() {
    }

    /** The operator name: the nodes' one-line descriptions joined by " -> ". */
    static String join(String first, List<StepSpec> steps) {
        List<String> parts = new ArrayList<>();
        if (first != null) {
            parts.add(first);
        }
        for (StepSpec s : steps) {
            parts.add(s.describe());
        }
        return String.join(" -> ", parts);
    }

    /** The largest managed-memory weight among the operator's own and its steps'. */
    static int weight(int own, List<StepSpec> steps) {
        int w = own;
        for (StepSpec s : steps) {
            w = Math.max(w, s.managedMemoryWeight());
        }
        return w;
    }

    /** The stage with the step fused at its end; after an exchange, a new stage that starts with it. */
    static PhysicalPlan append(PhysicalPlan plan, StepSpec step) {
        return plan.accept(new PhysicalPlanVisitor<PhysicalPlan>() {
            @Override public PhysicalPlan visitScan(ScanStage scan) { return scan.withStep(step); }

            @Override public PhysicalPlan visitSteps(StepStage steps) { return steps.withStep(step); }

            @Override public PhysicalPlan visitExchange(Exchange e) { return new StepStage(e, List.of(step), e.parallelism()); }

            /** Each partition of a range exchange arrives sorted after its sort step: the stage keeps that order. */
            @Override
            public PhysicalPlan visitRangeExchange(RangeExchange r) {
                return new StepStage(r, List.of(step), r.parallelism(), true);
            }

            @Override public PhysicalPlan visitJoin(JoinStage join) { return join.withStep(step); }

            @Override public PhysicalPlan visitBroadcastJoins(BroadcastJoinStage joins) { return joins.withStep(step); }

            /** An exchange's split runs in each input's stage; any other step in a stage that reads the union. */
            @Override
            public PhysicalPlan visitUnion(UnionPlan union) {
                if (!(step instanceof HashSplitSpec || step instanceof RoundRobinSplitSpec)) {
                    return new StepStage(union, List.of(step), union.parallelism());
                }
                List<PhysicalPlan> split = new ArrayList<>();
                for (PhysicalPlan in : union.inputs()) {
                    split.add(append(in, step));
                }
                return new UnionPlan(split, union.parallelism());
            }
        });
    }

    /** A stage that receives the exchange (operators read exchanges; an exchange alone is not one), else the plan. */
    static PhysicalPlan receive(PhysicalPlan plan) {
        return plan.accept(new PhysicalPlanVisitor<PhysicalPlan>() {
            @Override public PhysicalPlan visitScan(ScanStage scan) { return scan; }

            @Override public PhysicalPlan visitSteps(StepStage steps) { return steps; }

            @Override public PhysicalPlan visitExchange(Exchange e) { return new StepStage(e, List.of(), e.parallelism()); }

            @Override public PhysicalPlan visitRangeExchange(RangeExchange r) { return new StepStage(r, List.of(), r.parallelism(), true); }

            @Override public PhysicalPlan visitJoin(JoinStage join) { return join; }

            @Override public PhysicalPlan visitBroadcastJoins(BroadcastJoinStage joins) { return joins; }

            /** Operators read a union as one input. */
            @Override public PhysicalPlan visitUnion(UnionPlan union) { return union; }
        });
    }
}
