package dev.floe.translator.physical;

/**
 * One method per kind of physical node, none of them defaulted, so adding a node to
 * {@link PhysicalPlan} fails to compile until every visitor (the Flink translation, the planner's
 * passes) handles it.
 *
 * <pre>{@code DataStream<EncodedBatch> out = plan.accept(jobTranslator);}</pre>
 *
 * @param <R> what visiting a node returns
 */
public interface PhysicalPlanVisitor<R> {

    R visitScan(ScanStage scan);

    R visitSteps(StepStage steps);

    R visitExchange(Exchange exchange);

    R visitRangeExchange(RangeExchange range);

    R visitJoin(JoinStage join);

    R visitBroadcastJoins(BroadcastJoinStage joins);

    R visitUnion(UnionPlan union);
}
