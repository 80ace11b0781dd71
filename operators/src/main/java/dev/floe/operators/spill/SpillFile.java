package dev.floe.operators.spill;

import dev.floe.api.types.Schema;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.BatchFile;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A sequence of batches on local disk, each an Arrow IPC record-batch message (the schema comes
 * from the plan): written once, then read back in order, then deleted.
 */
public final class SpillFile {
    private final File file;
    private final SpillDirectory directory;
    private DataOutputStream out;
    private long rows;
    private boolean deleted;

    SpillFile(File file, SpillDirectory directory) {
        this.file = file;
        this.directory = directory;
    }

    /** Appends a batch (the caller keeps ownership). */
    public void write(RecordBatch batch) {
        EncodedBatch e = BatchCodec.encode(batch);
        try {
            if (out == null) {
                out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file), 1 << 16));
            }
            out.writeInt(e.numRows());
            out.writeInt(e.bytes().length);
            out.write(e.bytes());
            rows += e.numRows();
            directory.wrote(8L + e.bytes().length);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write spill file " + file, ex);
        }
    }

    public long rows() {
        return rows;
    }

    /** Ends writing; then {@link #reader} reads the batches back. */
    public void finishWriting() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot write spill file " + file, ex);
            }
            out = null;
        }
    }

    /** Reads the batches back in the order written. */
    public Reader reader(Schema schema, BufferAllocator allocator) {
        finishWriting();
        return new Reader(schema, allocator);
    }

    /** Deletes the file now, before its directory closes (a second call does nothing). */
    public void delete() {
        if (deleted) {
            return;
        }
        deleted = true;
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // the file is being removed anyway
        }
        if (file.delete() || !file.exists()) {
            directory.deleted();
        }
    }

    /** Sequential reader; close it to release the file handle. */
    public final class Reader implements AutoCloseable {
        private final Schema schema;
        private final BufferAllocator allocator;
        private BatchFile.Reader in;

        Reader(Schema schema, BufferAllocator allocator) {
            this.schema = schema;
            this.allocator = allocator;
            in = file.length() == 0 ? null : BatchFile.reader(file.toPath());
        }

        /** The next batch (caller owns it), or null at the end. */
        public RecordBatch next() {
            EncodedBatch e = in == null ? null : in.next();
            return e == null ? null : BatchCodec.decode(e, schema, allocator);
        }

        @Override
        public void close() {
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }
}
