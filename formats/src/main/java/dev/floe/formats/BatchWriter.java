package dev.floe.formats;

import dev.floe.arrow.RecordBatch;

/**
 * Writes batches into one file of a format; {@link #close()} finishes the file (footer, flush).
 *
 * <pre>{@code try (BatchWriter w = FileFormatHandler.of(format).createWriter(path, schema)) { w.write(batch); }}</pre>
 */
public interface BatchWriter extends AutoCloseable {
    /** Appends the rows of {@code batch} (whose schema is the writer's). */
    void write(RecordBatch batch);

    /** Rows written so far. */
    long rowsWritten();

    @Override
    void close();
}
