package dev.floe.api.plan;

import dev.floe.api.CsvOptions;
import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.PlanException;
import dev.floe.api.WriteMode;
import dev.floe.api.expr.Names;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the input as files under {@code dir} (hive-style {@code key=value} directories for the
 * partition columns, which the data files then leave out). Output: one row per file written,
 * {@code path: string} then the partition columns.
 *
 * <pre>{@code Write.of(plan, Format.PARQUET, "out/t", WriteMode.OVERWRITE, List.of("day"), null,
 *         ParquetWriteOptions.builder().compression("zstd").build())}</pre>
 *
 * @param csv     options for CSV files (null for other formats)
 * @param parquet options for Parquet files (the defaults when the format is Parquet and none are given;
 *                null for other formats)
 */
public record Write(LogicalPlan input, Format format, String dir, WriteMode mode, List<String> partitionColumns,
        CsvOptions csv, ParquetWriteOptions parquet, Schema schema) implements LogicalPlan {

    /** File formats Floe writes. */
    public enum Format {
        PARQUET("parquet"), CSV("csv"), JSON("json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** This format with its options as a {@link FileFormat} (null options = the defaults). */
        public FileFormat with(CsvOptions csv, ParquetWriteOptions parquet) {
            return switch (this) {
                case PARQUET -> new FileFormat.Parquet(parquet);
                case CSV -> new FileFormat.Csv(csv);
                case JSON -> new FileFormat.Json(null);
            };
        }
    }

    public Write {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(mode, "mode");
        partitionColumns = List.copyOf(partitionColumns);
        if (format == Format.PARQUET && parquet == null) {
            parquet = ParquetWriteOptions.defaults();
        }
        if (parquet != null && format != Format.PARQUET) {
            throw new IllegalArgumentException("Parquet options given for a " + format.extension() + " write");
        }
    }

    /** A write without Parquet options (CSV, JSON, or Parquet with the defaults). */
    public Write(LogicalPlan input, Format format, String dir, WriteMode mode, List<String> partitionColumns,
            CsvOptions csv, Schema schema) {
        this(input, format, dir, mode, partitionColumns, csv, null, schema);
    }

    public static Write of(LogicalPlan input, Format format, String dir, WriteMode mode, List<String> partitionColumns,
            CsvOptions csv) {
        return of(input, format, dir, mode, partitionColumns, csv, null);
    }

    /** Validates the partition columns and the directory; {@code parquet} may be null for the defaults. */
    public static Write of(LogicalPlan input, Format format, String dir, WriteMode mode, List<String> partitionColumns,
            CsvOptions csv, ParquetWriteOptions parquet) {
        Schema in = input.schema();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("path", DataType.string()));
        for (String p : partitionColumns) {
            if (!in.contains(p)) {
                throw new PlanException(Names.unknownColumn(p, in.names()));
            }
            DataType t = in.find(p).orElseThrow().type();
            if (t.isNested() || t.isFloating()) {
                throw new PlanException("Cannot partition files by '" + p + "' of type " + t
                        + ": use a string, integer, boolean, date or decimal column");
            }
            fields.add(new Field(p, t));
        }
        if (partitionColumns.size() == in.size()) {
            throw new PlanException("Every column is a partition column: the data files would have no columns");
        }
        if (dir.isBlank()) {
            throw new PlanException("The output directory is empty");
        }
        return new Write(input, format, dir, mode, partitionColumns, csv, parquet, new Schema(fields));
    }

    /** The format of the files written, with its options. */
    public FileFormat fileFormat() {
        return format.with(csv, parquet);
    }

    /** The columns that go into the data files (all but the partition columns). */
    public Schema dataSchema() {
        List<Field> out = new ArrayList<>();
        for (Field f : input.schema().fields()) {
            if (!partitionColumns.contains(f.name())) {
                out.add(f);
            }
        }
        return new Schema(out);
    }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Write(children.get(0), format, dir, mode, partitionColumns, csv, parquet, schema);
    }

    @Override
    public String describe() {
        String options = parquet == null ? "" : parquet.describeNonDefaults();
        return "Write: " + format.extension() + " " + dir + " (" + mode.name().toLowerCase(java.util.Locale.ROOT)
                + (partitionColumns.isEmpty() ? "" : ", partitioned by " + String.join(", ", partitionColumns))
                + (options.isEmpty() ? "" : ", " + options) + ")";
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitWrite(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    /** Every input column goes into the files or their directory names, whatever is read of the result. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        return List.of(new LinkedHashSet<>(input.schema().names()));
    }

    /** One small row per file written: at most the input's size. */
    @Override public long estimateBytes(List<Long> inputBytes) { return inputBytes.get(0); }
}
