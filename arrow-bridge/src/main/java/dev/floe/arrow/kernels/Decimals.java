package dev.floe.arrow.kernels;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.arrow.memory.ArrowBuf;

/** 128-bit decimal values as two little-endian longs (lo, hi) in Arrow's two's-complement layout. */
final class Decimals {
    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** 10^0 .. 10^18, every power of ten a long holds. */
    static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Decimals() {
    }

    /** [lo, hi] words of an unscaled value (the BigDecimal must already have the type's scale). */
    static long[] toWords(BigDecimal value) {
        BigInteger u = value.unscaledValue();
        return new long[] {u.longValue(), u.shiftRight(64).longValue()};
    }

    static BigInteger unscaled(ArrowBuf data, int i) {
        long lo = data.getLong((long) i * 16);
        long hi = data.getLong((long) i * 16 + 8);
        if (fitsLong(lo, hi)) {
            return BigInteger.valueOf(lo);
        }
        return BigInteger.valueOf(hi).shiftLeft(64).or(BigInteger.valueOf(lo).and(MASK64));
    }

    static boolean fitsLong(long lo, long hi) {
        return hi == (lo >> 63);
    }

    static void write(ArrowBuf data, int i, long lo, long hi) {
        data.setLong((long) i * 16, lo);
        data.setLong((long) i * 16 + 8, hi);
    }

    static void write(ArrowBuf data, int i, BigInteger unscaled) {
        write(data, i, unscaled.longValue(), unscaled.shiftRight(64).longValue());
    }

    /** Largest unscaled magnitude + 1 for a precision: 10^p. */
    static BigInteger limit(int precision) {
        return BigInteger.TEN.pow(precision);
    }
}
