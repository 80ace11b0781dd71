package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Files of one format, resolved from the user's paths when the DataFrame was built.
 *
 * @param format  the format and its read options
 * @param patterns the paths as the user gave them (for plan text)
 * @param files   the files found, in order
 * @param sizes   their sizes in bytes, parallel to {@code files}
 * @param partitions hive partition directories: columns at the end of {@code schema} whose value
 *                   is constant per file (see {@link HivePartitions})
 */
public record FileSource(FileFormat format, List<String> patterns, List<String> files, List<Long> sizes, Schema schema,
        HivePartitions partitions) implements ScanSource {

    /** Files without partition columns. */
    public FileSource(FileFormat format, List<String> patterns, List<String> files, List<Long> sizes, Schema schema) {
        this(format, patterns, files, sizes, schema, HivePartitions.none());
    }

    public FileSource {
        partitions = partitions == null ? HivePartitions.none() : partitions;
        if (!partitions.isEmpty() && partitions.values().size() != files.size()) {
            throw new IllegalArgumentException("partition values and files differ in length");
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(schema, "schema");
        patterns = List.copyOf(patterns);
        files = List.copyOf(files);
        sizes = List.copyOf(sizes);
        if (files.size() != sizes.size()) {
            throw new IllegalArgumentException("files and sizes differ in length");
        }
    }

    @Override
    public String describe() {
        return format.name() + " " + String.join(", ", patterns) + " (" + files.size() + (files.size() == 1 ? " file" : " files")
                + (partitions.isEmpty() ? "" : ", partitioned by " + String.join(", ", partitions.names())) + ")";
    }

    @Override
    public long estimatedBytes() {
        long n = 0;
        for (long s : sizes) {
            n += s;
        }
        return n;
    }

    @Override
    public <R> R accept(ScanSource.Visitor<R> visitor) {
        return visitor.visitFiles(this);
    }
}
