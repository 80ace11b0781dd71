package dev.floe.translator.physical;

import java.util.List;

/**
 * How a node's output rows are spread over its partitions: what a consumer may rely on without an
 * exchange (DataFusion's {@code Partitioning} in {@code PlanProperties}).
 *
 * @param hashedOn   the columns whose hash decides each row's partition, or null when nothing is known
 * @param partitions the number of partitions (the node's parallelism)
 */
public record Partitioning(List<String> hashedOn, int partitions) {

    public Partitioning {
        hashedOn = hashedOn == null ? null : List.copyOf(hashedOn);
    }

    /** Rows anywhere among {@code partitions}. */
    public static Partitioning unknown(int partitions) {
        return new Partitioning(null, partitions);
    }

    @Override
    public String toString() {
        return hashedOn == null ? "unknown(" + partitions + ")" : "hash(" + String.join(", ", hashedOn) + ") into " + partitions;
    }
}
