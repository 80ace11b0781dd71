package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Vectorized row hashing over key columns, for hash shuffles, group-by and join tables. Hashes
 * are deterministic across JVMs: values hash by their bytes or numeric value, never by identity.
 * Keys that are equal as group/join keys hash equal: all NaNs alike, -0.0 like 0.0, strings by
 * their UTF-8 bytes; nulls hash to a fixed constant.
 *
 * <pre>{@code
 * long[] h = Hashing.hashRows(List.of(batch.vector("o_custkey")), List.of(DataType.int64()), batch.numRows());
 * int[] target = Hashing.partitionsOf(h, batch.numRows(), parallelism);
 * }</pre>
 */
public final class Hashing {
    private Hashing() {
    }

    /**
     * 64-bit hash of each of the n rows over all key vectors, combined column by column and
     * finished with a full-avalanche mix (so any bits of the result may be used).
     */
    public static long[] hashRows(List<FieldVector> keys, List<DataType> types, int n) {
        long[] h = new long[n];
        hashRows(keys, types, n, h, null);
        return h;
    }

    /**
     * {@link #hashRows(List, List, int)} into {@code h} (length at least n), using {@code scratch}
     * (null, or at least n long) for one-long key columns; allocates nothing when both are given.
     */
    static void hashRows(List<FieldVector> keys, List<DataType> types, int n, long[] h, long[] scratch) {
        if (keys.size() != types.size()) {
            throw new IllegalArgumentException(keys.size() + " key vectors but " + types.size() + " key types");
        }
        java.util.Arrays.fill(h, 0, n, ValueOps.SEED);
        for (int c = 0; c < keys.size(); c++) {
            FieldVector v = keys.get(c);
            DataType t = types.get(c);
            if (t.kind() == DataType.Kind.NULL) {
                for (int i = 0; i < n; i++) {
                    h[i] = ValueOps.mix(h[i], ValueOps.NULL_HASH);
                }
                continue;
            }
            boolean noNulls = v.getNullCount() == 0;
            ArrowBuf validity = v.getValidityBuffer();
            switch (Physical.of(t)) {
                case LONG, ULONG, DOUBLE, BOOL -> {
                    if (scratch == null) {
                        scratch = new long[n];
                    }
                    PrimitiveKeys.read(v, t, n, scratch);
                    combine(h, scratch, noNulls, validity, n);
                }
                case DECIMAL -> {
                    ArrowBuf d = v.getDataBuffer();
                    for (int i = 0; i < n; i++) {
                        long x = noNulls || BitVectorHelper.get(validity, i) != 0
                                ? ValueOps.decimalHash(d.getLong((long) i * 16), d.getLong((long) i * 16 + 8))
                                : ValueOps.NULL_HASH;
                        h[i] = ValueOps.mix(h[i], x);
                    }
                }
                case BYTES -> {
                    ArrowBuf d = v.getDataBuffer();
                    ArrowBuf off = v.getOffsetBuffer();
                    int start = n == 0 ? 0 : off.getInt(0);
                    for (int i = 0; i < n; i++) {
                        int end = off.getInt((long) (i + 1) * 4);
                        long x = noNulls || BitVectorHelper.get(validity, i) != 0
                                ? ValueOps.hashBytes(d, start, end - start)
                                : ValueOps.NULL_HASH;
                        h[i] = ValueOps.mix(h[i], x);
                        start = end;
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        h[i] = ValueOps.mix(h[i], ValueOps.hash(v, t, i));
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            h[i] = ValueOps.fmix(h[i]);
        }
    }

    private static void combine(long[] h, long[] x, boolean noNulls, ArrowBuf validity, int n) {
        if (noNulls) {
            for (int i = 0; i < n; i++) {
                h[i] = ValueOps.mix(h[i], x[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                h[i] = ValueOps.mix(h[i], BitVectorHelper.get(validity, i) != 0 ? x[i] : ValueOps.NULL_HASH);
            }
        }
    }

    /**
     * Target partition of each row in [0, numPartitions): the high 32 bits of the hash scaled to
     * the range (multiply-shift), so hash tables that index by the low bits stay well spread
     * inside each partition.
     */
    public static int[] partitionsOf(long[] hashes, int n, int numPartitions) {
        int[] out = new int[n];
        partitionsOf(hashes, n, numPartitions, out);
        return out;
    }

    /** {@link #partitionsOf(long[], int, int)} into {@code out} (length at least n). */
    public static void partitionsOf(long[] hashes, int n, int numPartitions, int[] out) {
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive, got " + numPartitions);
        }
        for (int i = 0; i < n; i++) {
            out[i] = partitionOf(hashes[i], numPartitions);
        }
    }

    /** The partition of one hash, the rule {@link #partitionsOf} applies to each row. */
    public static int partitionOf(long hash, int numPartitions) {
        return (int) (((hash >>> 32) * numPartitions) >>> 32);
    }

    /**
     * Hashing state an operator keeps across batches: results land in arrays it owns and reuses,
     * so a warmed hash split or hash table allocates nothing per batch.
     *
     * <pre>{@code
     * Hashing.Hasher hasher = new Hashing.Hasher();
     * long[] h = hasher.hash(keys, types, n);             // valid until the next call
     * int[] p = hasher.partitions(h, n, parallelism);     // likewise
     * }</pre>
     */
    public static final class Hasher {
        private long[] hashes = new long[0];
        private long[] scratch = new long[0];
        private int[] partitions = new int[0];

        /** Hashes of the n rows (as {@link Hashing#hashRows}) in a reused array whose length may exceed n. */
        public long[] hash(List<FieldVector> keys, List<DataType> types, int n) {
            if (hashes.length < n) {
                hashes = new long[n];
                scratch = new long[n];
            }
            hashRows(keys, types, n, hashes, scratch);
            return hashes;
        }

        /** Partitions of the first n hashes in a reused array whose length may exceed n. */
        public int[] partitions(long[] h, int n, int numPartitions) {
            if (partitions.length < n) {
                partitions = new int[n];
            }
            partitionsOf(h, n, numPartitions, partitions);
            return partitions;
        }

        /** Bytes of the arrays it keeps. */
        public long sizeInBytes() {
            return hashes.length * 8L + scratch.length * 8L + partitions.length * 4L;
        }
    }
}
