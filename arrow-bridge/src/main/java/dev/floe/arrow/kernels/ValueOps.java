package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * One value at a time: hash, equality and order of any type, nested ones included. This is the
 * slow path behind the vectorized loops of {@link Hashing}, {@link GroupTable} and {@link Sorting}
 * (used for list, struct, interval and null columns, for single-pair comparisons, and inside
 * nested values). It reads buffers directly and creates no objects.
 *
 * <p>Semantics shared with the fast paths: NaN equals NaN and sorts above +Inf, -0.0 equals 0.0,
 * bytes compare unsigned, null equals null. Inside nested values nulls sort last.
 */
final class ValueOps {
    /** What a null value contributes to a row hash. */
    static final long NULL_HASH = 0x5BD1E9955BD1E995L;
    static final long SEED = 0x2545F4914F6CDD1DL;
    private static final long C1 = 0x9E3779B97F4A7C15L;
    private static final long C2 = 0xBF58476D1CE4E5B9L;
    private static final long CANONICAL_NAN = 0x7FF8000000000000L;

    private ValueOps() {
    }

    /**
     * The element type of a list, or the entry struct of a map: a map hashes, equals and orders as
     * the list of its entries in stored order (as DuckDB compares maps).
     */
    private static DataType element(DataType t) {
        return t instanceof DataType.MapOf m ? m.entry() : ((DataType.ListOf) t).element();
    }

    // ---- hashing primitives ----------------------------------------------------------------

    /** Folds one value's contribution into a running hash (cheap; {@link #fmix} finishes). */
    static long mix(long h, long x) {
        h ^= x * C1;
        return Long.rotateLeft(h, 29) * C2;
    }

    /** Murmur3's 64-bit finalizer: every input bit affects every output bit. */
    static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB93FE53A87EBL;
        k ^= k >>> 33;
        return k;
    }

    /** Bits of a double with all NaNs made one NaN and -0.0 made 0.0: equal bits iff equal as keys. */
    static long doubleKey(double d) {
        if (d != d) {
            return CANONICAL_NAN;
        }
        if (d == 0.0) {
            return 0L;
        }
        return Double.doubleToRawLongBits(d);
    }

    /** A signed long whose order is the float order -Inf &lt; ... &lt; +Inf &lt; NaN (with -0.0 = 0.0). */
    static long doubleOrderKey(double d) {
        long b = doubleKey(d);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    static long decimalHash(long lo, long hi) {
        return lo * 0xC2B2AE3D27D4EB4FL + hi;
    }

    /** Hash of len bytes starting at start; deterministic across processes. */
    static long hashBytes(ArrowBuf buf, long start, int len) {
        long h = SEED ^ (len * C1);
        int k = 0;
        for (; k + 8 <= len; k += 8) {
            h = mix(h, buf.getLong(start + k));
        }
        if (k < len) {
            long tail = 0;
            for (int s = 0; k < len; k++, s += 8) {
                tail |= (buf.getByte(start + k) & 0xFFL) << s;
            }
            h = mix(h, tail);
        }
        return fmix(h);
    }

    static boolean bytesEqual(ArrowBuf a, long as, int alen, ArrowBuf b, long bs, int blen) {
        return alen == blen && ByteFunctionHelpers.equal(a, as, as + alen, b, bs, bs + blen) == 1;
    }

    static boolean bitAt(ArrowBuf buf, int i) {
        return ((buf.getByte(i >> 3) >> (i & 7)) & 1) != 0;
    }

    // ---- one value -------------------------------------------------------------------------

    /** The hash contribution of value i (NULL_HASH for null); combine with {@link #mix}. */
    static long hash(FieldVector v, DataType t, int i) {
        if (t.kind() == DataType.Kind.NULL || v.isNull(i)) {
            return NULL_HASH;
        }
        switch (Physical.of(t)) {
            case LONG, ULONG:
                return Buffers.readLong(v.getDataBuffer(), Physical.width(t), Buffers.isUnsigned(t), i);
            case DOUBLE:
                return doubleKey(Buffers.readDouble(v.getDataBuffer(), Physical.width(t), i));
            case BOOL:
                return bitAt(v.getDataBuffer(), i) ? 1 : 0;
            case DECIMAL:
                return decimalHash(v.getDataBuffer().getLong((long) i * 16), v.getDataBuffer().getLong((long) i * 16 + 8));
            case BYTES: {
                ArrowBuf off = v.getOffsetBuffer();
                int s = off.getInt((long) i * 4);
                return hashBytes(v.getDataBuffer(), s, off.getInt((long) (i + 1) * 4) - s);
            }
            default:
                break;
        }
        switch (t.kind()) {
            case LIST, MAP: {
                ListVector l = (ListVector) v;
                DataType element = element(t);
                FieldVector child = l.getDataVector();
                int start = l.getElementStartIndex(i);
                int end = l.getElementEndIndex(i);
                long h = SEED ^ ((end - start) * C2);
                for (int k = start; k < end; k++) {
                    h = mix(h, hash(child, element, k));
                }
                return fmix(h);
            }
            case STRUCT: {
                StructVector s = (StructVector) v;
                List<Field> fields = ((DataType.Struct) t).fields();
                long h = SEED;
                for (int c = 0; c < fields.size(); c++) {
                    h = mix(h, hash((FieldVector) s.getChildByOrdinal(c), fields.get(c).type(), i));
                }
                return fmix(h);
            }
            case INTERVAL: {
                ArrowBuf d = v.getDataBuffer();
                return fmix(mix(mix(SEED, d.getLong((long) i * 16)), d.getLong((long) i * 16 + 8)));
            }
            default:
                throw new IllegalArgumentException("Cannot hash values of type " + t);
        }
    }

    /** Key equality of a[i] and b[j]: nulls equal nulls, NaN equals NaN, -0.0 equals 0.0. */
    static boolean equal(FieldVector a, int i, FieldVector b, int j, DataType t) {
        if (t.kind() == DataType.Kind.NULL) {
            return true;
        }
        boolean an = a.isNull(i);
        boolean bn = b.isNull(j);
        if (an || bn) {
            return an && bn;
        }
        switch (Physical.of(t)) {
            case LONG, ULONG, BOOL, DECIMAL, DOUBLE:
                return compareNonNull(a, i, b, j, t) == 0;
            case BYTES: {
                ArrowBuf ao = a.getOffsetBuffer();
                ArrowBuf bo = b.getOffsetBuffer();
                int as = ao.getInt((long) i * 4);
                int bs = bo.getInt((long) j * 4);
                return bytesEqual(a.getDataBuffer(), as, ao.getInt((long) (i + 1) * 4) - as,
                        b.getDataBuffer(), bs, bo.getInt((long) (j + 1) * 4) - bs);
            }
            default:
                break;
        }
        switch (t.kind()) {
            case LIST, MAP: {
                ListVector la = (ListVector) a;
                ListVector lb = (ListVector) b;
                int as = la.getElementStartIndex(i);
                int alen = la.getElementEndIndex(i) - as;
                int bs = lb.getElementStartIndex(j);
                if (alen != lb.getElementEndIndex(j) - bs) {
                    return false;
                }
                DataType element = element(t);
                for (int k = 0; k < alen; k++) {
                    if (!equal(la.getDataVector(), as + k, lb.getDataVector(), bs + k, element)) {
                        return false;
                    }
                }
                return true;
            }
            case STRUCT: {
                List<Field> fields = ((DataType.Struct) t).fields();
                for (int c = 0; c < fields.size(); c++) {
                    if (!equal((FieldVector) ((StructVector) a).getChildByOrdinal(c), i,
                            (FieldVector) ((StructVector) b).getChildByOrdinal(c), j, fields.get(c).type())) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return compareNonNull(a, i, b, j, t) == 0;
        }
    }

    /** Ascending order of a[i] and b[j], nulls last. */
    static int compare(FieldVector a, int i, FieldVector b, int j, DataType t) {
        if (t.kind() == DataType.Kind.NULL) {
            return 0;
        }
        boolean an = a.isNull(i);
        boolean bn = b.isNull(j);
        if (an || bn) {
            return an == bn ? 0 : (an ? 1 : -1);
        }
        return compareNonNull(a, i, b, j, t);
    }

    /** Ascending order of two non-null values. */
    static int compareNonNull(FieldVector a, int i, FieldVector b, int j, DataType t) {
        switch (Physical.of(t)) {
            case LONG: {
                int w = Physical.width(t);
                boolean u = Buffers.isUnsigned(t);
                return Long.compare(Buffers.readLong(a.getDataBuffer(), w, u, i), Buffers.readLong(b.getDataBuffer(), w, u, j));
            }
            case ULONG:
                return Long.compareUnsigned(a.getDataBuffer().getLong((long) i * 8), b.getDataBuffer().getLong((long) j * 8));
            case DOUBLE: {
                int w = Physical.width(t);
                return Comparison.compareDoubles(Buffers.readDouble(a.getDataBuffer(), w, i),
                        Buffers.readDouble(b.getDataBuffer(), w, j));
            }
            case BOOL:
                return Boolean.compare(bitAt(a.getDataBuffer(), i), bitAt(b.getDataBuffer(), j));
            case DECIMAL: {
                ArrowBuf ad = a.getDataBuffer();
                ArrowBuf bd = b.getDataBuffer();
                int c = Long.compare(ad.getLong((long) i * 16 + 8), bd.getLong((long) j * 16 + 8));
                return c != 0 ? c : Long.compareUnsigned(ad.getLong((long) i * 16), bd.getLong((long) j * 16));
            }
            case BYTES: {
                ArrowBuf ao = a.getOffsetBuffer();
                ArrowBuf bo = b.getOffsetBuffer();
                int as = ao.getInt((long) i * 4);
                int bs = bo.getInt((long) j * 4);
                return Comparison.compareBufs(a.getDataBuffer(), as, ao.getInt((long) (i + 1) * 4) - as,
                        b.getDataBuffer(), bs, bo.getInt((long) (j + 1) * 4) - bs);
            }
            default:
                break;
        }
        switch (t.kind()) {
            case LIST, MAP: {
                ListVector la = (ListVector) a;
                ListVector lb = (ListVector) b;
                int as = la.getElementStartIndex(i);
                int alen = la.getElementEndIndex(i) - as;
                int bs = lb.getElementStartIndex(j);
                int blen = lb.getElementEndIndex(j) - bs;
                DataType element = element(t);
                for (int k = 0; k < Math.min(alen, blen); k++) {
                    int c = compare(la.getDataVector(), as + k, lb.getDataVector(), bs + k, element);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(alen, blen);
            }
            case STRUCT: {
                List<Field> fields = ((DataType.Struct) t).fields();
                for (int c = 0; c < fields.size(); c++) {
                    int r = compare((FieldVector) ((StructVector) a).getChildByOrdinal(c), i,
                            (FieldVector) ((StructVector) b).getChildByOrdinal(c), j, fields.get(c).type());
                    if (r != 0) {
                        return r;
                    }
                }
                return 0;
            }
            case INTERVAL: {
                // months, days, nanoseconds: a total order, not a calendar one
                ArrowBuf ad = a.getDataBuffer();
                ArrowBuf bd = b.getDataBuffer();
                int c = Integer.compare(ad.getInt((long) i * 16), bd.getInt((long) j * 16));
                if (c == 0) {
                    c = Integer.compare(ad.getInt((long) i * 16 + 4), bd.getInt((long) j * 16 + 4));
                }
                return c != 0 ? c : Long.compare(ad.getLong((long) i * 16 + 8), bd.getLong((long) j * 16 + 8));
            }
            case NULL:
                return 0;
            default:
                throw new IllegalArgumentException("Cannot compare values of type " + t);
        }
    }
}
