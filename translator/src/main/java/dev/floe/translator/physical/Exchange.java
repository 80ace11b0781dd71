package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Locale;

/**
 * Moves batches between stages through Flink's blocking batch shuffle. HASH and ROUND_ROBIN read the
 * target partition the input stage's split step wrote on each batch.
 *
 * @param detail what the routing depends on, for explain (e.g. the hash keys)
 */
public record Exchange(PhysicalPlan input, Kind kind, int parallelism, String detail) implements PhysicalPlan {

    /** How batches are routed. */
    public enum Kind {
        /** Everything to one subtask. */
        GATHER,
        /** By the hash of key columns. */
        HASH,
        /** Whole batches spread evenly. */
        ROUND_ROBIN,
        /** Every batch to every subtask. */
        BROADCAST
    }

    public Exchange(PhysicalPlan input, Kind kind, int parallelism) {
        this(input, kind, parallelism, "");
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        String what = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return "Exchange: " + what + (detail.isEmpty() ? "" : "(" + detail + ")") + " to " + parallelism
                + (parallelism == 1 ? " partition" : " partitions") + " (blocking)";
    }

    @Override public String explainLine() { return describe(); }

    /** Flink's blocking shuffle keeps the data in its own network buffers and files. */
    @Override public int managedMemoryWeight() { return 0; }

    @Override public <R> R accept(PhysicalPlanVisitor<R> visitor) { return visitor.visitExchange(this); }
}
