package dev.floe.arrow.io;

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
     */
    public record RowGroupSelection(int total, int[] kept) {
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
            for (int g = 0; g < groups.size(); g++) {
                if (predicate == null || StatsPruning.mightMatch(predicate, schema,
                        rowGroupStats(groups.get(g), schema, constants))) {
                    kept[n++] = g;
                }
            }
            return new RowGroupSelection(groups.size(), java.util.Arrays.copyOf(kept, n));
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

    static DataType toType(Type t, String path) {
        if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalArgumentException("Column '" + t.getName() + "' of " + path
                    + " is nested (lists and structs in Parquet are not supported yet)");
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
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

    /** Reads the given row groups of a file (null = all) as batches of the read columns. */
    public static BatchReader read(String path, Schema schema, List<String> readColumns, int[] rowGroups,
            int batchRows, BufferAllocator allocator, ScanMetrics metrics) {
        try {
            return new ParquetBatchReader(path, schema, readColumns, rowGroups, batchRows, allocator, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

}
