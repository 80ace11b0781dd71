package dev.floe.formats;

import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * What the CSV and JSON-lines readers share: batches are read one ahead, each into freshly
 * allocated vectors of the read schema that the subclass fills row by row; the vectors are
 * released when filling fails, and an I/O failure names the file. Error locations name the line,
 * or in a byte range that starts mid-file the byte offset.
 */
abstract class TextBatchReader implements BatchReader {
    protected final String path;
    protected final long start;
    protected final Schema readSchema;
    protected final int batchRows;
    protected final BufferAllocator allocator;
    /** Set by the subclass when the input has no more rows. */
    protected boolean done;
    private RecordBatch next;

    TextBatchReader(String path, long start, Schema readSchema, int batchRows, BufferAllocator allocator) {
        this.path = path;
        this.start = start;
        this.readSchema = readSchema;
        this.batchRows = batchRows;
        this.allocator = allocator;
    }

    /** Fills up to {@link #batchRows} rows into the vectors (allocated for that many); returns the rows filled. */
    protected abstract int fill(List<FieldVector> vectors) throws IOException;

    /** {@code path:line}, or the byte offset where line numbers are unknown (a range that starts mid-file). */
    protected final String where(long line, long byteOffset) {
        return start == 0 ? path + ":" + line
                : path + " at byte " + byteOffset + " (line numbers are unknown in a split that starts mid-file)";
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = readBatch();
        }
        return next != null;
    }

    @Override
    public final RecordBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RecordBatch b = next;
        next = null;
        return b;
    }

    /** Closes a batch read ahead but not taken; subclasses call it from {@link #close()}. */
    protected final void releasePending() {
        if (next != null) {
            next.close();
            next = null;
        }
    }

    private RecordBatch readBatch() {
        List<FieldVector> vectors = new ArrayList<>(readSchema.size());
        try {
            for (Field f : readSchema.fields()) {
                FieldVector v = f.toArrow().createVector(allocator);
                v.setInitialCapacity(batchRows);
                v.allocateNew();
                vectors.add(v);
            }
            int rows = fill(vectors);
            if (rows == 0) {
                vectors.forEach(FieldVector::close);
                return null;
            }
            for (FieldVector v : vectors) {
                v.setValueCount(rows);
            }
            return RecordBatch.of(readSchema, vectors, rows);
        } catch (IOException e) {
            vectors.forEach(FieldVector::close);
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }
}
