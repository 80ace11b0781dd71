package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import dev.floe.operators.exchange.RangeSpec;
import java.util.List;

/**
 * Range partitioning for a global sort: sample the keys, compute boundaries in one subtask,
 * broadcast them to a splitter, shuffle by range index.
 */
public record RangeExchange(PhysicalPlan input, RangeSpec spec) implements PhysicalPlan {

    @Override public Schema schema() { return input.schema(); }

    @Override public List<PhysicalPlan> children() { return List.of(input); }

    @Override public int parallelism() { return spec.numPartitions(); }

    @Override
    public String describe() {
        return "Exchange: range(" + spec.describe().substring("RangeSplit: ".length()).replaceFirst(" into \\d+$", "")
                + ") to " + spec.numPartitions() + " partitions (sampled boundaries, blocking)";
    }

    @Override public String explainLine() { return describe(); }

    /** Samples and boundaries are a few thousand rows per subtask. */
    @Override public int managedMemoryWeight() { return 0; }

    @Override public <R> R accept(PhysicalPlanVisitor<R> visitor) { return visitor.visitRangeExchange(this); }
}
