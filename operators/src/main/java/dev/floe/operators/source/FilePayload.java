package dev.floe.operators.source;

/**
 * A piece of one file: a byte range, and for Parquet the row groups to read (null = all).
 */
public record FilePayload(String path, long start, long length, int[] rowGroups) implements SplitPayload {
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
