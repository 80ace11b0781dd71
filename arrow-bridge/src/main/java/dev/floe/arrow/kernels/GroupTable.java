package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
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
    // one integer/date/float key: slot s holds the key at 2s and group id + 1 at 2s + 1 (0 = empty),
    // so a probe touches one cache line instead of slots, groupHash and the key array
    private final KeyStore.LongStore oneLong;
    private long[] longSlots;
    private int nullGroup = -1;
    private long[] groupHash;
    private int numGroups;
    private boolean closed;
    private final Hashing.Hasher hasher = new Hashing.Hasher();

    public GroupTable(List<DataType> keyTypes, BufferAllocator allocator) {
        this(keyTypes, 0, allocator);
    }

    /**
     * A table sized for about {@code expectedGroups} groups from the start (a join's build side
     * knows its row count), so that inserting them rehashes nothing.
     */
    public GroupTable(List<DataType> keyTypes, int expectedGroups, BufferAllocator allocator) {
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
        int capacity = INITIAL_SLOTS;
        while (capacity < (1 << 30) && (long) expectedGroups * 2 > capacity) {
            capacity *= 2;
        }
        oneLong = stores.length == 1 && stores[0] instanceof KeyStore.LongStore single ? single : null;
        if (oneLong != null) {
            longSlots = new long[2 * capacity];
        } else {
            slots = new int[capacity];
            Arrays.fill(slots, -1);
        }
        mask = capacity - 1;
        groupHash = new long[capacity / 2];
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
            if (oneLong != null) {
                lookupOneLong(oneLong, hashes, n, add, ids);
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

    /** The common case of one integer/date/float key, probing {@link #longSlots}. */
    private void lookupOneLong(KeyStore.LongStore store, long[] hashes, int n, boolean add, int[] ids) {
        long[] probe = store.probe;
        long[] table = longSlots;
        int m = mask;
        for (int i = 0; i < n; i++) {
            if (store.probeNull(i)) {
                if (nullGroup < 0 && add) {
                    nullGroup = addGroup(hashes[i], i);
                }
                ids[i] = nullGroup;
                continue;
            }
            long key = probe[i];
            int slot = (int) hashes[i] & m;
            while (true) {
                long stored = table[2 * slot + 1];
                if (stored == 0) {
                    int g = -1;
                    if (add) {
                        g = addGroup(hashes[i], i);
                        table[2 * slot] = key;
                        table[2 * slot + 1] = g + 1L;
                        if ((long) numGroups * 2 > m + 1) {
                            rehash();
                            table = longSlots;
                            m = mask;
                        }
                    }
                    ids[i] = g;
                    break;
                }
                if (table[2 * slot] == key) {
                    ids[i] = (int) (stored - 1);
                    break;
                }
                slot = (slot + 1) & m;
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
        if (oneLong != null) {
            rehashOneLong();
            return;
        }
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

    private void rehashOneLong() {
        int capacity = (mask + 1) * 2;
        long[] next = new long[2 * capacity];
        int m = capacity - 1;
        long[] values = oneLong.values;
        for (int g = 0; g < numGroups; g++) {
            if (g == nullGroup) {
                continue;
            }
            int slot = (int) groupHash[g] & m;
            while (next[2 * slot + 1] != 0) {
                slot = (slot + 1) & m;
            }
            next[2 * slot] = values[g];
            next[2 * slot + 1] = g + 1L;
        }
        longSlots = next;
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
        long total = (slots != null ? slots.length * 4L : longSlots.length * 8L) + groupHash.length * 8L
                + hasher.sizeInBytes();
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
}
