package dev.floe.api.types;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A Floe column type. Each maps one-to-one to an Arrow type; types compare by value and print
 * in factory form ({@code decimal(15, 2)}, {@code timestamp(us, UTC)}, {@code list(string)}).
 *
 * <pre>{@code DataType t = DataType.decimal(15, 2); t.toString(); // "decimal(15, 2)"}</pre>
 */
public sealed interface DataType extends Serializable
        permits DataType.Simple, DataType.Decimal, DataType.Timestamp, DataType.Duration,
                DataType.ListOf, DataType.Struct, DataType.MapOf {

    /** The family a type belongs to; parameters live in the record. */
    enum Kind {
        BOOL, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FLOAT32, FLOAT64,
        DECIMAL, STRING, BINARY, DATE, TIMESTAMP, DURATION, LIST, STRUCT, INTERVAL, NULL, MAP
    }

    Kind kind();

    // ---- factories -------------------------------------------------------------------------

    static DataType bool() { return Simple.BOOL; }
    static DataType int8() { return Simple.INT8; }
    static DataType int16() { return Simple.INT16; }
    static DataType int32() { return Simple.INT32; }
    static DataType int64() { return Simple.INT64; }
    static DataType uint8() { return Simple.UINT8; }
    static DataType uint16() { return Simple.UINT16; }
    static DataType uint32() { return Simple.UINT32; }
    static DataType uint64() { return Simple.UINT64; }
    static DataType float32() { return Simple.FLOAT32; }
    static DataType float64() { return Simple.FLOAT64; }
    static DataType string() { return Simple.STRING; }
    static DataType binary() { return Simple.BINARY; }
    static DataType date() { return Simple.DATE; }
    static DataType interval() { return Simple.INTERVAL; }
    static DataType nullType() { return Simple.NULL; }

    static DataType decimal(int precision, int scale) { return new Decimal(precision, scale); }
    static DataType timestamp(TimeUnit unit, String zoneOrNull) { return new Timestamp(unit, zoneOrNull); }
    static DataType duration(TimeUnit unit) { return new Duration(unit); }
    static DataType list(DataType element) { return new ListOf(element); }
    static DataType struct(Field... fields) { return new Struct(List.of(fields)); }
    /** A map from keys to values (Arrow Map: a list of non-null key, nullable value entries). */
    static DataType map(DataType key, DataType value) { return new MapOf(key, value); }

    // ---- classification --------------------------------------------------------------------

    default boolean isInteger() {
        return switch (kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    default boolean isSignedInteger() {
        return switch (kind()) {
            case INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    default boolean isFloating() {
        return kind() == Kind.FLOAT32 || kind() == Kind.FLOAT64;
    }

    /** Integers, floats and decimals. */
    default boolean isNumeric() {
        return isInteger() || isFloating() || kind() == Kind.DECIMAL;
    }

    default boolean isTemporal() {
        return kind() == Kind.DATE || kind() == Kind.TIMESTAMP;
    }

    default boolean isNested() {
        return kind() == Kind.LIST || kind() == Kind.STRUCT || kind() == Kind.MAP;
    }

    /** Width in bits of a fixed-width integer or float type; 0 otherwise. */
    default int bitWidth() {
        return switch (kind()) {
            case INT8, UINT8 -> 8;
            case INT16, UINT16 -> 16;
            case INT32, UINT32, FLOAT32, DATE -> 32;
            case INT64, UINT64, FLOAT64, TIMESTAMP, DURATION -> 64;
            case DECIMAL -> 128;
            default -> 0;
        };
    }

    // ---- Arrow mapping ---------------------------------------------------------------------

    ArrowType toArrowType();

    default org.apache.arrow.vector.types.pojo.Field toArrowField(String name) {
        return new org.apache.arrow.vector.types.pojo.Field(
                name, FieldType.nullable(toArrowType()), null);
    }

    /**
     * The Floe type for an Arrow field. Readers widen LargeUtf8/Utf8View to string,
     * LargeBinary/BinaryView to binary, Date64 to date and LargeList to list. A dictionary-encoded
     * field is an error here: in memory, Arrow Java gives such a field its index type, and only its
     * {@code DictionaryProvider} knows the value type ({@code dev.floe.arrow.ArrowImport} reads both).
     */
    static DataType fromArrow(org.apache.arrow.vector.types.pojo.Field field) {
        if (field.getDictionary() != null) {
            throw new IllegalArgumentException("column '" + field.getName() + "' is dictionary-encoded (id "
                    + field.getDictionary().getId() + "); its value type is in the dictionary: decode it first "
                    + "(DictionaryEncoder.decode) or pass the ArrowReader it came from");
        }
        return fromArrowType(field.getType(), field);
    }

    private static DataType fromArrowType(ArrowType type, org.apache.arrow.vector.types.pojo.Field field) {
        switch (type.getTypeID()) {
            case Null: return nullType();
            case Bool: return bool();
            case Int: {
                ArrowType.Int i = (ArrowType.Int) type;
                return switch (i.getBitWidth()) {
                    case 8 -> i.getIsSigned() ? int8() : uint8();
                    case 16 -> i.getIsSigned() ? int16() : uint16();
                    case 32 -> i.getIsSigned() ? int32() : uint32();
                    case 64 -> i.getIsSigned() ? int64() : uint64();
                    default -> throw new IllegalArgumentException("Unsupported Arrow integer width: " + i);
                };
            }
            case FloatingPoint: {
                FloatingPointPrecision p = ((ArrowType.FloatingPoint) type).getPrecision();
                if (p == FloatingPointPrecision.DOUBLE) {
                    return float64();
                }
                if (p == FloatingPointPrecision.SINGLE) {
                    return float32();
                }
                throw new IllegalArgumentException("Unsupported Arrow float precision (half floats are not supported): " + type);
            }
            case Decimal: {
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                if (d.getPrecision() > 38) {
                    throw new IllegalArgumentException("Decimal precision above 38 is not supported: " + type);
                }
                return decimal(d.getPrecision(), d.getScale());
            }
            case Utf8: case LargeUtf8: case Utf8View: return string();
            case Binary: case LargeBinary: case BinaryView: case FixedSizeBinary: return binary();
            case Date: return date();
            case Timestamp: {
                ArrowType.Timestamp t = (ArrowType.Timestamp) type;
                return timestamp(TimeUnit.fromArrow(t.getUnit()), t.getTimezone());
            }
            case Duration: return duration(TimeUnit.fromArrow(((ArrowType.Duration) type).getUnit()));
            case Interval: return interval();
            case Map: {
                org.apache.arrow.vector.types.pojo.Field entries = field.getChildren().get(0);
                return map(fromArrow(entries.getChildren().get(0)), fromArrow(entries.getChildren().get(1)));
            }
            case List: case LargeList: case FixedSizeList: case ListView: case LargeListView:
                return list(fromArrow(field.getChildren().get(0)));
            case Struct: {
                List<Field> fields = new ArrayList<>();
                for (org.apache.arrow.vector.types.pojo.Field child : field.getChildren()) {
                    fields.add(Field.fromArrow(child));
                }
                return new Struct(fields);
            }
            default:
                throw new IllegalArgumentException("Unsupported Arrow type " + type + " for field '" + field.getName() + "'");
        }
    }

    // ---- records ---------------------------------------------------------------------------

    /** A type without parameters. Use the factories, e.g. {@link DataType#int64()}. */
    record Simple(Kind kind) implements DataType {
        static final Simple BOOL = new Simple(Kind.BOOL);
        static final Simple INT8 = new Simple(Kind.INT8);
        static final Simple INT16 = new Simple(Kind.INT16);
        static final Simple INT32 = new Simple(Kind.INT32);
        static final Simple INT64 = new Simple(Kind.INT64);
        static final Simple UINT8 = new Simple(Kind.UINT8);
        static final Simple UINT16 = new Simple(Kind.UINT16);
        static final Simple UINT32 = new Simple(Kind.UINT32);
        static final Simple UINT64 = new Simple(Kind.UINT64);
        static final Simple FLOAT32 = new Simple(Kind.FLOAT32);
        static final Simple FLOAT64 = new Simple(Kind.FLOAT64);
        static final Simple STRING = new Simple(Kind.STRING);
        static final Simple BINARY = new Simple(Kind.BINARY);
        static final Simple DATE = new Simple(Kind.DATE);
        static final Simple INTERVAL = new Simple(Kind.INTERVAL);
        static final Simple NULL = new Simple(Kind.NULL);

        public Simple {
            Objects.requireNonNull(kind, "kind");
            switch (kind) {
                case DECIMAL, TIMESTAMP, DURATION, LIST, STRUCT, MAP ->
                        throw new IllegalArgumentException(kind + " needs parameters; use its factory method");
                default -> { }
            }
        }

        @Override
        public ArrowType toArrowType() {
            return switch (kind) {
                case BOOL -> ArrowType.Bool.INSTANCE;
                case INT8 -> new ArrowType.Int(8, true);
                case INT16 -> new ArrowType.Int(16, true);
                case INT32 -> new ArrowType.Int(32, true);
                case INT64 -> new ArrowType.Int(64, true);
                case UINT8 -> new ArrowType.Int(8, false);
                case UINT16 -> new ArrowType.Int(16, false);
                case UINT32 -> new ArrowType.Int(32, false);
                case UINT64 -> new ArrowType.Int(64, false);
                case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                case STRING -> ArrowType.Utf8.INSTANCE;
                case BINARY -> ArrowType.Binary.INSTANCE;
                case DATE -> new ArrowType.Date(DateUnit.DAY);
                case INTERVAL -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
                case NULL -> ArrowType.Null.INSTANCE;
                default -> throw new IllegalStateException(kind.toString());
            };
        }

        @Override
        public String toString() {
            return kind == Kind.NULL ? "null" : kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Decimal128 with precision 1..38 and 0 &lt;= scale &lt;= precision. */
    record Decimal(int precision, int scale) implements DataType {
        public static final int MAX_PRECISION = 38;

        public Decimal {
            if (precision < 1 || precision > MAX_PRECISION) {
                throw new IllegalArgumentException("decimal precision must be in 1..38, got " + precision);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal scale must be in 0.." + precision + ", got " + scale);
            }
        }

        @Override public Kind kind() { return Kind.DECIMAL; }

        @Override public ArrowType toArrowType() { return new ArrowType.Decimal(precision, scale, 128); }

        @Override public String toString() { return "decimal(" + precision + ", " + scale + ")"; }
    }

    /** Timestamp with a unit, with a zone (an instant) or without (a local date-time). */
    record Timestamp(TimeUnit unit, String zone) implements DataType {
        public Timestamp {
            Objects.requireNonNull(unit, "unit");
        }

        @Override public Kind kind() { return Kind.TIMESTAMP; }

        @Override public ArrowType toArrowType() { return new ArrowType.Timestamp(unit.toArrow(), zone); }

        @Override
        public String toString() {
            return "timestamp(" + unit.abbreviation() + (zone == null ? "" : ", " + zone) + ")";
        }
    }

    record Duration(TimeUnit unit) implements DataType {
        public Duration {
            Objects.requireNonNull(unit, "unit");
        }

        @Override public Kind kind() { return Kind.DURATION; }

        @Override public ArrowType toArrowType() { return new ArrowType.Duration(unit.toArrow()); }

        @Override public String toString() { return "duration(" + unit.abbreviation() + ")"; }
    }

    record ListOf(DataType element) implements DataType {
        public ListOf {
            Objects.requireNonNull(element, "element");
        }

        @Override public Kind kind() { return Kind.LIST; }

        @Override public ArrowType toArrowType() { return ArrowType.List.INSTANCE; }

        @Override
        public org.apache.arrow.vector.types.pojo.Field toArrowField(String name) {
            return new org.apache.arrow.vector.types.pojo.Field(
                    name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element.toArrowField("item")));
        }

        @Override public String toString() { return "list(" + element + ")"; }
    }

    record Struct(List<Field> fields) implements DataType {
        public Struct {
            fields = List.copyOf(fields);
        }

        @Override public Kind kind() { return Kind.STRUCT; }

        @Override public ArrowType toArrowType() { return ArrowType.Struct.INSTANCE; }

        @Override
        public org.apache.arrow.vector.types.pojo.Field toArrowField(String name) {
            List<org.apache.arrow.vector.types.pojo.Field> children = new ArrayList<>(fields.size());
            for (Field f : fields) {
                children.add(f.type().toArrowField(f.name()));
            }
            return new org.apache.arrow.vector.types.pojo.Field(
                    name, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
        }

        @Override
        public String toString() {
            return fields.stream().map(f -> f.name() + ": " + f.type())
                    .collect(Collectors.joining(", ", "struct(", ")"));
        }
    }

    /**
     * A map: Arrow's Map type, a list of entries each a struct of a non-null {@code key} and a
     * nullable {@code value}. Keys are unique within one map (as DuckDB and Spark require).
     */
    record MapOf(DataType key, DataType value) implements DataType {
        /** The names Arrow gives the entry struct and its two fields. */
        public static final String ENTRIES = "entries";
        public static final String KEY = "key";
        public static final String VALUE = "value";

        public MapOf {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (key.kind() == Kind.NULL) {
                throw new IllegalArgumentException("a map's keys cannot be of type null; give the keys a type");
            }
        }

        @Override public Kind kind() { return Kind.MAP; }

        @Override public ArrowType toArrowType() { return new ArrowType.Map(false); }

        /** The type of one entry, {@code struct(key, value)}. */
        public DataType entry() {
            return struct(new Field(KEY, key), new Field(VALUE, value));
        }

        @Override
        public org.apache.arrow.vector.types.pojo.Field toArrowField(String name) {
            org.apache.arrow.vector.types.pojo.Field k = key.toArrowField(KEY);
            org.apache.arrow.vector.types.pojo.Field keyField = new org.apache.arrow.vector.types.pojo.Field(
                    KEY, FieldType.notNullable(k.getType()), k.getChildren());
            org.apache.arrow.vector.types.pojo.Field entries = new org.apache.arrow.vector.types.pojo.Field(
                    ENTRIES, FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(keyField, value.toArrowField(VALUE)));
            return new org.apache.arrow.vector.types.pojo.Field(
                    name, FieldType.nullable(toArrowType()), List.of(entries));
        }

        @Override public String toString() { return "map(" + key + ", " + value + ")"; }
    }
}
