package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads a key column of a one-long type (ints, unsigned ints, date, timestamp, duration, floats,
 * bools) into a long[] once, so hash, group and sort loops run over a primitive array. Null
 * slots hold whatever the buffer holds; callers consult validity.
 */
final class PrimitiveKeys {
    private PrimitiveKeys() {
    }

    /** True when {@link #read} handles the type. */
    static boolean fits(DataType t) {
        Physical p = Physical.of(t);
        return p == Physical.LONG || p == Physical.ULONG || p == Physical.DOUBLE || p == Physical.BOOL;
    }

    /**
     * Values 0..n-1 as longs: integers by value (unsigned zero-extended, uint64 as its raw bits),
     * floats as {@link ValueOps#doubleKey} (equal bits iff equal keys), bools as 0/1.
     */
    static void read(FieldVector v, DataType t, int n, long[] out) {
        ArrowBuf d = v.getDataBuffer();
        switch (Physical.of(t)) {
            case LONG, ULONG -> {
                boolean u = Buffers.isUnsigned(t);
                switch (Physical.width(t)) {
                    case 1 -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = u ? d.getByte(i) & 0xFFL : d.getByte(i);
                        }
                    }
                    case 2 -> {
                        for (int i = 0; i < n; i++) {
                            short s = d.getShort((long) i * 2);
                            out[i] = u ? s & 0xFFFFL : s;
                        }
                    }
                    case 4 -> {
                        if (u) {
                            for (int i = 0; i < n; i++) {
                                out[i] = d.getInt((long) i * 4) & 0xFFFFFFFFL;
                            }
                        } else {
                            for (int i = 0; i < n; i++) {
                                out[i] = d.getInt((long) i * 4);
                            }
                        }
                    }
                    default -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = d.getLong((long) i * 8);
                        }
                    }
                }
            }
            case DOUBLE -> {
                if (Physical.width(t) == 4) {
                    for (int i = 0; i < n; i++) {
                        out[i] = ValueOps.doubleKey(d.getFloat((long) i * 4));
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = ValueOps.doubleKey(d.getDouble((long) i * 8));
                    }
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (d.getByte(i >> 3) >> (i & 7)) & 1;
                }
            }
            default -> throw new IllegalArgumentException("Not a one-long key type: " + t);
        }
    }
}
