package dev.floe.api.eval;

/**
 * Which partition the rows an operator evaluates belong to, for {@code rand(seed)} and
 * {@code monotonically_increasing_id()} (Spark's partition index). An operator after an exchange
 * is one partition for its whole life (its subtask index); a source reader starts a partition at
 * each split it opens (the split's number), so which reader takes which split does not change the
 * values. Each expression counts positions from 0 again when a new partition starts.
 */
public final class RowPlace {
    private int partition;
    private int epoch;

    private RowPlace(int partition) {
        this.partition = partition;
    }

    /** Partition {@code index} until {@link #startPartition} says otherwise. */
    public static RowPlace of(int index) {
        return new RowPlace(index);
    }

    /** The rows evaluated from now on belong to partition {@code index}, counted from position 0. */
    public void startPartition(int index) {
        partition = index;
        epoch++;
    }

    int partition() {
        return partition;
    }

    int epoch() {
        return epoch;
    }
}
