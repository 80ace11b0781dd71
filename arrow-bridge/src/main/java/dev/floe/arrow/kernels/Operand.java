package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.FieldVector;

/**
 * A kernel input: a vector, or a scalar standing for a whole column without being materialized
 * ({@code col > lit(1000)} compares against one long). Scalars hold the canonical Java value of
 * their physical layout: Long (integers, dates as epoch days, timestamps/durations in their unit),
 * Double, BigDecimal (unscaled to the type's scale), byte[] (string/binary), Boolean, or null.
 */
public final class Operand {
    private final FieldVector vector;
    private final DataType type;
    private final Object scalar;
    final long longValue;
    final double doubleValue;
    final byte[] bytesValue;
    final boolean boolValue;

    private Operand(FieldVector vector, DataType type, Object scalar) {
        this.vector = vector;
        this.type = type;
        this.scalar = scalar;
        long l = 0;
        double d = 0;
        byte[] b = null;
        boolean z = false;
        if (scalar instanceof Long x) {
            l = x;
            d = x;
        } else if (scalar instanceof Double x) {
            d = x;
        } else if (scalar instanceof byte[] x) {
            b = x;
        } else if (scalar instanceof Boolean x) {
            z = x;
        }
        this.longValue = l;
        this.doubleValue = d;
        this.bytesValue = b;
        this.boolValue = z;
    }

    public static Operand of(FieldVector vector, DataType type) {
        return new Operand(vector, type, null);
    }

    /** A scalar from a Java value of the API's classes, converted to the canonical form of {@code type}. */
    public static Operand scalar(DataType type, Object javaValue) {
        return new Operand(null, type, canonical(type, javaValue));
    }

    static Object canonical(DataType type, Object v) {
        if (v == null) {
            return null;
        }
        return switch (Physical.of(type)) {
            case LONG, ULONG -> {
                if (v instanceof LocalDate d) {
                    yield d.toEpochDay();
                }
                if (v instanceof LocalDateTime t) {
                    v = t.toInstant(ZoneOffset.UTC);
                }
                if (v instanceof Instant t && type instanceof DataType.Timestamp ts) {
                    yield units(t.getEpochSecond(), t.getNano(), ts.unit());
                }
                if (v instanceof Duration d && type instanceof DataType.Duration du) {
                    yield units(d.getSeconds(), d.getNano(), du.unit());
                }
                yield ((Number) v).longValue();
            }
            case DOUBLE -> ((Number) v).doubleValue();
            case DECIMAL -> ((BigDecimal) v).setScale(((DataType.Decimal) type).scale(), java.math.RoundingMode.HALF_UP);
            case BYTES -> v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v;
            case BOOL -> (Boolean) v;
            case OTHER -> v;
        };
    }

    /** A time as a count of {@code unit}s, like the vectors store it. */
    private static long units(long seconds, int nanos, TimeUnit unit) {
        long perSecond = unit.perSecond();
        return Math.addExact(Math.multiplyExact(seconds, perSecond), nanos / (1_000_000_000L / perSecond));
    }

    public boolean isScalar() {
        return vector == null;
    }

    public boolean isNullScalar() {
        return vector == null && scalar == null;
    }

    public FieldVector vector() {
        return vector;
    }

    public DataType type() {
        return type;
    }

    /** The canonical scalar value (see class doc). */
    public Object scalar() {
        return scalar;
    }
}
