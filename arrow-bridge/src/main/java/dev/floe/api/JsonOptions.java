package dev.floe.api;

import dev.floe.api.types.DataType;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How newline-delimited JSON files are read: type hints and how many records inference samples.
 *
 * <pre>{@code JsonOptions.builder().schemaHints(Map.of("price", DataType.decimal(12, 2))).inferRows(5000).build()}</pre>
 */
public final class JsonOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, DataType> schemaHints;
    private final int inferRows;

    private JsonOptions(Builder b) {
        this.schemaHints = Map.copyOf(b.schemaHints);
        this.inferRows = b.inferRows;
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

    @Override
    public String toString() {
        return "JsonOptions(inferRows=" + inferRows + ", hints=" + schemaHints.keySet() + ")";
    }

    /** Builder for {@link JsonOptions}. */
    public static final class Builder {
        private Map<String, DataType> schemaHints = new LinkedHashMap<>();
        private int inferRows = 1000;

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

        public JsonOptions build() {
            return new JsonOptions(this);
        }
    }
}
