package dev.floe.formats;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Decides from column statistics whether a row group (or a file, or a hive partition) can hold
 * a row that satisfies a {@link StatsPredicate}. The answer {@code false} is a proof: the whole
 * unit is skipped. Anything the statistics cannot decide (missing statistics, a type or literal
 * it does not understand) answers {@code true}.
 *
 * <p>Values are compared in one domain per column type: numbers, dates (epoch days), timestamps
 * (in the column's unit) and booleans as {@link BigDecimal}; strings and binaries as bytes in
 * unsigned order (UTF-8 order, as Floe and Parquet compare strings).
 *
 * <pre>{@code boolean read = StatsPruning.mightMatch(predicate, schema, column -> stats.get(column));}</pre>
 */
public final class StatsPruning {
    private StatsPruning() {
    }

    /**
     * What is known about one column in a unit of rows.
     *
     * @param min       smallest non-null value (normalized), null when unknown
     * @param max       largest non-null value (normalized), null when unknown
     * @param nullCount nulls in the unit, -1 when unknown
     * @param rowCount  rows in the unit
     */
    public record ColumnStats(Object min, Object max, long nullCount, long rowCount) {

        /** A column with the same value in every row (a hive partition column); null = all null. */
        public static ColumnStats constant(Object normalized, long rowCount) {
            return normalized == null ? new ColumnStats(null, null, rowCount, rowCount)
                    : new ColumnStats(normalized, normalized, 0, rowCount);
        }

        boolean allNull() {
            return nullCount >= 0 && nullCount == rowCount;
        }
    }

    /**
     * Whether a unit whose columns have these statistics might hold a matching row.
     *
     * @param stats statistics of a column, or null when nothing is known about it
     */
    public static boolean mightMatch(StatsPredicate p, Schema schema, Function<String, ColumnStats> stats) {
        return p.accept(new StatsPredicate.Visitor<>() {
            @Override
            public Boolean and(StatsPredicate.And and) {
                for (StatsPredicate c : and.children()) {
                    if (!mightMatch(c, schema, stats)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Boolean or(StatsPredicate.Or or) {
                for (StatsPredicate c : or.children()) {
                    if (mightMatch(c, schema, stats)) {
                        return true;
                    }
                }
                return or.children().isEmpty();
            }

            @Override
            public Boolean isNull(StatsPredicate.IsNull p) {
                ColumnStats s = known(p.column(), schema, stats);
                return s == null || s.rowCount() != 0 && s.nullCount() != 0;
            }

            @Override
            public Boolean notNull(StatsPredicate.NotNull p) {
                ColumnStats s = known(p.column(), schema, stats);
                return s == null || s.rowCount() != 0 && !s.allNull();
            }

            @Override
            public Boolean compare(StatsPredicate.Compare c) {
                ColumnStats s = known(c.column(), schema, stats);
                if (s == null) {
                    return true;
                }
                // a comparison with a null operand is never true
                if (s.rowCount() == 0 || s.allNull() || c.value() == null) {
                    return false;
                }
                Object v = normalize(c.value(), schema.find(c.column()).orElseThrow().type());
                return v == null || compareMightMatch(c.op(), v, s);
            }

            @Override
            public Boolean in(StatsPredicate.In in) {
                ColumnStats s = known(in.column(), schema, stats);
                if (s == null) {
                    return true;
                }
                if (s.rowCount() == 0 || s.allNull()) {
                    return false;
                }
                DataType type = schema.find(in.column()).orElseThrow().type();
                for (Object value : in.values()) {
                    if (value == null) {
                        continue;
                    }
                    Object v = normalize(value, type);
                    if (v == null || compareMightMatch(StatsPredicate.Op.EQ, v, s)) {
                        return true;
                    }
                }
                return false;
            }
        });
    }

    /** The statistics of a column of the schema, or null when it is not one or nothing is known. */
    private static ColumnStats known(String column, Schema schema, Function<String, ColumnStats> stats) {
        return schema.find(column).isPresent() ? stats.apply(column) : null;
    }

    /** Null bounds are open: a missing min is -infinity, a missing max +infinity. */
    private static boolean compareMightMatch(StatsPredicate.Op op, Object v, ColumnStats s) {
        Object min = s.min();
        Object max = s.max();
        return switch (op) {
            case EQ -> (min == null || compare(min, v) <= 0) && (max == null || compare(v, max) <= 0);
            case NE -> min == null || max == null || compare(min, max) != 0 || compare(min, v) != 0;
            case LT -> min == null || compare(min, v) < 0;
            case LE -> min == null || compare(min, v) <= 0;
            case GT -> max == null || compare(max, v) > 0;
            case GE -> max == null || compare(max, v) >= 0;
        };
    }

    private static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
    }

    /**
     * A literal in the comparison domain of a column type, or null when it cannot be compared
     * there exactly (then nothing is pruned).
     */
    public static Object normalize(Object value, DataType type) {
        switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64 -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return BigDecimal.valueOf(((Number) value).longValue());
                }
                if (value instanceof BigDecimal d) {
                    return d;
                }
                if (value instanceof Double || value instanceof Float) {
                    double d = ((Number) value).doubleValue();
                    return Double.isFinite(d) ? new BigDecimal(d) : null;
                }
                return null;
            }
            case DATE -> {
                return value instanceof LocalDate d ? BigDecimal.valueOf(d.toEpochDay()) : null;
            }
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) type;
                Instant instant;
                if (value instanceof LocalDateTime l && ts.zone() == null) {
                    instant = l.toInstant(ZoneOffset.UTC);
                } else if (value instanceof Instant i && ts.zone() != null) {
                    instant = i;
                } else {
                    return null;
                }
                BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond());
                BigDecimal nanos = BigDecimal.valueOf(instant.getNano());
                BigDecimal nanosTotal = seconds.multiply(BigDecimal.valueOf(1_000_000_000L)).add(nanos);
                long perUnit = switch (ts.unit()) {
                    case SECOND -> 1_000_000_000L;
                    case MILLISECOND -> 1_000_000L;
                    case MICROSECOND -> 1_000L;
                    case NANOSECOND -> 1L;
                };
                // exact fraction: a literal between two ticks compares correctly with both
                return nanosTotal.divide(BigDecimal.valueOf(perUnit));
            }
            case STRING -> {
                return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
            }
            case BINARY -> {
                return value instanceof byte[] b ? b : null;
            }
            case BOOL -> {
                return value instanceof Boolean b ? (b ? BigDecimal.ONE : BigDecimal.ZERO) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Statistics of one column chunk, in the comparison domain of its Floe type. */
    public static ColumnStats fromParquet(Statistics<?> s, long rowCount, DataType type, PrimitiveType physical) {
        if (s == null || s.isEmpty()) {
            return new ColumnStats(null, null, -1, rowCount);
        }
        long nulls = s.isNumNullsSet() ? s.getNumNulls() : -1;
        if (!s.hasNonNullValue()) {
            return new ColumnStats(null, null, nulls, rowCount);
        }
        Object min = fromParquetValue(s.genericGetMin(), type, physical);
        Object max = fromParquetValue(s.genericGetMax(), type, physical);
        if (type.isFloating()) {
            // statistics leave NaN out, and NaN sorts above every float in Floe
            max = null;
        }
        return new ColumnStats(min, max, nulls, rowCount);
    }

    private static Object fromParquetValue(Object v, DataType type, PrimitiveType physical) {
        switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DATE, TIMESTAMP -> {
                return v instanceof Integer || v instanceof Long ? BigDecimal.valueOf(((Number) v).longValue()) : null;
            }
            case DECIMAL -> {
                int scale = ((DataType.Decimal) type).scale();
                if (v instanceof Integer || v instanceof Long) {
                    return BigDecimal.valueOf(((Number) v).longValue(), scale);
                }
                if (v instanceof Binary b) {
                    byte[] bytes = b.getBytes();
                    return bytes.length == 0 ? null : new BigDecimal(new BigInteger(bytes), scale);
                }
                return null;
            }
            case FLOAT32, FLOAT64 -> {
                double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
                return Double.isFinite(d) ? new BigDecimal(d) : null;
            }
            case STRING, BINARY -> {
                return v instanceof Binary b ? b.getBytes() : null;
            }
            case BOOL -> {
                return v instanceof Boolean b ? (b ? BigDecimal.ONE : BigDecimal.ZERO) : null;
            }
            default -> {
                return null;
            }
        }
    }
}
