package dev.floe.arrow;

import java.io.Serializable;

/**
 * An immutable, heap-held Arrow IPC record-batch message: the form in which a batch travels
 * between Flink operators and back to the client. The schema is not inside; it comes from the
 * plan. Decode with {@link BatchCodec#decode}.
 */
public final class EncodedBatch implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private final int numRows;

    public EncodedBatch(byte[] bytes, int numRows) {
        this.bytes = bytes;
        this.numRows = numRows;
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
        return "EncodedBatch(" + numRows + " rows, " + bytes.length + " bytes)";
    }
}
