package dev.floe.api;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How Parquet files are written: the page codec, the row-group size and the page size.
 *
 * <pre>{@code ParquetWriteOptions.builder().compression("zstd").rowGroupSize(64L << 20).build()}</pre>
 */
public final class ParquetWriteOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Codecs Floe writes, all pure Java (no Hadoop native libraries). */
    public static final List<String> CODECS = List.of("snappy", "zstd", "gzip", "uncompressed");
    public static final String DEFAULT_COMPRESSION = "snappy";
    /** 128 MiB, parquet-java's default. */
    public static final long DEFAULT_ROW_GROUP_SIZE = 128L << 20;
    /** 1 MiB, parquet-java's default. */
    public static final int DEFAULT_PAGE_SIZE = 1 << 20;

    private static final ParquetWriteOptions DEFAULTS = builder().build();

    private final String compression;
    private final long rowGroupSize;
    private final int pageSize;

    private ParquetWriteOptions(Builder b) {
        this.compression = b.compression;
        this.rowGroupSize = b.rowGroupSize;
        this.pageSize = b.pageSize;
    }

    /** Snappy, 128 MiB row groups, 1 MiB pages. */
    public static ParquetWriteOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The codec's lower-case name, one of {@link #CODECS}. */
    public String compression() { return compression; }

    /** The target size in bytes of a row group (buffered in memory before it is flushed). */
    public long rowGroupSize() { return rowGroupSize; }

    /** The target size in bytes of a page. */
    public int pageSize() { return pageSize; }

    /**
     * The settings that differ from the defaults, as {@code explain()} prints them:
     * {@code "compression=zstd rowGroupSize=1048576"}, or {@code ""} when all are defaults.
     */
    public String describeNonDefaults() {
        StringBuilder sb = new StringBuilder();
        if (!compression.equals(DEFAULT_COMPRESSION)) {
            sb.append("compression=").append(compression);
        }
        if (rowGroupSize != DEFAULT_ROW_GROUP_SIZE) {
            sb.append(sb.isEmpty() ? "" : " ").append("rowGroupSize=").append(rowGroupSize);
        }
        if (pageSize != DEFAULT_PAGE_SIZE) {
            sb.append(sb.isEmpty() ? "" : " ").append("pageSize=").append(pageSize);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParquetWriteOptions p && p.compression.equals(compression)
                && p.rowGroupSize == rowGroupSize && p.pageSize == pageSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(compression, rowGroupSize, pageSize);
    }

    @Override
    public String toString() {
        return "ParquetWriteOptions(compression=" + compression + ", rowGroupSize=" + rowGroupSize + ", pageSize="
                + pageSize + ")";
    }

    /** Builder for {@link ParquetWriteOptions}; each setter rejects a bad value at once. */
    public static final class Builder {
        private String compression = DEFAULT_COMPRESSION;
        private long rowGroupSize = DEFAULT_ROW_GROUP_SIZE;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {
        }

        /** {@code "snappy"} (default), {@code "zstd"}, {@code "gzip"} or {@code "uncompressed"}, any case. */
        public Builder compression(String codec) {
            String c = codec == null ? null : codec.trim().toLowerCase(Locale.ROOT);
            if (c == null || !CODECS.contains(c)) {
                throw new IllegalArgumentException("Unknown Parquet compression '" + codec + "': use one of "
                        + String.join(", ", CODECS));
            }
            this.compression = c;
            return this;
        }

        /** Bytes per row group, at least 1; smaller row groups mean finer splits but larger footers. */
        public Builder rowGroupSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("Parquet row-group size must be a positive number of bytes, got "
                        + bytes);
            }
            this.rowGroupSize = bytes;
            return this;
        }

        /** Bytes per page, at least 1. */
        public Builder pageSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("Parquet page size must be a positive number of bytes, got "
                        + bytes);
            }
            this.pageSize = bytes;
            return this;
        }

        public ParquetWriteOptions build() {
            return new ParquetWriteOptions(this);
        }
    }
}
