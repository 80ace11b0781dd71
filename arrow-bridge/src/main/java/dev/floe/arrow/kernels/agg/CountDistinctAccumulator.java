package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Physical;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * COUNT_DISTINCT of non-null values per group, through a hash set of (group id, value) pairs;
 * floats compare like group keys (NaN equals NaN, -0.0 equals 0.0). Not decomposable: the
 * planner shuffles raw rows by group key and aggregates once, so there is no partial state.
 */
final class CountDistinctAccumulator extends GroupedAccumulator {
    private static final long CANONICAL_NAN = Double.doubleToLongBits(Double.NaN);

    private final DataType type;
    private final Physical physical;
    private final int width;
    private final DistinctSet.Fixed fixed;
    private final DistinctSet.Bytes bytes;
    private long[] counts = new long[0];

    CountDistinctAccumulator(DataType type) {
        this.type = type;
        this.physical = Physical.of(type);
        this.width = Physical.width(type);
        if (physical == Physical.OTHER && type.kind() != DataType.Kind.NULL) {
            throw new IllegalArgumentException("countDistinct is not supported for " + type);
        }
        this.fixed = physical == Physical.BYTES ? null : new DistinctSet.Fixed();
        this.bytes = physical == Physical.BYTES ? new DistinctSet.Bytes() : null;
    }

    @Override
    void resize(int newCapacity) {
        counts = Arrays.copyOf(counts, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (input instanceof NullVector) {
            return;
        }
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        long[] c = counts;
        switch (physical) {
            case LONG, ULONG -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i) && fixed.add(groupIds[i], Cols.readLong(data, width, false, i), 0)) {
                        c[groupIds[i]]++;
                    }
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i) && fixed.add(groupIds[i], canonical(Cols.readDouble(data, width, i)), 0)) {
                        c[groupIds[i]]++;
                    }
                }
            }
            case DECIMAL -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i)
                            && fixed.add(groupIds[i], data.getLong((long) i * 16), data.getLong((long) i * 16 + 8))) {
                        c[groupIds[i]]++;
                    }
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    if (Cols.valid(validity, i) && fixed.add(groupIds[i], BitVectorHelper.get(data, i), 0)) {
                        c[groupIds[i]]++;
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
                            c[groupIds[i]]++;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("countDistinct is not supported for " + type);
        }
    }

    /** Bits of a float that make NaN equal NaN and -0.0 equal 0.0. */
    private static long canonical(double x) {
        if (x != x) {
            return CANONICAL_NAN;
        }
        return x == 0.0 ? 0L : Double.doubleToRawLongBits(x);
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        throw new UnsupportedOperationException("countDistinct has no partial state; aggregate raw rows once");
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        throw new UnsupportedOperationException("countDistinct has no partial state; aggregate raw rows once");
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        return Cols.longs(counts, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 8L * counts.length + (fixed != null ? fixed.sizeInBytes() : bytes.sizeInBytes());
    }
}
