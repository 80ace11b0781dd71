package dev.floe.operators.source;

import java.io.Serializable;

/** What one split reads: a partition of in-memory batches, or a piece of a file. */
public interface SplitPayload extends Serializable {
    /** Short text for logs and errors, e.g. the file path and range. */
    String describe();
}
