package dev.floe.operators.source;

import java.util.List;

/**
 * A piece of one file: a byte range, for Parquet the row groups to read (null = all), and the
 * values of its hive partition directories (null = not partitioned; an element null = the null
 * partition).
 */
public record FilePayload(String path, long start, long length, int[] rowGroups, List<String> partitionValues)
        implements SplitPayload {

    public FilePayload(String path, long start, long length, int[] rowGroups) {
        this(path, start, length, rowGroups, null);
    }

    public FilePayload {
        partitionValues = partitionValues == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(partitionValues));
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(path);
        if (rowGroups != null) {
            sb.append(" row groups ").append(java.util.Arrays.toString(rowGroups));
        } else if (start > 0) {
            sb.append(" bytes ").append(start).append('+').append(length);
        }
        return sb.toString();
    }
}
