package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Files of one format, resolved from the user's paths when the DataFrame was built.
 *
 * @param format  {@code parquet}, {@code csv} or {@code json}
 * @param patterns the paths as the user gave them (for plan text)
 * @param files   the files found, in order
 * @param sizes   their sizes in bytes, parallel to {@code files}
 * @param options format options (e.g. CsvOptions), or null
 * @param partitions hive partition directories: columns at the end of {@code schema} whose value
 *                   is constant per file (see {@link HivePartitions})
 */
public record FileSource(String format, List<String> patterns, List<String> files, List<Long> sizes, Schema schema,
        Serializable options, HivePartitions partitions) implements ScanSource {

    /** Files without partition columns. */
    public FileSource(String format, List<String> patterns, List<String> files, List<Long> sizes, Schema schema,
            Serializable options) {
        this(format, patterns, files, sizes, schema, options, HivePartitions.none());
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
        return format + " " + String.join(", ", patterns) + " (" + files.size() + (files.size() == 1 ? " file" : " files")
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
}
