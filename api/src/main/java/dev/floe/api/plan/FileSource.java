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
 */
public record FileSource(String format, List<String> patterns, List<String> files, List<Long> sizes, Schema schema,
        Serializable options) implements ScanSource {
    public FileSource {
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
        return format + " " + String.join(", ", patterns) + " (" + files.size() + (files.size() == 1 ? " file)" : " files)");
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
