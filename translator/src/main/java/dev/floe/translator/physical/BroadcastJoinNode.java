package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.JoinSpec;
import java.util.List;

/**
 * A broadcast hash join: every probe partition joins against the whole build side, which is sent
 * to each of them; the probe rows stay where they are.
 */
public record BroadcastJoinNode(PhysicalNode probe, PhysicalNode build, JoinSpec spec) implements PhysicalNode {

    @Override public Schema schema() { return spec.outputSchema(); }

    @Override public List<PhysicalNode> children() { return List.of(probe, build); }

    @Override
    public PhysicalNode withChildren(List<PhysicalNode> children) {
        return new BroadcastJoinNode(children.get(0), children.get(1), spec);
    }

    @Override
    public List<Distribution> requiredDistributions() {
        return List.of(new Distribution.Any(), new Distribution.Broadcast(probe.outputPartitioning().partitions()));
    }

    @Override public Partitioning outputPartitioning() { return Partitioning.unknown(probe.outputPartitioning().partitions()); }

    @Override public String describe() { return spec.describe() + " [broadcast]"; }

    @Override public <R> R accept(PhysicalNodeVisitor<R> visitor) { return visitor.visitBroadcastJoin(this); }
}
