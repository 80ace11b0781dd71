package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Physical;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * Which rows of a batch hold a (group, value) pair not seen before, through a hash set of the
 * pairs; nulls are never new, floats compare like group keys (NaN equals NaN, -0.0 equals 0.0).
 * Shared by COUNT_DISTINCT (counts them) and AGG_SET (keeps them).
 *
 * <pre>{@code
 * int k = distinct.newRows(values, groupIds, n, rows);   // rows[0..k) are first occurrences
 * }</pre>
 */
final class DistinctRows {
    private static final long CANONICAL_NAN = Double.doubleToLongBits(Double.NaN);

    private final DataType type;
    private final Physical physical;
    private final int width;
    private final DistinctSet.Fixed fixed;
    private final DistinctSet.Bytes bytes;

    DistinctRows(DataType type, String function) {
        this.type = type;
        this.physical = Physical.of(type);
        this.width = Physical.width(type);
        if (physical == Physical.OTHER && type.kind() != DataType.Kind.NULL) {
            throw new IllegalArgumentException(function + " is not supported for " + type);
        }
        this.fixed = physical == Physical.BYTES ? null : new DistinctSet.Fixed();
        this.bytes = physical == Physical.BYTES ? new DistinctSet.Bytes() : null;
    }

    /** Writes the rows of first occurrences into {@code out} (length at least n) and returns how many. */
    int newRows(FieldVector input, int[] groupIds, int n, int[] out) {
        if (input instanceof NullVector) {
            return 0;
        }
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        int k = 0;
        switch (physical) {
            case LONG, ULONG -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i) && fixed.add(groupIds[i], Cols.readLong(data, width, false, i), 0)) {
                        out[k++] = i;
                    }
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i) && fixed.add(groupIds[i], canonical(Cols.readDouble(data, width, i)), 0)) {
                        out[k++] = i;
                    }
                }
            }
            case DECIMAL -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i)
                            && fixed.add(groupIds[i], data.getLong((long) i * 16), data.getLong((long) i * 16 + 8))) {
                        out[k++] = i;
                    }
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i) && fixed.add(groupIds[i], BitVectorHelper.get(data, i), 0)) {
                        out[k++] = i;
                    }
                }
            }
            case BYTES -> {
                ArrowBuf offsets = input.getOffsetBuffer();
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i)) {
                        int start = offsets.getInt((long) i * 4);
                        int len = offsets.getInt((long) (i + 1) * 4) - start;
                        if (bytes.add(groupIds[i], data, start, len)) {
                            out[k++] = i;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("distinct values are not supported for " + type);
        }
        return k;
    }

    /** Bits of a float that make NaN equal NaN and -0.0 equal 0.0. */
    private static long canonical(double x) {
        if (x != x) {
            return CANONICAL_NAN;
        }
        return x == 0.0 ? 0L : Double.doubleToRawLongBits(x);
    }

    long sizeInBytes() {
        return fixed != null ? fixed.sizeInBytes() : bytes.sizeInBytes();
    }
}
