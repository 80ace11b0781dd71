package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Assigns dense group ids (0, 1, 2, ... in first-seen order) to rows by their key values, across
 * many batches: the core of hash aggregation, distinct and hash-join build sides. Keys live in
 * primitive arrays (one-long types, decimals) and an Arrow buffer (string/binary bytes) that the
 * table owns; the hash index is open addressing with linear probing over the hashes of
 * {@link Hashing#hashRows}, so no Java object is created per row.
 *
 * <p>Key equality is group-by equality: null equals null, NaN equals NaN, -0.0 equals 0.0,
 * strings and binary by bytes. Stored float keys are normalized (one NaN, 0.0 for -0.0). With no
 * key columns every row is group 0 (the group exists once a row has been inserted).
 *
 * <pre>{@code
 * try (GroupTable groups = new GroupTable(List.of(DataType.string()), allocator)) {
 *     int[] ids = groups.insert(List.of(batch.vector("l_returnflag")), batch.numRows());
 *     List<FieldVector> distinct = groups.keys(allocator); // caller closes
 * }
 * }</pre>
 */
public final class GroupTable implements AutoCloseable {
    private static final int INITIAL_SLOTS = 1024;

    private final List<DataType> keyTypes;
    private final KeyStore[] stores;
    private int[] slots;
    private int mask;
    private long[] groupHash;
    private int numGroups;
    private boolean closed;
    private final Hashing.Hasher hasher = new Hashing.Hasher();

    public GroupTable(List<DataType> keyTypes, BufferAllocator allocator) {
        this.keyTypes = List.copyOf(keyTypes);
        this.stores = new KeyStore[this.keyTypes.size()];
        try {
            for (int c = 0; c < stores.length; c++) {
                stores[c] = KeyStore.of(this.keyTypes.get(c), allocator);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        slots = new int[INITIAL_SLOTS];
        Arrays.fill(slots, -1);
        mask = INITIAL_SLOTS - 1;
        groupHash = new long[INITIAL_SLOTS / 2];
    }

    /** Group id of each of the n rows, adding new groups. */
    public int[] insert(List<FieldVector> keys, int n) {
        int[] ids = new int[n];
        lookup(keys, n, true, ids);
        return ids;
    }

    /** {@link #insert(List, int)} into {@code ids} (length at least n): allocates nothing once warmed. */
    public void insert(List<FieldVector> keys, int n, int[] ids) {
        lookup(keys, n, true, ids);
    }

    /**
     * Group id of each row, or -1 when the key is not in the table (nothing is added). Null key
     * values are looked up like any value (callers that want SQL join semantics mask nulls).
     */
    public int[] find(List<FieldVector> keys, int n) {
        int[] ids = new int[n];
        lookup(keys, n, false, ids);
        return ids;
    }

    /** {@link #find(List, int)} into {@code ids} (length at least n). */
    public void find(List<FieldVector> keys, int n, int[] ids) {
        lookup(keys, n, false, ids);
    }

    private void lookup(List<FieldVector> keys, int n, boolean add, int[] ids) {
        checkOpen();
        if (keys.size() != stores.length) {
            throw new IllegalArgumentException("The table has " + stores.length + " key columns but "
                    + keys.size() + " vectors were given");
        }
        if (stores.length == 0) {
            if (add && n > 0) {
                numGroups = 1;
            }
            Arrays.fill(ids, 0, n, numGroups == 0 ? -1 : 0);
            return;
        }
        long[] hashes = hasher.hash(keys, keyTypes, n);
        for (int c = 0; c < stores.length; c++) {
            stores[c].bind(keys.get(c), n);
        }
        try {
            if (stores.length == 1 && stores[0] instanceof LongStore single) {
                lookupOneLong(single, hashes, n, add, ids);
                return;
            }
            for (int i = 0; i < n; i++) {
                long h = hashes[i];
                int slot = (int) h & mask;
                while (true) {
                    int g = slots[slot];
                    if (g < 0) {
                        if (add) {
                            g = addGroup(h, i);
                            slots[slot] = g;
                            if ((long) numGroups * 2 > slots.length) {
                                rehash();
                            }
                        }
                        ids[i] = g;
                        break;
                    }
                    if (groupHash[g] == h && rowEquals(g, i)) {
                        ids[i] = g;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        } finally {
            for (KeyStore s : stores) {
                s.unbind();
            }
        }
    }

    /** The common case of one integer/date/float key, with the store's arrays read directly. */
    private void lookupOneLong(LongStore store, long[] hashes, int n, boolean add, int[] ids) {
        long[] probe = store.probe;
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            boolean isNull = store.probeNull(i);
            long key = isNull ? 0 : probe[i]; // a null group stores 0 beside its null bit
            int slot = (int) h & mask;
            while (true) {
                int g = slots[slot];
                if (g < 0) {
                    if (add) {
                        g = addGroup(h, i);
                        slots[slot] = g;
                        if ((long) numGroups * 2 > slots.length) {
                            rehash();
                        }
                    }
                    ids[i] = g;
                    break;
                }
                if (groupHash[g] == h && store.values[g] == key && store.isStoredNull(g) == isNull) {
                    ids[i] = g;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    private boolean rowEquals(int g, int i) {
        for (KeyStore s : stores) {
            if (!s.equal(g, i)) {
                return false;
            }
        }
        return true;
    }

    private int addGroup(long h, int row) {
        int g = numGroups;
        if (g == groupHash.length) {
            groupHash = Arrays.copyOf(groupHash, g * 2);
        }
        groupHash[g] = h;
        for (KeyStore s : stores) {
            s.append(g, row);
        }
        numGroups = g + 1;
        return g;
    }

    private void rehash() {
        int capacity = slots.length * 2;
        int[] next = new int[capacity];
        Arrays.fill(next, -1);
        int m = capacity - 1;
        for (int g = 0; g < numGroups; g++) {
            int slot = (int) groupHash[g] & m;
            while (next[slot] >= 0) {
                slot = (slot + 1) & m;
            }
            next[slot] = g;
        }
        slots = next;
        mask = m;
    }

    public int numGroups() {
        return numGroups;
    }

    /** The distinct keys in group-id order as new vectors the caller owns, named k0, k1, .... */
    public List<FieldVector> keys(BufferAllocator allocator) {
        checkOpen();
        List<FieldVector> out = new ArrayList<>(stores.length);
        try {
            for (int c = 0; c < stores.length; c++) {
                out.add(stores[c].toVector("k" + c, numGroups, allocator));
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return out;
    }

    /** Bytes held (Arrow buffers + primitive arrays), for memory budgets. */
    public long sizeInBytes() {
        long total = slots.length * 4L + groupHash.length * 8L + hasher.sizeInBytes();
        for (KeyStore s : stores) {
            total += s.sizeInBytes();
        }
        return total;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (KeyStore s : stores) {
            if (s != null) {
                s.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("GroupTable is closed");
        }
    }

    /** The stored keys of one column plus the probe side bound for the current batch. */
    private abstract static class KeyStore {
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
    }

    /** Keys that fit one long ({@link PrimitiveKeys}). */
    private static final class LongStore extends KeyStore {
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
            appendNull(g);
            offsets[g + 1] = (int) end;
        }

        @Override
        void appendNull(int g) {
            if (g + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[g + 1] = offsets[g];
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
