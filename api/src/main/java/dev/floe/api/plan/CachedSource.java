package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * The kept result of {@code DataFrame.cache()}: one local file of encoded Arrow batches per
 * partition ({@code dev.floe.arrow.BatchFile}), each file one source split.
 *
 * @param files absolute paths, one per non-empty partition
 */
public record CachedSource(String name, Schema schema, List<String> files, long rows, long bytes) implements ScanSource {
    public CachedSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        files = List.copyOf(files);
    }

    @Override
    public String describe() {
        return name + " (" + rows + " rows, " + files.size() + " files)";
    }

    @Override
    public long estimatedBytes() {
        return bytes;
    }

    @Override
    public <R> R accept(ScanSource.Visitor<R> visitor) {
        return visitor.visitCached(this);
    }
}
