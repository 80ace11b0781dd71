package dev.floe.formats;

/**
 * A piece of one file a split reads: a byte range, and for Parquet the row groups (null = all).
 *
 * <pre>{@code new FileRange("data/t.csv", 0, 64L << 20, null) // the first 64 MiB}</pre>
 */
public record FileRange(String path, long start, long length, int[] rowGroups) {
}
