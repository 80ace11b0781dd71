package dev.floe.api;

import dev.floe.api.types.DataType;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How newline-delimited JSON files are read: type hints, how many records inference samples, and
 * what a malformed line or a value of the wrong type does ({@link #mode()}).
 *
 * <pre>{@code JsonOptions.builder().schemaHints(Map.of("price", DataType.decimal(12, 2))).inferRows(5000).build()}</pre>
 */
public final class JsonOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, DataType> schemaHints;
    private final int inferRows;
    private final ParseMode mode;
    private final int maxLineBytes;
    private final int maximumDepth;

    private JsonOptions(Builder b) {
        this.schemaHints = Map.copyOf(b.schemaHints);
        this.inferRows = b.inferRows;
        this.mode = b.mode;
        this.maxLineBytes = b.maxLineBytes;
        this.maximumDepth = b.maximumDepth;
    }

    /** No hints; types inferred from the first 1000 records. */
    public static JsonOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Types for top-level keys; a hinted key that no sampled record has is still a column. */
    public Map<String, DataType> schemaHints() { return schemaHints; }

    public int inferRows() { return inferRows; }

    /**
     * FAILFAST (default) or PERMISSIVE: in PERMISSIVE a value of the wrong type becomes null and a
     * line that is not valid JSON becomes a row of nulls (for newline-delimited files; a file holding
     * one top-level array is parsed as a whole and fails on invalid JSON).
     */
    public ParseMode mode() { return mode; }

    /**
     * The longest line PERMISSIVE reading accepts, in bytes (default 64 MiB, as
     * {@link CsvOptions#maxLineBytes()}): a longer one fails naming the file, line and byte offset
     * instead of growing a buffer until memory runs out. FAILFAST parsing streams and is bounded
     * by the JSON parser's own limits on one value.
     */
    public int maxLineBytes() { return maxLineBytes; }

    /**
     * How deep inference turns objects into structs and arrays into lists, as DuckDB's
     * {@code read_json(maximum_depth)}: -1 (default) at every depth; a record is at depth 1, so
     * {@code 1} reads every top-level object and array as a string of its JSON text (Floe's
     * behaviour before nested inference) and {@code 2} infers structs and lists one level deep,
     * holding deeper objects and arrays as JSON text.
     */
    public int maximumDepth() { return maximumDepth; }

    @Override
    public String toString() {
        return "JsonOptions(inferRows=" + inferRows + ", hints=" + schemaHints.keySet()
                + (mode != ParseMode.FAILFAST ? ", mode=" + mode : "")
                + (maximumDepth >= 0 ? ", maximumDepth=" + maximumDepth : "") + ")";
    }

    /** Builder for {@link JsonOptions}. */
    public static final class Builder {
        private Map<String, DataType> schemaHints = new LinkedHashMap<>();
        private int inferRows = 1000;
        private ParseMode mode = ParseMode.FAILFAST;
        private int maxLineBytes = CsvOptions.DEFAULT_MAX_LINE_BYTES;
        private int maximumDepth = -1;

        private Builder() {
        }

        public Builder schemaHints(Map<String, DataType> hints) { this.schemaHints = new LinkedHashMap<>(hints); return this; }

        public Builder inferRows(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("inferRows must be >= 1, got " + n);
            }
            this.inferRows = n;
            return this;
        }

        /** See {@link ParseMode}. */
        public Builder mode(ParseMode m) { this.mode = java.util.Objects.requireNonNull(m, "mode"); return this; }

        /** See {@link JsonOptions#maxLineBytes()}. */
        public Builder maxLineBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("JsonOptions maxLineBytes must be >= 1, got " + bytes);
            }
            this.maxLineBytes = bytes;
            return this;
        }

        /** See {@link JsonOptions#maximumDepth()}: -1 (every depth) or at least 1. */
        public Builder maximumDepth(int depth) {
            if (depth < -1 || depth == 0) {
                throw new IllegalArgumentException("JsonOptions maximumDepth must be -1 (every depth) or >= 1, got "
                        + depth + "; 1 reads nested objects and arrays as JSON text");
            }
            this.maximumDepth = depth;
            return this;
        }

        public JsonOptions build() {
            return new JsonOptions(this);
        }
    }
}
