package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/**
 * {@code CAST(x AS type)}, {@code x::type} and typed literals ({@code DATE '1995-01-01'}, which the
 * parser reads as a cast of a string): SQL type names to Floe types.
 */
final class Casts {
    private Casts() {
    }

    static Expression bind(CastExpression c, ExpressionBinder binder) {
        ColDataType t = c.getColDataType();
        Position at = Position.of(c.getLeftExpression());
        if (c.getLeftExpression() instanceof StringValue s) {
            Expression literal = Literals.typed(t.getDataType(), s.getValue(), at);
            if (literal != null) {
                return literal;
            }
        }
        DataType to = type(t.getDataType(), t.getArgumentsStringList(), at);
        Expression e = binder.bind(c.getLeftExpression());
        return "TRY_CAST".equalsIgnoreCase(c.keyword) ? e.tryCast(to) : e.cast(to);
    }

    /** A SQL type name (with its arguments, e.g. DECIMAL(15, 2)) as a Floe type. */
    static DataType type(String name, List<String> args, Position at) {
        String n = name.toUpperCase(Locale.ROOT).strip();
        switch (n) {
            case "BOOLEAN", "BOOL":
                return DataType.bool();
            case "TINYINT", "INT1":
                return DataType.int8();
            case "SMALLINT", "INT2":
                return DataType.int16();
            case "INT", "INTEGER", "INT4", "SIGNED":
                return DataType.int32();
            case "BIGINT", "INT8", "LONG":
                return DataType.int64();
            case "REAL", "FLOAT4", "FLOAT":
                return DataType.float32();
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT8":
                return DataType.float64();
            case "DECIMAL", "NUMERIC", "DEC":
                return decimal(args, at);
            case "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "TEXT", "STRING", "BPCHAR":
                return DataType.string();
            case "DATE":
                return DataType.date();
            case "TIMESTAMP", "DATETIME":
                return DataType.timestamp(TimeUnit.MICROSECOND, null);
            case "BLOB", "BYTEA", "BINARY", "VARBINARY":
                return DataType.binary();
            default:
                throw SqlErrors.invalid("unknown type '" + name + "'; use BOOLEAN, INTEGER, BIGINT, DOUBLE,"
                        + " DECIMAL(p, s), VARCHAR, DATE or TIMESTAMP", at);
        }
    }

    private static DataType decimal(List<String> args, Position at) {
        if (args == null || args.isEmpty()) {
            return DataType.decimal(18, 3);
        }
        try {
            int p = Integer.parseInt(args.get(0).strip());
            int s = args.size() > 1 ? Integer.parseInt(args.get(1).strip()) : 0;
            return DataType.decimal(p, s);
        } catch (NumberFormatException e) {
            throw SqlErrors.invalid("DECIMAL takes whole numbers, got " + args, at);
        }
    }
}
