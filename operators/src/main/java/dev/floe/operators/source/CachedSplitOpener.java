package dev.floe.operators.source;

import dev.floe.api.types.Schema;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.BatchFile;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;

/** Reads a cached partition's file batch by batch and keeps only the read columns. */
public record CachedSplitOpener(Schema sourceSchema, List<String> readColumns) implements SplitOpener {
    public CachedSplitOpener {
        readColumns = List.copyOf(readColumns);
    }

    @Override
    public BatchIterator open(SplitPayload payload, BufferAllocator allocator) {
        BatchFile.Reader reader;
        try {
            reader = BatchFile.reader(Path.of(((CachedPayload) payload).path()));
        } catch (java.io.UncheckedIOException e) {
            throw new java.io.UncheckedIOException(e.getMessage() + " (a cache's files live until unpersist() or the "
                    + "session's close, on the client's disk: TaskManagers on another host cannot read them)",
                    e.getCause());
        }
        Schema readSchema = sourceSchema.select(readColumns);
        int[] indexes = readColumns.stream().mapToInt(sourceSchema::indexOf).toArray();
        boolean all = readSchema.equals(sourceSchema);
        return new BatchIterator() {
            private EncodedBatch next = reader.next();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public RecordBatch next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                RecordBatch full = BatchCodec.decode(next, sourceSchema, allocator);
                next = reader.next();
                return all ? full : MemorySplitOpener.keepColumns(full, indexes, readSchema);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }
}
