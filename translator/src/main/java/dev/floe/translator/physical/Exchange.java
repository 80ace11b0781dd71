package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.List;

/** Moves batches between stages through Flink's blocking batch shuffle. */
public record Exchange(PhysicalPlan input, Kind kind, int parallelism) implements PhysicalPlan {

    /** How batches are routed. More kinds (hash, range, broadcast) come with shuffles. */
    public enum Kind {
        /** Everything to one subtask. */
        GATHER
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
        return "Exchange: " + kind.name().toLowerCase(java.util.Locale.ROOT) + " to " + parallelism
                + (parallelism == 1 ? " partition" : " partitions") + " (blocking)";
    }
}
