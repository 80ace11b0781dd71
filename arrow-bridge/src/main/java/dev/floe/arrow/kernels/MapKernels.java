package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Kernels over maps (Arrow's Map: a list of entry structs of a non-null key and a nullable value):
 * value of a key, the keys, the values, and a map built from a list of keys and a list of values.
 * They read the map's offsets and validity and its entries' key and value vectors directly and
 * compare keys with the allocation-free {@link ValueOps}; results are the entries' children taken
 * by computed indexes, so every key and value type works the same way. A null map gives null, as
 * in DuckDB and Spark.
 *
 * <pre>{@code FieldVector v = MapKernels.get(maps, keys, DataType.string(), DataType.int64(), allocator);}</pre>
 */
public final class MapKernels {
    private MapKernels() {
    }

    private static int start(ListVector l, int i) {
        return l.getOffsetBuffer().getInt((long) i * 4);
    }

    private static int end(ListVector l, int i) {
        return l.getOffsetBuffer().getInt((long) (i + 1) * 4);
    }

    private static FieldVector entryChild(ListVector maps, int ordinal) {
        return (FieldVector) ((StructVector) maps.getDataVector()).getChildByOrdinal(ordinal);
    }

    /**
     * The value of each row's key in each row's map; null when the map or the key is null, or the
     * key is not in the map (DuckDB's {@code map_extract_value}, Spark's {@code element_at}).
     */
    public static FieldVector get(ListVector maps, FieldVector keys, DataType keyType, DataType valueType,
            BufferAllocator allocator) {
        int n = maps.getValueCount();
        FieldVector mapKeys = entryChild(maps, 0);
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            pick[i] = -1;
            if (maps.isNull(i) || keys.isNull(i)) {
                continue;
            }
            for (int e = start(maps, i), end = end(maps, i); e < end; e++) {
                if (ValueOps.equal(mapKeys, e, keys, i, keyType)) {
                    pick[i] = e;
                    break;
                }
            }
        }
        return NestedKernels.takeOrNull(entryChild(maps, 1), valueType, pick, n, allocator);
    }

    /** The keys of each map as a list, in stored order; a null map gives null. */
    public static ListVector keys(ListVector maps, DataType keyType, BufferAllocator allocator) {
        return entries(maps, 0, keyType, allocator);
    }

    /** The values of each map as a list, in the order of its keys; a null map gives null. */
    public static ListVector values(ListVector maps, DataType valueType, BufferAllocator allocator) {
        return entries(maps, 1, valueType, allocator);
    }

    private static ListVector entries(ListVector maps, int ordinal, DataType type, BufferAllocator allocator) {
        int n = maps.getValueCount();
        int[] sizes = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            sizes[i] = maps.isNull(i) ? -1 : end(maps, i) - start(maps, i);
            total += Math.max(0, sizes[i]);
        }
        int[] pick = new int[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int e = start(maps, i), end = sizes[i] < 0 ? e : end(maps, i); e < end; e++) {
                pick[k++] = e;
            }
        }
        return ListFunctionKernels.assemble(entryChild(maps, ordinal), type, pick, total, sizes, n, allocator);
    }

    /**
     * A map per row from a list of keys and a list of values, paired by position (Spark's
     * {@code map_from_arrays}, DuckDB's {@code map(keys, values)}). Null when either list is null;
     * a null key, a repeated key, or lists of different lengths fail naming the row.
     */
    public static MapVector fromArrays(ListVector keyLists, ListVector valueLists, DataType keyType, DataType valueType,
            BufferAllocator allocator) {
        int n = keyLists.getValueCount();
        FieldVector keys = keyLists.getDataVector();
        int[] sizes = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            if (keyLists.isNull(i) || valueLists.isNull(i)) {
                sizes[i] = -1;
                continue;
            }
            int ks = start(keyLists, i);
            int len = end(keyLists, i) - ks;
            int vlen = end(valueLists, i) - start(valueLists, i);
            if (len != vlen) {
                throw new KernelException("map_from_arrays needs as many keys as values, but row " + i + " has "
                        + len + " keys and " + vlen + " values");
            }
            for (int a = ks; a < ks + len; a++) {
                if (keys.isNull(a)) {
                    throw new KernelException("map_from_arrays: row " + i + " has a null key (position " + (a - ks)
                            + "); map keys cannot be null, filter or coalesce them first");
                }
                for (int b = ks; b < a; b++) {
                    if (ValueOps.equal(keys, a, keys, b, keyType)) {
                        throw new KernelException("map_from_arrays: row " + i + " repeats the key at positions "
                                + (b - ks) + " and " + (a - ks) + "; map keys must be unique");
                    }
                }
            }
            sizes[i] = len;
            total += len;
        }
        int[] keyPick = new int[total];
        int[] valuePick = new int[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (sizes[i] > 0) {
                int ks = start(keyLists, i);
                int vs = start(valueLists, i);
                for (int j = 0; j < sizes[i]; j++, k++) {
                    keyPick[k] = ks + j;
                    valuePick[k] = vs + j;
                }
            }
        }
        MapVector out = (MapVector) Buffers.allocate(DataType.map(keyType, valueType), n, allocator);
        try (FieldVector takenKeys = NestedKernels.takeOrNull(keys, keyType, keyPick, total, allocator);
                FieldVector takenValues = NestedKernels.takeOrNull(valueLists.getDataVector(), valueType, valuePick,
                        total, allocator)) {
            StructVector entries = (StructVector) out.getDataVector();
            takenKeys.makeTransferPair(entries.getChildByOrdinal(0)).transfer();
            takenValues.makeTransferPair(entries.getChildByOrdinal(1)).transfer();
            while (entries.getValueCapacity() < total) {
                entries.reAlloc();
            }
            for (int e = 0; e < total; e++) {
                BitVectorHelper.setBit(entries.getValidityBuffer(), e);
            }
            entries.setValueCount(total);
            ListFunctionKernels.setSizes(out, sizes, n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
