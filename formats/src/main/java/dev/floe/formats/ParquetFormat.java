package dev.floe.formats;

import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files through parquet-java's column API: schemas from footers, one split per row
 * group, and decoding of the projected columns only, straight into Arrow vectors.
 */
public final class ParquetFormat {
    private ParquetFormat() {
    }

    static ParquetFileReader openReader(String path) throws IOException {
        return openReader(path, null);
    }

    /** @param metrics counts the bytes read, or null */
    static ParquetFileReader openReader(String path, ScanMetrics metrics) throws IOException {
        // parquet's own configuration and codecs: Hadoop's would need its XML parser and shaded Guava
        return ParquetFileReader.open(FlinkInputFile.of(path, metrics),
                ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration())
                        .withCodecFactory(ParquetCodecs.INSTANCE).build());
    }

    /** The schema of the first file; every other file must have the same columns and types. */
    public static Schema readSchema(List<FileEntry> files) {
        Schema first = null;
        String firstPath = null;
        for (FileEntry f : files) {
            Schema s = fileSchema(f.path());
            if (first == null) {
                first = s;
                firstPath = f.path();
            } else if (!s.equals(first)) {
                throw new IllegalArgumentException(incompatible(firstPath, first, f.path(), s));
            }
        }
        return first;
    }

    private static String incompatible(String aPath, Schema a, String bPath, Schema b) {
        for (Field f : a.fields()) {
            Field other = b.find(f.name()).orElse(null);
            if (other == null) {
                return "Parquet files have different columns: '" + f.name() + "' is in " + aPath + " but not in " + bPath;
            }
            if (!other.type().equals(f.type())) {
                return "Parquet files disagree on column '" + f.name() + "': " + f.type() + " in " + aPath + ", "
                        + other.type() + " in " + bPath;
            }
        }
        return "Parquet files have different columns: " + a.names() + " in " + aPath + ", " + b.names() + " in " + bPath;
    }

    public static Schema fileSchema(String path) {
        try (ParquetFileReader reader = openReader(path)) {
            return toSchema(reader.getFooter().getFileMetaData().getSchema(), path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().contains(path)) {
                throw e;
            }
            throw new IllegalArgumentException("Cannot read " + path + " as Parquet: " + e.getMessage(), e);
        }
    }

    /** One split per row group: each element lists the row-group indexes of one split. */
    public static List<int[]> rowGroupSplits(String path) {
        try (ParquetFileReader reader = openReader(path)) {
            int n = reader.getRowGroups().size();
            List<int[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new int[] {i});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The row groups of a file that statistics cannot rule out.
     *
     * @param total the number of row groups in the file
     * @param kept  indexes of the row groups to read, ascending
     * @param keptRows rows in the kept row groups, from the footer
     */
    public record RowGroupSelection(int total, int[] kept, long keptRows) {
        public int skipped() {
            return total - kept.length;
        }
    }

    /**
     * Reads a file's footer and keeps the row groups whose min/max/null-count statistics might
     * hold a row matching {@code predicate} (null = keep all).
     *
     * @param schema    the source schema (file columns plus any partition columns)
     * @param constants normalized values of columns that are constant in this file (hive
     *                  partition columns; a null value = all null), checked like statistics
     */
    public static RowGroupSelection selectRowGroups(String path, Schema schema, StatsPredicate predicate,
            java.util.Map<String, Object> constants) {
        try (ParquetFileReader reader = openReader(path)) {
            List<org.apache.parquet.hadoop.metadata.BlockMetaData> groups = reader.getRowGroups();
            int[] kept = new int[groups.size()];
            int n = 0;
            long rows = 0;
            for (int g = 0; g < groups.size(); g++) {
                if (predicate == null || StatsPruning.mightMatch(predicate, schema,
                        rowGroupStats(groups.get(g), schema, constants))) {
                    kept[n++] = g;
                    rows += groups.get(g).getRowCount();
                }
            }
            return new RowGroupSelection(groups.size(), java.util.Arrays.copyOf(kept, n), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot read " + path + " as Parquet: " + e.getMessage(), e);
        }
    }

    private static java.util.function.Function<String, StatsPruning.ColumnStats> rowGroupStats(
            org.apache.parquet.hadoop.metadata.BlockMetaData group, Schema schema, java.util.Map<String, Object> constants) {
        long rows = group.getRowCount();
        return column -> {
            if (constants != null && constants.containsKey(column)) {
                return StatsPruning.ColumnStats.constant(constants.get(column), rows);
            }
            for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk : group.getColumns()) {
                String[] p = chunk.getPath().toArray();
                if (p.length == 1 && p[0].equals(column)) {
                    DataType type = schema.find(column).map(Field::type).orElse(null);
                    return type == null ? null
                            : StatsPruning.fromParquet(chunk.getStatistics(), rows, type, chunk.getPrimitiveType());
                }
            }
            return null;
        };
    }

    static Schema toSchema(MessageType message, String path) {
        List<Field> fields = new ArrayList<>();
        for (Type t : message.getFields()) {
            fields.add(new Field(t.getName(), toType(t, path)));
        }
        return new Schema(fields);
    }

    /**
     * The Floe type of a Parquet field: a primitive by its logical type, a LIST-annotated group
     * (three-level, or one of the legacy two-level forms) as a list, any other group as a struct,
     * and a repeated field outside a LIST as a list of its values.
     */
    static DataType toType(Type t, String path) {
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            return DataType.list(valueType(t, path));
        }
        return valueType(t, path);
    }

    /** The type of a field's values, ignoring whether it is repeated. */
    private static DataType valueType(Type t, String path) {
        if (t.isPrimitive()) {
            return primitiveType(t, path);
        }
        GroupType g = t.asGroupType();
        LogicalTypeAnnotation logical = g.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            Type element = listElement(g, path);
            return DataType.list(element == g.getType(0) ? valueType(element, path) : toType(element, path));
        }
        if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            GroupType entries = mapEntries(g, path);
            return DataType.map(valueType(entries.getType(0), path), valueType(entries.getType(1), path));
        }
        if (g.getFieldCount() == 0) {
            throw new IllegalArgumentException("Column '" + t.getName() + "' of " + path + " is an empty group");
        }
        List<Field> fields = new ArrayList<>();
        for (Type child : g.getFields()) {
            fields.add(new Field(child.getName(), toType(child, path)));
        }
        return new DataType.Struct(fields);
    }

    /**
     * The repeated key-value group of a MAP-annotated group (parquet-format's LogicalTypes.md:
     * one repeated group of a required key and an optional value, whatever their names).
     */
    static GroupType mapEntries(GroupType map, String path) {
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive()
                || !map.getType(0).isRepetition(Type.Repetition.REPEATED)
                || map.getType(0).asGroupType().getFieldCount() != 2) {
            throw new IllegalArgumentException("Column '" + map.getName() + "' of " + path + " is annotated MAP but"
                    + " does not hold one repeated group of a key and a value; rewrite the file with a standard MAP");
        }
        return map.getType(0).asGroupType();
    }

    /**
     * The element field of a LIST-annotated group, by the backward-compatibility rules of
     * parquet-format's LogicalTypes.md: the repeated field itself when it is a primitive, a group
     * of several fields, or a group named {@code array} or {@code <list>_tuple} (two-level
     * lists); otherwise the repeated group's only field (three-level lists).
     */
    static Type listElement(GroupType list, String path) {
        if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalArgumentException("Column '" + list.getName() + "' of " + path
                    + " is annotated LIST but does not hold exactly one repeated field");
        }
        Type repeated = list.getType(0);
        if (repeated.isPrimitive()) {
            return repeated;
        }
        GroupType g = repeated.asGroupType();
        if (g.getFieldCount() != 1 || g.getName().equals("array") || g.getName().equals(list.getName() + "_tuple")) {
            return repeated;
        }
        return g.getType(0);
    }

    private static DataType primitiveType(Type t, String path) {
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        refuseUnmapped(t, logical, path);
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return DataType.bool();
            case INT32:
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return DataType.date();
                }
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return DataType.decimal(d.getPrecision(), d.getScale());
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
                    return switch (i.getBitWidth()) {
                        case 8 -> i.isSigned() ? DataType.int8() : DataType.uint8();
                        case 16 -> i.isSigned() ? DataType.int16() : DataType.uint16();
                        default -> i.isSigned() ? DataType.int32() : DataType.uint32();
                    };
                }
                return DataType.int32();
            case INT64:
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return DataType.decimal(d.getPrecision(), d.getScale());
                }
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    TimeUnit unit = switch (ts.getUnit()) {
                        case MILLIS -> TimeUnit.MILLISECOND;
                        case MICROS -> TimeUnit.MICROSECOND;
                        case NANOS -> TimeUnit.NANOSECOND;
                    };
                    return DataType.timestamp(unit, ts.isAdjustedToUTC() ? "UTC" : null);
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return DataType.uint64();
                }
                return DataType.int64();
            case FLOAT:
                return DataType.float32();
            case DOUBLE:
                return DataType.float64();
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return DataType.decimal(d.getPrecision(), d.getScale());
                }
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return DataType.string();
                }
                return DataType.binary();
            default:
                throw new IllegalArgumentException("Column '" + t.getName() + "' of " + path + " has Parquet type "
                        + p.getPrimitiveTypeName() + ", which is not supported (write timestamps as INT64)");
        }
    }

    /**
     * TIME and INTERVAL columns have no Floe type yet: reading them as their storage (int64 counts,
     * 12 raw bytes) would give numbers that look right and mean something else, so they are
     * refused naming the file, the column and what to do (Spark refuses them the same way).
     */
    private static void refuseUnmapped(Type t, LogicalTypeAnnotation logical, String path) {
        String what = null;
        if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
            what = "TIME(" + time.getUnit() + ") (a time of day)";
        } else if (logical instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation) {
            what = "INTERVAL (months, days, milliseconds)";
        }
        if (what != null) {
            throw new IllegalArgumentException("Column '" + t.getName() + "' of " + path + " has Parquet type " + what
                    + ", which Floe has no type for; write it as a string or an integer count instead (DuckDB: "
                    + "CAST(" + t.getName() + " AS VARCHAR)), or read a copy of the file without that column");
        }
    }

    /** Reads the given row groups of a file (null = all) as batches of the read columns. */
    public static BatchReader read(String path, Schema schema, List<String> readColumns, int[] rowGroups,
            int batchRows, BufferAllocator allocator, ScanMetrics metrics) {
        try {
            return new ParquetBatchReader(path, schema, readColumns, rowGroups, batchRows, allocator, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The Parquet {@link FileFormatHandler}: footers for the schema, row groups for splits and
     * pruning; files written with {@code write}.
     */
    record Handler(ParquetWriteOptions write) implements FileFormatHandler {
        @Override
        public Schema inferSchema(List<FileEntry> files) {
            return readSchema(files);
        }

        @Override
        public RowGroupSelection selectRowGroups(String path, Schema schema, StatsPredicate predicate,
                java.util.Map<String, Object> constants) {
            return ParquetFormat.selectRowGroups(path, schema, predicate, constants);
        }

        @Override
        public List<FileRange> planSplits(String path, long size, int[] rowGroups, long splitSize) {
            return List.of(new FileRange(path, 0, size, rowGroups));
        }

        @Override
        public BatchReader open(FileRange range, Schema fileSchema, List<String> readColumns, int batchRows,
                BufferAllocator allocator, ScanMetrics metrics) {
            return read(range.path(), fileSchema, readColumns, range.rowGroups(), batchRows, allocator, metrics);
        }

        @Override
        public BatchWriter createWriter(String path, Schema schema) {
            return new ParquetBatchWriter(path, schema, write);
        }
    }
}
