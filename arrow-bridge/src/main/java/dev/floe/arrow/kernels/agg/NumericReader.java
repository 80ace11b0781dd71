package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Physical;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Reads value i of a numeric column's data buffer as a double: integers and unsigned 64-bit
 * integers rounded once, floats widened, decimals from their unscaled 128-bit words.
 *
 * <pre>{@code
 * NumericReader r = new NumericReader(DataType.decimal(12, 2), "skew");
 * double x = r.get(vector.getDataBuffer(), i);
 * }</pre>
 */
final class NumericReader {
    private enum Read { LONG, ULONG, DOUBLE, DECIMAL }

    private final Read read;
    private final int width;
    private final boolean unsigned;
    private final double divisor;

    /** {@code function} names the aggregation in the error for a non-numeric type. */
    NumericReader(DataType type, String function) {
        this.width = Physical.width(type);
        this.unsigned = Cols.isUnsigned(type);
        this.divisor = Cols.pow10(Cols.scale(type));
        this.read = switch (Physical.of(type)) {
            case LONG -> Read.LONG;
            case ULONG -> Read.ULONG;
            case DOUBLE -> Read.DOUBLE;
            case DECIMAL -> Read.DECIMAL;
            default -> throw new IllegalArgumentException(function + " needs a numeric input, got " + type);
        };
    }

    double get(ArrowBuf data, int i) {
        return switch (read) {
            case LONG -> Cols.readLong(data, width, unsigned, i);
            case ULONG -> {
                long x = data.getLong((long) i * 8);
                // halve keeping a sticky low bit, so the conversion rounds once, correctly
                yield x >= 0 ? x : (double) ((x >>> 1) | (x & 1)) * 2.0;
            }
            case DOUBLE -> Cols.readDouble(data, width, i);
            case DECIMAL -> Cols.toDouble(data.getLong((long) i * 16), data.getLong((long) i * 16 + 8)) / divisor;
        };
    }
}
