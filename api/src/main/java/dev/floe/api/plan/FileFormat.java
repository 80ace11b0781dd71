package dev.floe.api.plan;

import dev.floe.api.CsvOptions;
import dev.floe.api.JsonOptions;
import dev.floe.api.ParquetWriteOptions;
import java.io.Serializable;
import java.util.Objects;

/**
 * The format of a file source and its read options, typed: each format is one record, and code
 * that acts per format goes through {@link Visitor}, which has no default method, so adding a
 * format is a compile error everywhere it must be handled. The module {@code formats} implements
 * each one ({@code FileFormatHandler.of(format)}).
 *
 * <pre>{@code FileFormat f = new FileFormat.Csv(CsvOptions.builder().delimiter('|').build());}</pre>
 */
public sealed interface FileFormat extends Serializable {

    /** {@code parquet}, {@code csv} or {@code json}: plan text, split ids, file extensions. */
    String name();

    <R> R accept(Visitor<R> visitor);

    /** One method per format, no defaults. */
    interface Visitor<R> {
        R parquet(Parquet format);

        R csv(Csv format);

        R json(Json format);
    }

    /**
     * Parquet files: the schema is read from the footers, row groups are pruned by their statistics;
     * files are written with {@code write} (null = the defaults; reads ignore it).
     */
    record Parquet(ParquetWriteOptions write) implements FileFormat {
        public Parquet {
            write = Objects.requireNonNullElse(write, ParquetWriteOptions.defaults());
        }

        /** Parquet with the default write options. */
        public Parquet() {
            this(null);
        }

        @Override
        public String name() {
            return "parquet";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.parquet(this);
        }
    }

    /** CSV files read and written with {@code options} (null = the defaults). */
    record Csv(CsvOptions options) implements FileFormat {
        public Csv {
            options = Objects.requireNonNullElse(options, CsvOptions.defaults());
        }

        @Override
        public String name() {
            return "csv";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.csv(this);
        }
    }

    /** Newline-delimited JSON files read with {@code options} (null = the defaults). */
    record Json(JsonOptions options) implements FileFormat {
        public Json {
            options = Objects.requireNonNullElse(options, JsonOptions.defaults());
        }

        @Override
        public String name() {
            return "json";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.json(this);
        }
    }
}
