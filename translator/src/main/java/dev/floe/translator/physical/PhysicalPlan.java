package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.List;

/**
 * A physical plan: stages of fused steps separated by exchanges. Flink-free, so planning is
 * tested in milliseconds; {@code dev.floe.translator.flink} turns it into a DataStream job.
 */
public sealed interface PhysicalPlan permits ScanStage, StepStage, Exchange, RangeExchange, JoinStage, BroadcastJoinStage,
        UnionPlan {

    Schema schema();

    List<PhysicalPlan> children();

    /** Number of parallel subtasks this node runs with. */
    int parallelism();

    /** One line for explain; for stages it is also the Flink operator name. */
    String describe();

    /** The node's line in {@link PhysicalPlanner#print}: its description, for stages with their parallelism. */
    String explainLine();

    /**
     * The node's claim on its slot's managed memory, as a relative weight (0 = none); the Flink
     * translation declares it on the operator, which reserves its share from Flink's memory manager.
     */
    int managedMemoryWeight();

    <R> R accept(PhysicalPlanVisitor<R> visitor);

    /** True when the output is globally ordered by partition index (a range-partitioned sort). */
    default boolean orderedByPartition() {
        return false;
    }
}
