package dev.floe.arrow;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.TimeUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Conversions between Java values and Arrow vectors, for the convenience edges only
 * ({@code fromColumns}, {@code lit}, {@code Table.get}): these box one value at a time.
 */
public final class Values {
    private Values() {
    }

    /** The Floe type of a Java value as {@code lit} and {@code fromColumns} map it; null maps to nullType. */
    public static DataType typeOf(Object value) {
        if (value == null) {
            return DataType.nullType();
        }
        if (value instanceof Boolean) {
            return DataType.bool();
        }
        if (value instanceof Byte) {
            return DataType.int8();
        }
        if (value instanceof Short) {
            return DataType.int16();
        }
        if (value instanceof Integer) {
            return DataType.int32();
        }
        if (value instanceof Long) {
            return DataType.int64();
        }
        if (value instanceof Float) {
            return DataType.float32();
        }
        if (value instanceof Double) {
            return DataType.float64();
        }
        if (value instanceof BigDecimal d) {
            int scale = Math.max(0, d.scale());
            BigDecimal normalized = d.setScale(scale);
            int precision = Math.max(Math.max(normalized.precision(), scale), 1);
            if (precision > 38) {
                throw new IllegalArgumentException("decimal " + d + " needs precision " + precision + " > 38");
            }
            return DataType.decimal(precision, scale);
        }
        if (value instanceof String) {
            return DataType.string();
        }
        if (value instanceof byte[]) {
            return DataType.binary();
        }
        if (value instanceof LocalDate) {
            return DataType.date();
        }
        if (value instanceof LocalDateTime t) {
            return DataType.timestamp(finest(t.getNano()), null);
        }
        if (value instanceof Instant t) {
            return DataType.timestamp(finest(t.getNano()), "UTC");
        }
        if (value instanceof Duration d) {
            return DataType.duration(finest(d.getNano()));
        }
        if (value instanceof Period) {
            return DataType.interval();
        }
        if (value instanceof BigInteger) {
            return DataType.uint64(); // how uint64 values come back from Table.get
        }
        if (value instanceof List<?> items) {
            DataType element = DataType.nullType();
            for (Object item : items) {
                element = merge(element, typeOf(item), "list");
            }
            return DataType.list(element);
        }
        if (value instanceof Map<?, ?> m) {
            List<Field> fields = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("a Map is a struct only with String keys, got key "
                            + e.getKey() + (e.getKey() == null ? "" : " (" + e.getKey().getClass().getSimpleName() + ")"));
                }
                fields.add(new Field(name, typeOf(e.getValue())));
            }
            return DataType.struct(fields.toArray(new Field[0]));
        }
        throw new IllegalArgumentException("no Floe type for Java class " + value.getClass().getName());
    }

    /** Microseconds (as {@code lit}) unless the value has nanoseconds a microsecond would drop. */
    private static TimeUnit finest(int nanos) {
        return nanos % 1000 == 0 ? TimeUnit.MICROSECOND : TimeUnit.NANOSECOND;
    }

    /**
     * The type that holds values of both types, for the values of one column or list: equal types,
     * nullType with anything, the wider decimal, the finer time unit, lists by element and structs
     * by field (fields of either, in first-seen order); anything else fails naming both types.
     */
    public static DataType merge(DataType a, DataType b, String where) {
        if (a.equals(b) || b.kind() == DataType.Kind.NULL) {
            return a;
        }
        if (a.kind() == DataType.Kind.NULL) {
            return b;
        }
        if (a instanceof DataType.Decimal x && b instanceof DataType.Decimal y) {
            int scale = Math.max(x.scale(), y.scale());
            int intDigits = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
            return DataType.decimal(Math.min(38, intDigits + scale), scale);
        }
        if (a instanceof DataType.Timestamp x && b instanceof DataType.Timestamp y
                && java.util.Objects.equals(x.zone(), y.zone())) {
            return DataType.timestamp(x.unit().perSecond() >= y.unit().perSecond() ? x.unit() : y.unit(), x.zone());
        }
        if (a instanceof DataType.Duration x && b instanceof DataType.Duration y) {
            return DataType.duration(x.unit().perSecond() >= y.unit().perSecond() ? x.unit() : y.unit());
        }
        if (a instanceof DataType.ListOf x && b instanceof DataType.ListOf y) {
            return DataType.list(merge(x.element(), y.element(), where + " (list elements)"));
        }
        if (a instanceof DataType.MapOf x && b instanceof DataType.MapOf y) {
            return DataType.map(merge(x.key(), y.key(), where + " (map keys)"),
                    merge(x.value(), y.value(), where + " (map values)"));
        }
        if (a instanceof DataType.Struct x && b instanceof DataType.Struct y) {
            Map<String, DataType> fields = new LinkedHashMap<>();
            for (Field f : x.fields()) {
                fields.put(f.name(), f.type());
            }
            for (Field f : y.fields()) {
                fields.merge(f.name(), f.type(), (p, q) -> merge(p, q, where + "." + f.name()));
            }
            List<Field> out = new ArrayList<>();
            fields.forEach((n, t) -> out.add(new Field(n, t)));
            return DataType.struct(out.toArray(new Field[0]));
        }
        throw new IllegalArgumentException(where + " mixes " + a + " and " + b + " values; use one Java class per"
                + " column (and per list, per struct field)");
    }

    /** A vector of the given type holding the values, value count set. */
    public static FieldVector toVector(String name, DataType type, List<?> values, BufferAllocator allocator) {
        FieldVector v = type.toArrowField(name).createVector(allocator);
        try {
            v.setInitialCapacity(values.size());
            v.allocateNew();
            for (int i = 0; i < values.size(); i++) {
                set(v, type, i, values.get(i), name);
            }
            v.setValueCount(values.size());
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** Sets row i of a vector of {@code type} to a Java value (API classes); null leaves it null. */
    public static void set(FieldVector v, DataType type, int i, Object value) {
        set(v, type, i, value, v.getName());
    }

    private static void set(FieldVector v, DataType type, int i, Object value, String column) {
        if (value == null) {
            if (v instanceof BaseFixedWidthVector f) {
                f.setNull(i);
            } else if (v instanceof VarCharVector s) {
                s.setNull(i);
            } else if (v instanceof VarBinaryVector b) {
                b.setNull(i);
            } else if (v instanceof ListVector l) {
                l.setNull(i);
            } else if (v instanceof StructVector s) {
                s.setNull(i);
            }
            return;
        }
        try {
            switch (type.kind()) {
                case BOOL -> ((BitVector) v).setSafe(i, ((Boolean) value) ? 1 : 0);
                case INT8 -> ((TinyIntVector) v).setSafe(i, (byte) exactLong(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
                case INT16 -> ((SmallIntVector) v).setSafe(i, (short) exactLong(value, Short.MIN_VALUE, Short.MAX_VALUE));
                case INT32 -> ((IntVector) v).setSafe(i, (int) exactLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case INT64 -> ((BigIntVector) v).setSafe(i, exactLong(value, Long.MIN_VALUE, Long.MAX_VALUE));
                case UINT8 -> ((UInt1Vector) v).setSafe(i, (byte) exactLong(value, 0, 255));
                case UINT16 -> ((UInt2Vector) v).setSafe(i, (char) exactLong(value, 0, 65535));
                case UINT32 -> ((UInt4Vector) v).setSafe(i, (int) exactLong(value, 0, 4294967295L));
                case UINT64 -> ((UInt8Vector) v).setSafe(i, unsignedLong(value));
                case FLOAT32 -> ((Float4Vector) v).setSafe(i, ((Number) value).floatValue());
                case FLOAT64 -> ((Float8Vector) v).setSafe(i, ((Number) value).doubleValue());
                case DECIMAL -> {
                    DataType.Decimal d = (DataType.Decimal) type;
                    BigDecimal bd = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
                    BigDecimal scaled = bd.setScale(d.scale(), RoundingMode.UNNECESSARY);
                    if (scaled.precision() > d.precision()) {
                        throw new IllegalArgumentException(bd + " does not fit " + type);
                    }
                    ((DecimalVector) v).setSafe(i, scaled);
                }
                case STRING -> ((VarCharVector) v).setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
                case BINARY -> ((VarBinaryVector) v).setSafe(i, (byte[]) value);
                case DATE -> ((DateDayVector) v).setSafe(i, Math.toIntExact(((LocalDate) value).toEpochDay()));
                case TIMESTAMP -> ((TimeStampVector) v).setSafe(i, timestampUnits(value, ((DataType.Timestamp) type).unit()));
                case DURATION -> ((DurationVector) v).setSafe(i, durationUnits((Duration) value,
                        ((DataType.Duration) type).unit()));
                case INTERVAL -> {
                    Period p = (Period) value;
                    ((IntervalMonthDayNanoVector) v).setSafe(i, Math.toIntExact(p.toTotalMonths()), p.getDays(), 0L);
                }
                case LIST -> {
                    ListVector l = (ListVector) v;
                    List<?> items = (List<?>) value;
                    DataType element = ((DataType.ListOf) type).element();
                    int start = l.startNewValue(i);
                    FieldVector data = l.getDataVector();
                    for (int k = 0; k < items.size(); k++) {
                        ensureCapacity(data, start + k + 1);
                        set(data, element, start + k, items.get(k), column);
                    }
                    data.setValueCount(start + items.size());
                    l.endValue(i, items.size());
                }
                case MAP -> {
                    ListVector l = (ListVector) v;
                    Map<?, ?> entries = (Map<?, ?>) value;
                    DataType.MapOf mapType = (DataType.MapOf) type;
                    StructVector data = (StructVector) l.getDataVector();
                    FieldVector keys = (FieldVector) data.getChildByOrdinal(0);
                    FieldVector values = (FieldVector) data.getChildByOrdinal(1);
                    int start = l.startNewValue(i);
                    int k = start;
                    for (Map.Entry<?, ?> e : entries.entrySet()) {
                        if (e.getKey() == null) {
                            throw new IllegalArgumentException("column '" + column + "' of type " + type
                                    + " cannot hold a null map key");
                        }
                        ensureCapacity(data, k + 1);
                        ensureCapacity(keys, k + 1);
                        ensureCapacity(values, k + 1);
                        set(keys, mapType.key(), k, e.getKey(), column);
                        set(values, mapType.value(), k, e.getValue(), column);
                        data.setIndexDefined(k);
                        k++;
                    }
                    keys.setValueCount(k);
                    values.setValueCount(k);
                    data.setValueCount(k);
                    l.endValue(i, k - start);
                }
                case STRUCT -> {
                    StructVector s = (StructVector) v;
                    Map<?, ?> m = (Map<?, ?>) value;
                    for (Field f : ((DataType.Struct) type).fields()) {
                        FieldVector child = (FieldVector) s.getChild(f.name());
                        ensureCapacity(child, i + 1);
                        set(child, f.type(), i, m.get(f.name()), column);
                        if (child.getValueCount() < i + 1) {
                            child.setValueCount(i + 1);
                        }
                    }
                    s.setIndexDefined(i);
                }
                case NULL -> throw new IllegalArgumentException("a null-typed column holds only nulls");
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("column '" + column + "' of type " + type + " cannot hold "
                    + value.getClass().getSimpleName() + " value " + value, e);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("column '" + column + "' of type " + type + " cannot hold " + value
                    + ": " + e.getMessage(), e);
        }
    }

    private static void ensureCapacity(FieldVector v, int needed) {
        while (v.getValueCapacity() < needed) {
            v.reAlloc();
        }
    }

    private static long exactLong(Object value, long min, long max) {
        long l;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            l = ((Number) value).longValue();
        } else if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Double
                || value instanceof Float) {
            l = new BigDecimal(value.toString()).longValueExact();
        } else {
            throw new ClassCastException();
        }
        if (l < min || l > max) {
            throw new ArithmeticException("out of range [" + min + ", " + max + "]");
        }
        return l;
    }

    private static long unsignedLong(Object value) {
        BigInteger b = value instanceof BigInteger bi ? bi : new BigDecimal(value.toString()).toBigIntegerExact();
        if (b.signum() < 0 || b.bitLength() > 64) {
            throw new ArithmeticException("out of range for uint64");
        }
        return b.longValue();
    }

    private static long timestampUnits(Object value, TimeUnit unit) {
        Instant instant = value instanceof Instant in ? in : ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
        long seconds = instant.getEpochSecond();
        long nanos = instant.getNano();
        return switch (unit) {
            case SECOND -> seconds;
            case MILLISECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000L), nanos / 1_000_000L);
            case MICROSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000L);
            case NANOSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        };
    }

    private static long durationUnits(Duration d, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> d.getSeconds();
            case MILLISECOND -> d.toMillis();
            case MICROSECOND -> Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000L);
            case NANOSECOND -> d.toNanos();
        };
    }

    /** The value at row i as a Java object (API.md classes), or null. */
    public static Object get(FieldVector vector, DataType type, int i) {
        if (vector.isNull(i)) {
            return null;
        }
        return switch (type.kind()) {
            case BOOL -> ((BitVector) vector).get(i) != 0;
            case INT8 -> ((TinyIntVector) vector).get(i);
            case INT16 -> ((SmallIntVector) vector).get(i);
            case INT32 -> ((IntVector) vector).get(i);
            case INT64 -> ((BigIntVector) vector).get(i);
            case UINT8 -> (short) (((UInt1Vector) vector).get(i) & 0xFF);
            case UINT16 -> (int) ((UInt2Vector) vector).get(i);
            case UINT32 -> ((UInt4Vector) vector).get(i) & 0xFFFFFFFFL;
            case UINT64 -> new BigInteger(Long.toUnsignedString(((UInt8Vector) vector).get(i)));
            case FLOAT32 -> ((Float4Vector) vector).get(i);
            case FLOAT64 -> ((Float8Vector) vector).get(i);
            case DECIMAL -> ((DecimalVector) vector).getObject(i);
            case STRING -> new String(((VarCharVector) vector).get(i), StandardCharsets.UTF_8);
            case BINARY -> ((VarBinaryVector) vector).get(i);
            case DATE -> LocalDate.ofEpochDay(((DateDayVector) vector).get(i));
            case TIMESTAMP -> timestamp(((TimeStampVector) vector).get(i), (DataType.Timestamp) type);
            case DURATION -> duration(DurationVector.get(vector.getDataBuffer(), i), ((DataType.Duration) type).unit());
            case INTERVAL -> {
                IntervalMonthDayNanoVector iv = (IntervalMonthDayNanoVector) vector;
                var holder = new org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder();
                iv.get(i, holder);
                yield Period.of(0, holder.months, holder.days);
            }
            case LIST -> {
                ListVector l = (ListVector) vector;
                DataType element = ((DataType.ListOf) type).element();
                int start = l.getElementStartIndex(i);
                int end = l.getElementEndIndex(i);
                List<Object> out = new ArrayList<>(end - start);
                for (int k = start; k < end; k++) {
                    out.add(get(l.getDataVector(), element, k));
                }
                yield out;
            }
            case MAP -> {
                ListVector l = (ListVector) vector;
                DataType.MapOf mapType = (DataType.MapOf) type;
                StructVector entries = (StructVector) l.getDataVector();
                FieldVector keys = (FieldVector) entries.getChildByOrdinal(0);
                FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
                Map<Object, Object> out = new LinkedHashMap<>();
                for (int k = l.getElementStartIndex(i); k < l.getElementEndIndex(i); k++) {
                    out.put(get(keys, mapType.key(), k), get(values, mapType.value(), k));
                }
                yield out;
            }
            case STRUCT -> {
                StructVector s = (StructVector) vector;
                Map<String, Object> out = new LinkedHashMap<>();
                for (Field f : ((DataType.Struct) type).fields()) {
                    out.put(f.name(), get((FieldVector) s.getChild(f.name()), f.type(), i));
                }
                yield out;
            }
            case NULL -> null;
        };
    }

    private static Object timestamp(long units, DataType.Timestamp type) {
        long perSecond = type.unit().perSecond();
        long seconds = Math.floorDiv(units, perSecond);
        long nanos = Math.floorMod(units, perSecond) * (1_000_000_000L / perSecond);
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        return type.zone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
    }

    private static Duration duration(long units, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Duration.ofSeconds(units);
            case MILLISECOND -> Duration.ofMillis(units);
            case MICROSECOND -> Duration.ofSeconds(Math.floorDiv(units, 1_000_000L), Math.floorMod(units, 1_000_000L) * 1_000L);
            case NANOSECOND -> Duration.ofNanos(units);
        };
    }
}
