package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.List;

/** A source read with its pushed-down steps already in place (a scan is a stage of its own). */
public record ScanNode(ScanStage stage) implements PhysicalNode {

    @Override public Schema schema() { return stage.schema(); }

    @Override public List<PhysicalNode> children() { return List.of(); }

    @Override
    public PhysicalNode withChildren(List<PhysicalNode> children) {
        if (!children.isEmpty()) {
            throw new IllegalArgumentException("a scan has no inputs, got " + children.size());
        }
        return this;
    }

    @Override public List<Distribution> requiredDistributions() { return List.of(); }

    /** Splits go to whichever subtask asks first. */
    @Override public Partitioning outputPartitioning() { return Partitioning.unknown(stage.parallelism()); }

    @Override public String describe() { return stage.describe(); }

    @Override public <R> R accept(PhysicalNodeVisitor<R> visitor) { return visitor.visitScan(this); }
}
