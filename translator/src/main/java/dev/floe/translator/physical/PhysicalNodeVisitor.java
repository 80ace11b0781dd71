package dev.floe.translator.physical;

/**
 * One method per kind of {@link PhysicalNode}, none defaulted: a new node fails to compile until
 * every pass handles it.
 *
 * @param <R> what visiting a node returns
 */
public interface PhysicalNodeVisitor<R> {

    R visitScan(ScanNode scan);

    R visitStep(StepNode step);

    R visitExchange(ExchangeNode exchange);

    R visitHashJoin(HashJoinNode join);

    R visitBroadcastJoin(BroadcastJoinNode join);

    R visitUnion(UnionNode union);
}
