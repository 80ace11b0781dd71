package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.JoinSpec;
import java.util.List;

/**
 * A hash join: both inputs hash-partitioned on their keys into {@code n} partitions, the build side
 * held in a table and probed by the other.
 *
 * @param hashedOn the output columns every row of the join stays partitioned on ({@code JoinPlanner.partitionedOn}), or null
 */
public record HashJoinNode(PhysicalNode build, PhysicalNode probe, JoinSpec spec, int n, List<String> hashedOn)
        implements PhysicalNode {

    public HashJoinNode {
        hashedOn = hashedOn == null ? null : List.copyOf(hashedOn);
    }

    @Override public Schema schema() { return spec.outputSchema(); }

    @Override public List<PhysicalNode> children() { return List.of(build, probe); }

    @Override
    public PhysicalNode withChildren(List<PhysicalNode> children) {
        return new HashJoinNode(children.get(0), children.get(1), spec, n, hashedOn);
    }

    @Override
    public List<Distribution> requiredDistributions() {
        return List.of(new Distribution.Hashed(spec.buildKeys(), n), new Distribution.Hashed(spec.probeKeys(), n));
    }

    @Override public Partitioning outputPartitioning() { return new Partitioning(hashedOn, n); }

    @Override public String describe() { return spec.describe() + " [hash]"; }

    @Override public <R> R accept(PhysicalNodeVisitor<R> visitor) { return visitor.visitHashJoin(this); }
}
