package dev.floe.arrow;

import java.io.Serializable;

/**
 * An immutable, heap-held Arrow IPC record-batch message: the form in which a batch travels
 * between Flink operators and back to the client. The schema is not inside; it comes from the
 * plan. Decode with {@link BatchCodec#decode}.
 */
public final class EncodedBatch implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No partition tag. */
    public static final int NO_PARTITION = -1;

    private final byte[] bytes;
    private final int numRows;
    private final int partition;

    public EncodedBatch(byte[] bytes, int numRows) {
        this(bytes, numRows, NO_PARTITION);
    }

    /**
     * @param partition the target partition of a split batch (read by Flink's custom partitioner), or
     *                  the producing partition of an ordered result; {@link #NO_PARTITION} otherwise
     */
    public EncodedBatch(byte[] bytes, int numRows, int partition) {
        this.bytes = bytes;
        this.numRows = numRows;
        this.partition = partition;
    }

    /** The same bytes with another partition tag. */
    public EncodedBatch withPartition(int newPartition) {
        return newPartition == partition ? this : new EncodedBatch(bytes, numRows, newPartition);
    }

    public int partition() {
        return partition;
    }

    /** The IPC message bytes; do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    public int numRows() {
        return numRows;
    }

    public int sizeInBytes() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "EncodedBatch(" + numRows + " rows, " + bytes.length + " bytes"
                + (partition == NO_PARTITION ? "" : ", partition " + partition) + ")";
    }
}
