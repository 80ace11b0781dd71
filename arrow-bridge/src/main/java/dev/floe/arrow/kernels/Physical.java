package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;

/** How a type's values are laid out, which decides the inner loop a kernel runs. */
public enum Physical {
    /** Fixed-width signed integers of 1, 2, 4 or 8 bytes (ints, date, timestamp, duration); unsigned up to 32 bits. */
    LONG,
    /** 64-bit unsigned integers. */
    ULONG,
    /** float32/float64. */
    DOUBLE,
    /** 128-bit decimals. */
    DECIMAL,
    /** Variable-width bytes (string, binary). */
    BYTES,
    /** Bit-packed booleans. */
    BOOL,
    /** Anything else (nested, interval, null): handled value by value at the edges only. */
    OTHER;

    public static Physical of(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, DATE, TIMESTAMP, DURATION -> LONG;
            case UINT64 -> ULONG;
            case FLOAT32, FLOAT64 -> DOUBLE;
            case DECIMAL -> DECIMAL;
            case STRING, BINARY -> BYTES;
            case BOOL -> BOOL;
            default -> OTHER;
        };
    }

    /** Byte width of a fixed-width type's values. */
    public static int width(DataType t) {
        return switch (t.kind()) {
            case BOOL -> 0;
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, FLOAT32, DATE -> 4;
            case INT64, UINT64, FLOAT64, TIMESTAMP, DURATION -> 8;
            case DECIMAL -> 16;
            default -> -1;
        };
    }
}
