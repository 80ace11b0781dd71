package dev.floe.sql.functions;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL type names to Floe {@link DataType}s, for {@code CAST(x AS type)} and DDL, with the names
 * PostgreSQL and DuckDB accept:
 * <ul>
 *   <li>{@code BOOLEAN}/{@code BOOL} → bool; {@code TINYINT}/{@code INT1} → int8, {@code SMALLINT}/{@code INT2}
 *       → int16, {@code INTEGER}/{@code INT}/{@code INT4}/{@code SIGNED} → int32, {@code BIGINT}/{@code INT8}/{@code LONG}
 *       → int64, {@code HUGEINT} → decimal(38, 0), {@code UTINYINT} .. {@code UBIGINT} → uint8 .. uint64;</li>
 *   <li>{@code REAL}/{@code FLOAT4}/{@code FLOAT} → float32 (DuckDB's {@code FLOAT} is 4 bytes; PostgreSQL's
 *       is 8); {@code FLOAT8}/{@code DOUBLE [PRECISION]} → float64;</li>
 *   <li>{@code DECIMAL(p, s)}/{@code NUMERIC(p, s)}/{@code DEC}: decimal(p, s); {@code DECIMAL(p)} is scale 0;
 *       bare {@code DECIMAL} is DuckDB's decimal(18, 3);</li>
 *   <li>{@code VARCHAR(n)}, {@code CHAR(n)}, {@code CHARACTER [VARYING]}, {@code TEXT}, {@code STRING},
 *       {@code BPCHAR}, {@code NVARCHAR}: string (the length is not enforced and CHAR is not padded,
 *       as in DuckDB);</li>
 *   <li>{@code DATE} → date; {@code TIMESTAMP}/{@code DATETIME}/{@code TIMESTAMP WITHOUT TIME ZONE} →
 *       timestamp(us); {@code TIMESTAMPTZ}/{@code TIMESTAMP WITH TIME ZONE} → timestamp(us, UTC);
 *       {@code TIMESTAMP_S/_MS/_NS} → that unit; {@code INTERVAL} → interval;</li>
 *   <li>{@code BLOB}/{@code BYTEA}/{@code BINARY}/{@code VARBINARY} → binary.</li>
 * </ul>
 * Names are case-insensitive. An unknown name is a {@link PlanException} that suggests the closest one.
 */
public final class SqlTypes {
    private SqlTypes() {
    }

    /** The names this class knows (lower case, without arguments). */
    public static final List<String> NAMES = List.of("boolean", "bool", "tinyint", "int1", "smallint", "int2",
            "short", "integer", "int", "int4", "signed", "bigint", "int8", "long", "hugeint", "utinyint", "usmallint",
            "uinteger", "ubigint", "real", "float4", "float", "float8", "double", "double precision", "decimal",
            "numeric", "dec", "varchar", "char", "character", "character varying", "text", "string", "bpchar",
            "nvarchar", "nchar", "date", "timestamp", "datetime", "timestamp without time zone", "timestamptz",
            "timestamp with time zone", "timestamp_s", "timestamp_ms", "timestamp_us", "timestamp_ns", "interval",
            "blob", "bytea", "binary", "varbinary");

    /**
     * Parses a whole SQL type text such as {@code DECIMAL(7, 2)}, {@code varchar(20)} or
     * {@code double precision}; {@code position} (e.g. {@code "3:14"}, may be null) goes into errors.
     */
    public static DataType parse(String text, String position) {
        if (text == null || text.isBlank()) {
            throw new PlanException("Missing SQL type name" + at(position));
        }
        String t = text.trim();
        List<String> args = new ArrayList<>();
        int open = t.indexOf('(');
        String name = t;
        if (open >= 0) {
            int close = t.lastIndexOf(')');
            if (close < open) {
                throw new PlanException("Malformed SQL type '" + text + "'" + at(position) + ": unbalanced parentheses");
            }
            for (String a : t.substring(open + 1, close).split(",")) {
                if (!a.isBlank()) {
                    args.add(a.trim());
                }
            }
            name = (t.substring(0, open) + " " + t.substring(close + 1)).trim();
        }
        return of(name, args, position);
    }

    /**
     * The type named {@code name} (case-insensitive, words separated by blanks, e.g. {@code "double precision"})
     * with its arguments as written ({@code ["7", "2"]} for {@code DECIMAL(7, 2)}); JSqlParser's
     * {@code ColDataType} gives both ({@code getDataType()}, {@code getArgumentsStringList()}).
     */
    public static DataType of(String name, List<String> args, String position) {
        if (name.indexOf('(') >= 0 && (args == null || args.isEmpty())) {
            // JSqlParser keeps the arguments in the name for some spellings: "decimal (7, 2)"
            return parse(name, position);
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        List<String> a = args == null ? List.of() : args;
        String display = name.trim() + (a.isEmpty() ? "" : "(" + String.join(", ", a) + ")");
        DataType type = switch (n) {
            case "boolean", "bool", "logical" -> DataType.bool();
            case "tinyint", "int1" -> DataType.int8();
            case "smallint", "int2", "short" -> DataType.int16();
            case "integer", "int", "int4", "signed" -> DataType.int32();
            case "bigint", "int8", "long" -> DataType.int64();
            case "hugeint", "int128" -> DataType.decimal(38, 0);
            case "utinyint" -> DataType.uint8();
            case "usmallint" -> DataType.uint16();
            case "uinteger" -> DataType.uint32();
            case "ubigint" -> DataType.uint64();
            case "real", "float4", "float" -> DataType.float32();
            case "float8", "double", "double precision" -> DataType.float64();
            case "decimal", "numeric", "dec" -> decimal(a, display, position);
            case "varchar", "char", "character", "character varying", "char varying", "text", "string", "bpchar",
                    "nvarchar", "nchar", "clob" -> DataType.string();
            case "date" -> DataType.date();
            case "timestamp", "datetime", "timestamp without time zone", "timestamp_us" -> DataType.timestamp(
                    TimeUnit.MICROSECOND, null);
            case "timestamptz", "timestamp with time zone" -> DataType.timestamp(TimeUnit.MICROSECOND, "UTC");
            case "timestamp_s" -> DataType.timestamp(TimeUnit.SECOND, null);
            case "timestamp_ms" -> DataType.timestamp(TimeUnit.MILLISECOND, null);
            case "timestamp_ns" -> DataType.timestamp(TimeUnit.NANOSECOND, null);
            case "interval" -> DataType.interval();
            case "blob", "bytea", "binary", "varbinary" -> DataType.binary();
            default -> null;
        };
        if (type == null) {
            String closest = dev.floe.api.expr.Names.closest(n, NAMES);
            throw new PlanException("Unknown SQL type '" + display + "'" + at(position)
                    + (closest == null ? "" : "; did you mean '" + closest.toUpperCase(Locale.ROOT) + "'?")
                    + " Known types: INTEGER, BIGINT, SMALLINT, TINYINT, DECIMAL(p, s), REAL, DOUBLE, VARCHAR, "
                    + "DATE, TIMESTAMP, BOOLEAN, INTERVAL, BLOB");
        }
        if (type.kind() != DataType.Kind.DECIMAL && !a.isEmpty() && !lengthTakingType(n)) {
            throw new PlanException("SQL type " + name.trim().toUpperCase(Locale.ROOT) + " takes no arguments, got '"
                    + display + "'" + at(position));
        }
        return type;
    }

    private static boolean lengthTakingType(String n) {
        return switch (n) {
            case "varchar", "char", "character", "character varying", "char varying", "nvarchar", "nchar", "bpchar",
                    "string", "text", "binary", "varbinary", "timestamp", "timestamptz" -> true;
            default -> false;
        };
    }

    private static DataType decimal(List<String> args, String display, String position) {
        if (args.isEmpty()) {
            return DataType.decimal(18, 3);
        }
        if (args.size() > 2) {
            throw new PlanException("DECIMAL takes (precision) or (precision, scale), got '" + display + "'"
                    + at(position));
        }
        int p = integer(args.get(0), display, position);
        int s = args.size() == 2 ? integer(args.get(1), display, position) : 0;
        if (p < 1 || p > DataType.Decimal.MAX_PRECISION || s < 0 || s > p) {
            throw new PlanException("Invalid '" + display + "'" + at(position) + ": precision must be 1..38 and "
                    + "scale 0..precision");
        }
        return DataType.decimal(p, s);
    }

    private static int integer(String s, String display, String position) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new PlanException("Invalid '" + display + "'" + at(position) + ": '" + s + "' is not an integer");
        }
    }

    /**
     * {@code CAST(e AS to)} ({@code TRY_CAST} with {@code tryCast}: null where a value does not convert)
     * with DuckDB's conversions where they differ from Floe's {@code cast}: a decimal to an integer rounds
     * half away from zero, a float to an integer half to even (Floe's cast truncates both); a string
     * constant cast to a date, timestamp or number is converted at planning ({@code CAST('2000-03-11' AS DATE)}).
     * A float cast to VARCHAR prints as Java does ({@code 1.0E10} where DuckDB prints {@code 10000000000.0}).
     */
    public static dev.floe.api.Expression cast(dev.floe.api.Expression e, DataType to, boolean tryCast, String position,
            dev.floe.api.types.Schema input) {
        if (!tryCast && e.node() instanceof dev.floe.api.expr.Literal l && l.value() instanceof String) {
            dev.floe.api.Expression constant = SqlArithmetic.alignConstant(e, to, position);
            if (constant != e) {
                DataType t = constant.node().type(dev.floe.api.types.Schema.empty());
                return t.equals(to) ? constant : constant.cast(to);
            }
        }
        DataType from = input == null ? null : e.node().type(input);
        dev.floe.api.Expression in = e;
        if (from != null && to.isInteger()) {
            if (from instanceof DataType.Decimal d && d.scale() > 0) {
                // DuckDB rounds half away from zero; Floe's cast truncates. A decimal to scale 0 rounds that way.
                in = e.cast(DataType.decimal(Math.min(d.precision() - d.scale() + 1, DataType.Decimal.MAX_PRECISION), 0));
            } else if (from.isFloating()) {
                // DuckDB rounds floats half to even (nearbyint): 2.5 -> 2, 3.5 -> 4, -2.5 -> -2
                dev.floe.api.Expression half = dev.floe.api.Functions.lit(0.5);
                dev.floe.api.Expression two = dev.floe.api.Functions.lit(2);
                in = dev.floe.api.Functions.ifElse(e.sub(e.floor()).eq(half), e.div(two).round().mul(two), e.round());
            }
        }
        return tryCast ? in.tryCast(to) : in.cast(to);
    }

    /** The SQL spelling of a Floe type (DuckDB's names), for messages and DESCRIBE. */
    public static String sqlName(DataType t) {
        return switch (t.kind()) {
            case BOOL -> "BOOLEAN";
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case UINT8 -> "UTINYINT";
            case UINT16 -> "USMALLINT";
            case UINT32 -> "UINTEGER";
            case UINT64 -> "UBIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE";
            case DECIMAL -> "DECIMAL(" + ((DataType.Decimal) t).precision() + "," + ((DataType.Decimal) t).scale() + ")";
            case STRING -> "VARCHAR";
            case BINARY -> "BLOB";
            case DATE -> "DATE";
            case TIMESTAMP -> ((DataType.Timestamp) t).zone() == null ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE";
            case INTERVAL, DURATION -> "INTERVAL";
            case NULL -> "NULL";
            default -> t.toString().toUpperCase(Locale.ROOT);
        };
    }

    static String at(String position) {
        return position == null || position.isEmpty() ? "" : " at " + position;
    }
}
