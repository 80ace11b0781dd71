package dev.floe.fuzz;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;

/**
 * The column types the fuzzer generates, each with its Floe type, its DuckDB type, random values
 * (small domains so that keys repeat and joins match) and its literal in Java and in SQL.
 */
enum FuzzType {
    BOOL(DataType.bool(), "BOOLEAN"),
    INT32(DataType.int32(), "INTEGER"),
    INT64(DataType.int64(), "BIGINT"),
    FLOAT64(DataType.float64(), "DOUBLE"),
    DECIMAL(DataType.decimal(15, 2), "DECIMAL(15,2)"),
    STRING(DataType.string(), "VARCHAR"),
    DATE(DataType.date(), "DATE"),
    TIMESTAMP(DataType.timestamp(TimeUnit.MICROSECOND, null), "TIMESTAMP");

    private static final String[] WORDS = {"", "a", "b", "ab", "abc", "B", "Ab", "a b", " a", "b ", "x_y", "50%",
        "é", "ÉCOLE", "naïve", "日本", "a'b", "zz", "hello world", "A", "ba", "aa"};

    final DataType floe;
    final String sql;

    FuzzType(DataType floe, String sql) {
        this.floe = floe;
        this.sql = sql;
    }

    boolean isNumeric() {
        return this == INT32 || this == INT64 || this == FLOAT64 || this == DECIMAL;
    }

    boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** A random non-null value; {@code domain} bounds how many distinct values appear (key skew). */
    Object value(Random r, int domain) {
        int k = r.nextInt(Math.max(1, domain));
        return switch (this) {
            case BOOL -> k % 2 == 0;
            case INT32 -> r.nextInt(20) == 0 ? (r.nextBoolean() ? 1_000_000 : -1_000_000) : k - domain / 3;
            case INT64 -> r.nextInt(20) == 0 ? 4_000_000_000L * (r.nextBoolean() ? 1 : -1) : (long) k * 7 - domain;
            case FLOAT64 -> {
                int special = r.nextInt(40);
                if (special == 0) {
                    yield Double.NaN;
                } else if (special == 1) {
                    yield r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                } else if (special == 2) {
                    yield 0.0;
                }
                yield (k - domain / 2) / 4.0 + (r.nextInt(3) == 0 ? 0.1 : 0.0);
            }
            case DECIMAL -> BigDecimal.valueOf((long) (k - domain / 2) * 137 % 100_000, 2);
            case STRING -> k < WORDS.length ? WORDS[k] : "s" + k;
            case DATE -> LocalDate.of(2023, 12, 25).plusDays(k * 3L - domain);
            case TIMESTAMP -> LocalDateTime.of(2024, 2, 28, 23, 0).plusMinutes(k * 97L - domain * 10L)
                    .plusNanos(r.nextInt(3) * 1000L);
        };
    }

    /** {@code lit(...)} argument for a value of this type, as Java source. */
    String javaLiteral(Object v) {
        if (v == null) {
            return "null";
        }
        return switch (this) {
            case BOOL -> v.toString();
            case INT32 -> v.toString();
            case INT64 -> v + "L";
            case FLOAT64 -> {
                double d = (Double) v;
                if (Double.isNaN(d)) {
                    yield "Double.NaN";
                } else if (Double.isInfinite(d)) {
                    yield d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
                }
                yield d + "d";
            }
            case DECIMAL -> "new BigDecimal(\"" + ((BigDecimal) v).toPlainString() + "\")";
            case STRING -> "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case DATE -> "LocalDate.parse(\"" + v + "\")";
            case TIMESTAMP -> "LocalDateTime.parse(\"" + v + "\")";
        };
    }

    /** A typed SQL literal for a value of this type (DuckDB). */
    String sqlLiteral(Object v) {
        if (v == null) {
            return "CAST(NULL AS " + sql + ")";
        }
        return switch (this) {
            case BOOL -> v.toString().toUpperCase(java.util.Locale.ROOT);
            case INT32, INT64, DECIMAL, FLOAT64 -> "CAST('" + (v instanceof BigDecimal b ? b.toPlainString() : v) + "' AS " + sql + ")";
            case STRING -> "'" + v.toString().replace("'", "''") + "'";
            case DATE -> "DATE '" + v + "'";
            case TIMESTAMP -> "TIMESTAMP '" + v.toString().replace('T', ' ') + "'";
        };
    }

    /** The fuzz type of a Floe type (every decimal is DECIMAL), or null for a type the fuzzer does not generate. */
    static FuzzType of(DataType t) {
        if (t instanceof DataType.Decimal) {
            return DECIMAL;
        }
        for (FuzzType f : values()) {
            if (f.floe.equals(t)) {
                return f;
            }
        }
        return null;
    }
}
