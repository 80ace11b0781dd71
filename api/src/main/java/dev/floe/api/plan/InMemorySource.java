package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import java.util.List;
import java.util.Objects;

/**
 * Batches held by the client (fromColumns, fromArrow, collect), already split into partitions;
 * each partition becomes one source split.
 *
 * @param name a label for plans, e.g. {@code fromColumns}
 */
public record InMemorySource(String name, Schema schema, List<List<EncodedBatch>> partitions) implements ScanSource {
    public InMemorySource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        partitions = partitions.stream().map(List::copyOf).toList();
    }

    public long numRows() {
        long n = 0;
        for (List<EncodedBatch> p : partitions) {
            for (EncodedBatch b : p) {
                n += b.numRows();
            }
        }
        return n;
    }

    @Override
    public String describe() {
        return name + " (" + numRows() + " rows, " + partitions.size() + " partitions)";
    }

    @Override
    public long estimatedBytes() {
        long n = 0;
        for (List<EncodedBatch> p : partitions) {
            for (EncodedBatch b : p) {
                n += b.sizeInBytes();
            }
        }
        return n;
    }

    // EncodedBatch holds a byte[]; value equality on sources is by identity of the data.
    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public <R> R accept(ScanSource.Visitor<R> visitor) {
        return visitor.visitInMemory(this);
    }
}
