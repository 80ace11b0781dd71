package dev.floe.arrow;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Encoded batches in a local file, each an Arrow IPC record-batch message behind its row count and
 * length (the schema comes from the plan): what {@code DataFrame.cache()} keeps, read back by a
 * source, and the format of operators' spill files.
 *
 * <pre>{@code
 * long bytes = BatchFile.write(path, batches);
 * try (BatchFile.Reader r = BatchFile.reader(path)) {
 *     for (EncodedBatch b = r.next(); b != null; b = r.next()) { ... }
 * }
 * }</pre>
 */
public final class BatchFile {
    private BatchFile() {
    }

    /** Writes the batches to a new file; returns its size in bytes. */
    public static long write(Path file, List<EncodedBatch> batches) {
        return write(file, batches, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
    }

    /** Adds the batches at the end of the file (created when missing); returns the bytes added. */
    public static long append(Path file, List<EncodedBatch> batches) {
        return write(file, batches, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static long write(Path file, List<EncodedBatch> batches, java.nio.file.OpenOption... options) {
        long bytes = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file, options),
                1 << 16))) {
            for (EncodedBatch b : batches) {
                out.writeInt(b.numRows());
                out.writeInt(b.bytes().length);
                out.write(b.bytes());
                bytes += 8L + b.bytes().length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write batches to " + file + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    public static Reader reader(Path file) {
        try {
            return new Reader(file, new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read batches from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the batches back in order. */
    public static final class Reader implements AutoCloseable {
        private final Path file;
        private final DataInputStream in;

        private Reader(Path file, DataInputStream in) {
            this.file = file;
            this.in = in;
        }

        /** The next batch, or null at the end of the file. */
        public EncodedBatch next() {
            try {
                int rows;
                try {
                    rows = in.readInt();
                } catch (EOFException end) {
                    return null;
                }
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                return new EncodedBatch(bytes, rows);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read batches from " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
