package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.List;

/**
 * Moves rows between partitions so that {@code to} holds: placed by {@link EnforceDistribution},
 * or by the planner where the user asked for it ({@code repartition}).
 */
public record ExchangeNode(PhysicalNode input, Distribution to) implements PhysicalNode {

    @Override public Schema schema() { return input.schema(); }

    @Override public List<PhysicalNode> children() { return List.of(input); }

    @Override public PhysicalNode withChildren(List<PhysicalNode> children) { return new ExchangeNode(children.get(0), to); }

    @Override public List<Distribution> requiredDistributions() { return List.of(new Distribution.Any()); }

    @Override
    public Partitioning outputPartitioning() {
        return to.output(input.outputPartitioning().partitions());
    }

    @Override public String describe() { return "Exchange: " + to; }

    @Override public <R> R accept(PhysicalNodeVisitor<R> visitor) { return visitor.visitExchange(this); }
}
