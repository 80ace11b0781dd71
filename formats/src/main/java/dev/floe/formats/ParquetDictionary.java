package dev.floe.formats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A Parquet dictionary page decoded once per column chunk into Arrow's representation: for
 * fixed-width columns {@link #lo} (and {@link #hi} for decimal128) holds each entry's value bits
 * as Arrow stores them; for strings and binaries {@link #bytes} holds every entry back to back,
 * entry i at {@code [offsets[i], offsets[i + 1])}.
 *
 * <pre>{@code ParquetDictionary d = ParquetDictionary.decode(page, start, end, 40, PrimitiveTypeName.INT64, 0, false, false);}</pre>
 */
final class ParquetDictionary {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    long[] lo;
    long[] hi;
    byte[] bytes;
    int[] offsets;

    private ParquetDictionary() {
    }

    /**
     * Decodes {@code n} PLAIN values from {@code page[pos, end)}.
     *
     * @param variable whether the Arrow column is a string / binary column
     * @param wide     whether the Arrow column is a decimal128 (entries need {@link #hi})
     */
    static ParquetDictionary decode(byte[] page, int pos, int end, int n, PrimitiveTypeName physical, int typeLength,
            boolean variable, boolean wide) {
        ParquetDictionary d = new ParquetDictionary();
        boolean lengthPrefixed = physical == PrimitiveTypeName.BINARY;
        if (variable) {
            d.offsets = new int[n + 1];
            int p = pos;
            for (int i = 0; i < n; i++) {
                int len = lengthPrefixed ? length(page, p, end) : typeLength;
                p += lengthPrefixed ? 4 : 0;
                check(p, len, end);
                p += len;
                d.offsets[i + 1] = d.offsets[i] + len;
            }
            d.bytes = new byte[d.offsets[n]];
            p = pos;
            for (int i = 0; i < n; i++) {
                p += lengthPrefixed ? 4 : 0;
                int len = d.offsets[i + 1] - d.offsets[i];
                System.arraycopy(page, p, d.bytes, d.offsets[i], len);
                p += len;
            }
            return d;
        }
        d.lo = new long[n];
        d.hi = wide ? new long[n] : null;
        long[] pair = new long[2];
        int p = pos;
        for (int i = 0; i < n; i++) {
            switch (physical) {
                case INT32, FLOAT -> {
                    check(p, 4, end);
                    d.lo[i] = (int) INT_LE.get(page, p);
                    p += 4;
                    pair[1] = d.lo[i] >> 63;
                }
                case INT64, DOUBLE -> {
                    check(p, 8, end);
                    d.lo[i] = (long) LONG_LE.get(page, p);
                    p += 8;
                    pair[1] = d.lo[i] >> 63;
                }
                case FIXED_LEN_BYTE_ARRAY, BINARY -> {
                    int len = lengthPrefixed ? length(page, p, end) : typeLength;
                    p += lengthPrefixed ? 4 : 0;
                    check(p, len, end);
                    ParquetColumnDecoder.bigEndian128(page, p, len, pair);
                    d.lo[i] = pair[0];
                    p += len;
                }
                default -> throw new IllegalStateException("no dictionary decoding for Parquet " + physical);
            }
            if (wide) {
                d.hi[i] = pair[1];
            }
        }
        return d;
    }

    private static int length(byte[] page, int p, int end) {
        check(p, 4, end);
        return (int) INT_LE.get(page, p);
    }

    private static void check(int p, int len, int end) {
        if (len < 0 || (long) p + len > end) {
            throw new IllegalStateException("the dictionary page ends in the middle of a value (corrupt or truncated file?)");
        }
    }
}
