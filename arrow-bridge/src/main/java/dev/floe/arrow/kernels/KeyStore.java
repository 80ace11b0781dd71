package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * The keys of one {@link GroupTable} column, one subclass per physical layout: values stored per
 * group id with group-by equality (null = null, NaN = NaN, -0.0 = 0.0, bytes by content), plus
 * the probe vector bound for the batch being looked up.
 */
abstract class KeyStore {
    final DataType type;
    long[] nulls = new long[8];
    ArrowBuf probeValidity;
    boolean probeNoNulls;

    KeyStore(DataType type) {
        this.type = type;
    }

    static KeyStore of(DataType t, BufferAllocator allocator) {
        if (t.kind() == DataType.Kind.NULL) {
            return new NullStore(t);
        }
        return switch (Physical.of(t)) {
            case LONG, ULONG, DOUBLE, BOOL -> new LongStore(t);
            case DECIMAL -> new DecimalStore(t);
            case BYTES -> new BytesStore(t, allocator);
            default -> new OtherStore(t, allocator);
        };
    }

    void bind(FieldVector v, int n) {
        probeNoNulls = v.getNullCount() == 0;
        probeValidity = v.getValidityBuffer();
    }

    void unbind() {
        probeValidity = null;
    }

    final boolean probeNull(int i) {
        return !probeNoNulls && BitVectorHelper.get(probeValidity, i) == 0;
    }

    final boolean storedNull(int g) {
        return (nulls[g >>> 6] & (1L << g)) != 0;
    }

    final boolean isStoredNull(int g) {
        return g >>> 6 < nulls.length && storedNull(g);
    }

    final void setStoredNull(int g) {
        if ((g >>> 6) >= nulls.length) {
            nulls = Arrays.copyOf(nulls, Math.max(nulls.length * 2, (g >>> 6) + 1));
        }
        nulls[g >>> 6] |= 1L << g;
    }

    /** Null-aware equality; subclasses compare non-null values in {@link #valueEqual}. */
    boolean equal(int g, int i) {
        boolean pn = probeNull(i);
        boolean sn = isStoredNull(g);
        if (pn || sn) {
            return pn && sn;
        }
        return valueEqual(g, i);
    }

    abstract boolean valueEqual(int g, int i);

    /** Appends probe row i as group g (g equals the current count). */
    void append(int g, int i) {
        if (probeNull(i)) {
            setStoredNull(g);
            appendNull(g);
        } else {
            appendValue(g, i);
        }
    }

    abstract void appendValue(int g, int i);

    void appendNull(int g) {
    }

    abstract FieldVector toVector(String name, int count, BufferAllocator allocator);

    long sizeInBytes() {
        return nulls.length * 8L;
    }

    void close() {
    }

    final void setValidity(FieldVector out, int count) {
        ArrowBuf validity = out.getValidityBuffer();
        for (int g = 0; g < count; g++) {
            if (!storedNull(g)) {
                BitVectorHelper.setBit(validity, g);
            }
        }
    }

    final void ensureNullsFor(int count) {
        int words = (count + 63) >>> 6;
        if (words > nulls.length) {
            nulls = Arrays.copyOf(nulls, words);
        }
    }

    /** Keys that fit one long ({@link PrimitiveKeys}). */
    static final class LongStore extends KeyStore {
        long[] values = new long[512];
        long[] probe = new long[0];

        LongStore(DataType type) {
            super(type);
        }

        @Override
        void bind(FieldVector v, int n) {
            super.bind(v, n);
            if (probe.length < n) {
                probe = new long[n];
            }
            PrimitiveKeys.read(v, type, n, probe);
        }

        @Override
        boolean valueEqual(int g, int i) {
            return values[g] == probe[i];
        }

        @Override
        void appendValue(int g, int i) {
            if (g == values.length) {
                values = Arrays.copyOf(values, g * 2);
            }
            values[g] = probe[i];
        }

        @Override
        void appendNull(int g) {
            if (g == values.length) {
                values = Arrays.copyOf(values, g * 2);
            }
            values[g] = 0;
        }

        @Override
        FieldVector toVector(String name, int count, BufferAllocator allocator) {
            ensureNullsFor(count);
            FieldVector out = type.toArrowField(name).createVector(allocator);
            out.setInitialCapacity(count);
            out.allocateNew();
            ArrowBuf d = out.getDataBuffer();
            int w = Physical.width(type);
            switch (Physical.of(type)) {
                case DOUBLE -> {
                    for (int g = 0; g < count; g++) {
                        Buffers.writeDouble(d, w, g, Double.longBitsToDouble(values[g]));
                    }
                }
                case BOOL -> {
                    for (int g = 0; g < count; g++) {
                        if (values[g] != 0) {
                            BitVectorHelper.setBit(d, g);
                        }
                    }
                }
                default -> {
                    for (int g = 0; g < count; g++) {
                        Buffers.writeLong(d, w, g, values[g]);
                    }
                }
            }
            setValidity(out, count);
            out.setValueCount(count);
            return out;
        }

        @Override
        long sizeInBytes() {
            return super.sizeInBytes() + values.length * 8L + probe.length * 8L;
        }
    }

    /** decimal128 keys as two words per group. */
    private static final class DecimalStore extends KeyStore {
        private long[] words = new long[1024];
        private ArrowBuf probe;

        DecimalStore(DataType type) {
            super(type);
        }

        @Override
        void bind(FieldVector v, int n) {
            super.bind(v, n);
            probe = v.getDataBuffer();
        }

        @Override
        void unbind() {
            super.unbind();
            probe = null;
        }

        @Override
        boolean valueEqual(int g, int i) {
            return words[2 * g] == probe.getLong((long) i * 16) && words[2 * g + 1] == probe.getLong((long) i * 16 + 8);
        }

        @Override
        void appendValue(int g, int i) {
            grow(g);
            words[2 * g] = probe.getLong((long) i * 16);
            words[2 * g + 1] = probe.getLong((long) i * 16 + 8);
        }

        @Override
        void appendNull(int g) {
            grow(g);
            words[2 * g] = 0;
            words[2 * g + 1] = 0;
        }

        private void grow(int g) {
            if (2 * g + 1 >= words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
        }

        @Override
        FieldVector toVector(String name, int count, BufferAllocator allocator) {
            ensureNullsFor(count);
            FieldVector out = type.toArrowField(name).createVector(allocator);
            out.setInitialCapacity(count);
            out.allocateNew();
            ArrowBuf d = out.getDataBuffer();
            for (int g = 0; g < count; g++) {
                Decimals.write(d, g, words[2 * g], words[2 * g + 1]);
            }
            setValidity(out, count);
            out.setValueCount(count);
            return out;
        }

        @Override
        long sizeInBytes() {
            return super.sizeInBytes() + words.length * 8L;
        }
    }

    /** string/binary keys: bytes in one Arrow buffer, int offsets in an array. */
    private static final class BytesStore extends KeyStore {
        private final BufferAllocator allocator;
        private ArrowBuf data;
        private int[] offsets = new int[513];
        private ArrowBuf probeData;
        private ArrowBuf probeOffsets;

        BytesStore(DataType type, BufferAllocator allocator) {
            super(type);
            this.allocator = allocator;
            this.data = allocator.buffer(8192);
        }

        @Override
        void bind(FieldVector v, int n) {
            super.bind(v, n);
            probeData = v.getDataBuffer();
            probeOffsets = v.getOffsetBuffer();
        }

        @Override
        void unbind() {
            super.unbind();
            probeData = null;
            probeOffsets = null;
        }

        @Override
        boolean valueEqual(int g, int i) {
            int s = probeOffsets.getInt((long) i * 4);
            int len = probeOffsets.getInt((long) (i + 1) * 4) - s;
            int gs = offsets[g];
            return ValueOps.bytesEqual(data, gs, offsets[g + 1] - gs, probeData, s, len);
        }

        @Override
        void appendValue(int g, int i) {
            int s = probeOffsets.getInt((long) i * 4);
            int len = probeOffsets.getInt((long) (i + 1) * 4) - s;
            int start = offsets[g];
            long end = (long) start + len;
            if (end > Integer.MAX_VALUE) {
                throw new KernelException("Group keys of type " + type + " exceed 2 GiB of bytes in one table; "
                        + "raise the parallelism so each task holds fewer distinct keys");
            }
            if (end > data.capacity()) {
                ArrowBuf bigger = allocator.buffer(Math.min(Integer.MAX_VALUE, Math.max(end, data.capacity() * 2)));
                bigger.setBytes(0, data, 0, start);
                data.close();
                data = bigger;
            }
            data.setBytes(start, probeData, s, len);
            ensureOffsets(g);
            offsets[g + 1] = (int) end;
        }

        @Override
        void appendNull(int g) {
            ensureOffsets(g);
            offsets[g + 1] = offsets[g];
        }

        private void ensureOffsets(int g) {
            if (g + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
        }

        @Override
        FieldVector toVector(String name, int count, BufferAllocator target) {
            ensureNullsFor(count);
            BaseVariableWidthVector out = (BaseVariableWidthVector) type.toArrowField(name).createVector(target);
            int bytes = offsets[count];
            out.allocateNew(Math.max(bytes, 1), count);
            out.getDataBuffer().setBytes(0, data, 0, bytes);
            ArrowBuf off = out.getOffsetBuffer();
            for (int g = 0; g <= count; g++) {
                off.setInt((long) g * 4, offsets[g]);
            }
            setValidity(out, count);
            out.setLastSet(count - 1);
            out.setValueCount(count);
            return out;
        }

        @Override
        long sizeInBytes() {
            return super.sizeInBytes() + data.capacity() + offsets.length * 4L;
        }

        @Override
        void close() {
            data.close();
        }
    }

    /** list, struct and interval keys: kept in an Arrow vector, compared value by value. */
    private static final class OtherStore extends KeyStore {
        private final FieldVector stored;
        private FieldVector probe;

        OtherStore(DataType type, BufferAllocator allocator) {
            super(type);
            stored = type.toArrowField("k").createVector(allocator);
            stored.allocateNew();
        }

        @Override
        void bind(FieldVector v, int n) {
            super.bind(v, n);
            probe = v;
        }

        @Override
        void unbind() {
            super.unbind();
            probe = null;
        }

        @Override
        boolean equal(int g, int i) {
            return ValueOps.equal(stored, g, probe, i, type);
        }

        @Override
        boolean valueEqual(int g, int i) {
            return ValueOps.equal(stored, g, probe, i, type);
        }

        @Override
        void append(int g, int i) {
            // copies nulls as nulls; setValueCount keeps offsets of nested vectors filled
            stored.copyFromSafe(i, g, probe);
            stored.setValueCount(g + 1);
        }

        @Override
        void appendValue(int g, int i) {
            append(g, i);
        }

        @Override
        FieldVector toVector(String name, int count, BufferAllocator allocator) {
            FieldVector out = type.toArrowField(name).createVector(allocator);
            out.setInitialCapacity(count);
            out.allocateNew();
            for (int g = 0; g < count; g++) {
                out.copyFromSafe(g, g, stored);
            }
            out.setValueCount(count);
            return out;
        }

        @Override
        long sizeInBytes() {
            return super.sizeInBytes() + stored.getBufferSize();
        }

        @Override
        void close() {
            stored.close();
        }
    }

    /** nullType keys: every value is null, so all rows share one key. */
    private static final class NullStore extends KeyStore {
        NullStore(DataType type) {
            super(type);
        }

        @Override
        boolean equal(int g, int i) {
            return true;
        }

        @Override
        boolean valueEqual(int g, int i) {
            return true;
        }

        @Override
        void bind(FieldVector v, int n) {
            probeNoNulls = true;
        }

        @Override
        void appendValue(int g, int i) {
        }

        @Override
        FieldVector toVector(String name, int count, BufferAllocator allocator) {
            FieldVector out = type.toArrowField(name).createVector(allocator);
            out.setValueCount(count);
            return out;
        }
    }
}
