package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Physical;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN and MAX keeping the input type, one subclass per physical layout. Floats order NaN above
 * every other value (max of {1, NaN} = NaN), like sorting. State = [value of the input type],
 * so merging is updating with the state column.
 */
abstract class MinMaxAccumulator extends GroupedAccumulator {
    protected final DataType type;
    protected final boolean max;
    protected boolean[] has = new boolean[0];

    MinMaxAccumulator(DataType type, boolean max) {
        this.type = type;
        this.max = max;
    }

    static MinMaxAccumulator of(DataType type, boolean max) {
        return switch (Physical.of(type)) {
            case LONG, ULONG -> new Longs(type, max);
            case DOUBLE -> new Doubles(type, max);
            case DECIMAL -> new Decimals(type, max);
            case BOOL -> new Bools(type, max);
            case BYTES -> new BytesMinMaxAccumulator(type, max);
            default -> throw new IllegalArgumentException((max ? "max" : "min") + " is not defined for " + type);
        };
    }

    @Override
    void resize(int newCapacity) {
        has = Arrays.copyOf(has, newCapacity);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        fold(input, groupIds, n);
    }

    abstract void fold(FieldVector v, int[] groupIds, int n);

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        update(state.get(0), groupIds, n, numGroups);
    }

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        return stateAsFinal(numGroups, allocator);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        FieldVector out = Cols.allocate(type, numGroups, allocator);
        try {
            write(out, numGroups);
            out.setValueCount(numGroups);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Writes the value of every group that has one, and its validity bit. */
    abstract void write(FieldVector out, int numGroups);

    /** Integers (signed, unsigned), dates, timestamps, durations. uint64 is stored with its sign bit flipped. */
    static final class Longs extends MinMaxAccumulator {
        private final int width;
        private final boolean unsigned;
        private final long flip;
        private long[] best = new long[0];

        Longs(DataType type, boolean max) {
            super(type, max);
            this.width = Physical.width(type);
            this.unsigned = Cols.isUnsigned(type);
            this.flip = type.kind() == DataType.Kind.UINT64 ? Long.MIN_VALUE : 0;
        }

        @Override
        void resize(int newCapacity) {
            super.resize(newCapacity);
            best = Arrays.copyOf(best, newCapacity);
        }

        @Override
        void fold(FieldVector v, int[] groupIds, int n) {
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf validity = Cols.nulls(v);
            long[] b = best;
            boolean[] h = has;
            for (int i = 0; i < n; i++) {
                if (!Cols.valid(validity, i)) {
                    continue;
                }
                long x = Cols.readLong(data, width, unsigned, i) ^ flip;
                int g = groupIds[i];
                if (!h[g] || (max ? x > b[g] : x < b[g])) {
                    b[g] = x;
                    h[g] = true;
                }
            }
        }

        @Override
        void write(FieldVector out, int numGroups) {
            for (int g = 0; g < numGroups; g++) {
                if (has[g]) {
                    Cols.writeLong(out.getDataBuffer(), width, g, best[g] ^ flip);
                    Cols.setValid(out, g);
                }
            }
        }

        @Override
        public long sizeInBytes() {
            return 9L * best.length;
        }
    }

    /** float32/float64 with NaN above +Infinity. */
    static final class Doubles extends MinMaxAccumulator {
        private final int width;
        private double[] best = new double[0];

        Doubles(DataType type, boolean max) {
            super(type, max);
            this.width = Physical.width(type);
        }

        @Override
        void resize(int newCapacity) {
            super.resize(newCapacity);
            best = Arrays.copyOf(best, newCapacity);
        }

        @Override
        void fold(FieldVector v, int[] groupIds, int n) {
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf validity = Cols.nulls(v);
            double[] b = best;
            boolean[] h = has;
            for (int i = 0; i < n; i++) {
                if (!Cols.valid(validity, i)) {
                    continue;
                }
                double x = Cols.readDouble(data, width, i);
                int g = groupIds[i];
                double cur = b[g];
                // NaN is the largest value: it wins a max, and loses a min to anything
                boolean better = max ? (x > cur || x != x) : (x < cur || (cur != cur && x == x));
                if (!h[g] || better) {
                    b[g] = x;
                    h[g] = true;
                }
            }
        }

        @Override
        void write(FieldVector out, int numGroups) {
            ArrowBuf data = out.getDataBuffer();
            for (int g = 0; g < numGroups; g++) {
                if (has[g]) {
                    if (width == 4) {
                        data.setFloat((long) g * 4, (float) best[g]);
                    } else {
                        data.setDouble((long) g * 8, best[g]);
                    }
                    Cols.setValid(out, g);
                }
            }
        }

        @Override
        public long sizeInBytes() {
            return 9L * best.length;
        }
    }

    /** 128-bit decimals compared as signed (hi, unsigned lo). */
    static final class Decimals extends MinMaxAccumulator {
        private long[] lo = new long[0];
        private long[] hi = new long[0];

        Decimals(DataType type, boolean max) {
            super(type, max);
        }

        @Override
        void resize(int newCapacity) {
            super.resize(newCapacity);
            lo = Arrays.copyOf(lo, newCapacity);
            hi = Arrays.copyOf(hi, newCapacity);
        }

        @Override
        void fold(FieldVector v, int[] groupIds, int n) {
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf validity = Cols.nulls(v);
            for (int i = 0; i < n; i++) {
                if (!Cols.valid(validity, i)) {
                    continue;
                }
                long xlo = data.getLong((long) i * 16);
                long xhi = data.getLong((long) i * 16 + 8);
                int g = groupIds[i];
                if (!has[g]) {
                    lo[g] = xlo;
                    hi[g] = xhi;
                    has[g] = true;
                    continue;
                }
                int c = xhi != hi[g] ? Long.compare(xhi, hi[g]) : Long.compareUnsigned(xlo, lo[g]);
                if (max ? c > 0 : c < 0) {
                    lo[g] = xlo;
                    hi[g] = xhi;
                }
            }
        }

        @Override
        void write(FieldVector out, int numGroups) {
            ArrowBuf data = out.getDataBuffer();
            for (int g = 0; g < numGroups; g++) {
                if (has[g]) {
                    data.setLong((long) g * 16, lo[g]);
                    data.setLong((long) g * 16 + 8, hi[g]);
                    Cols.setValid(out, g);
                }
            }
        }

        @Override
        public long sizeInBytes() {
            return 17L * lo.length;
        }
    }

    /** Booleans: false < true, so min is AND and max is OR. */
    static final class Bools extends MinMaxAccumulator {
        private boolean[] best = new boolean[0];

        Bools(DataType type, boolean max) {
            super(type, max);
        }

        @Override
        void resize(int newCapacity) {
            super.resize(newCapacity);
            best = Arrays.copyOf(best, newCapacity);
        }

        @Override
        void fold(FieldVector v, int[] groupIds, int n) {
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf validity = Cols.nulls(v);
            for (int i = 0; i < n; i++) {
                if (!Cols.valid(validity, i)) {
                    continue;
                }
                boolean x = BitVectorHelper.get(data, i) != 0;
                int g = groupIds[i];
                best[g] = !has[g] ? x : (max ? best[g] | x : best[g] & x);
                has[g] = true;
            }
        }

        @Override
        void write(FieldVector out, int numGroups) {
            for (int g = 0; g < numGroups; g++) {
                if (has[g]) {
                    if (best[g]) {
                        BitVectorHelper.setBit(out.getDataBuffer(), g);
                    }
                    Cols.setValid(out, g);
                }
            }
        }

        @Override
        public long sizeInBytes() {
            return 2L * best.length;
        }
    }
}
