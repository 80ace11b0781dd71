package dev.floe.operators.source;

import dev.floe.arrow.RecordBatch;
import dev.floe.formats.BatchReader;
import dev.floe.formats.ScanMetrics;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Opens a split's payload as batches of the scan's read columns (in that order). One per
 * source kind; serializable because it travels inside the source to the TaskManagers.
 */
public interface SplitOpener extends Serializable {

    /** Batches the caller owns; close the iterator when done (also when abandoning it early). */
    BatchIterator open(SplitPayload payload, BufferAllocator allocator) throws Exception;

    /** As {@link #open(SplitPayload, BufferAllocator)}, counting what file readers do into {@code metrics}. */
    default BatchIterator open(SplitPayload payload, BufferAllocator allocator, ScanMetrics metrics) throws Exception {
        return open(payload, allocator);
    }

    /** An iterator over batches that releases its resources on close. */
    interface BatchIterator extends Iterator<RecordBatch>, AutoCloseable {
        @Override
        void close() throws Exception;

        /** The batches of a file reader; closing the iterator closes the reader. */
        static BatchIterator of(BatchReader reader) {
            return new BatchIterator() {
                @Override
                public boolean hasNext() {
                    return reader.hasNext();
                }

                @Override
                public RecordBatch next() {
                    return reader.next();
                }

                @Override
                public void close() throws Exception {
                    reader.close();
                }
            };
        }
    }
}
