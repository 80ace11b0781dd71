package dev.floe.formats;

import dev.floe.arrow.RecordBatch;
import java.util.Iterator;

/** Batches read from one split; the caller owns each batch and closes the reader when done. */
public interface BatchReader extends Iterator<RecordBatch>, AutoCloseable {
    @Override
    void close() throws Exception;
}
