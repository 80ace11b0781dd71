package dev.floe.arrow.kernels.agg;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Open-addressing hash sets of (group id, value) pairs over primitive arrays, for COUNT_DISTINCT.
 * {@link Fixed} holds values of up to 128 bits as two longs; {@link Bytes} keeps variable-width
 * values in one growing byte arena.
 */
final class DistinctSet {
    private static final int EMPTY = -1;

    private DistinctSet() {
    }

    static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /** Pairs (group, a, b) where (a, b) is a value of at most 128 bits. */
    static final class Fixed {
        private int[] groups = new int[0];
        private long[] as = new long[0];
        private long[] bs = new long[0];
        private int size;
        private int mask = -1;

        /** Adds the pair; true when it was not there yet. */
        boolean add(int group, long a, long b) {
            if (size >= (groups.length >> 1)) {
                rehash(Math.max(64, groups.length * 2));
            }
            int h = mix(a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + group);
            int idx = h & mask;
            while (true) {
                int g = groups[idx];
                if (g == EMPTY) {
                    groups[idx] = group;
                    as[idx] = a;
                    bs[idx] = b;
                    size++;
                    return true;
                }
                if (g == group && as[idx] == a && bs[idx] == b) {
                    return false;
                }
                idx = (idx + 1) & mask;
            }
        }

        private void rehash(int capacity) {
            int[] og = groups;
            long[] oa = as;
            long[] ob = bs;
            groups = new int[capacity];
            Arrays.fill(groups, EMPTY);
            as = new long[capacity];
            bs = new long[capacity];
            mask = capacity - 1;
            size = 0;
            for (int k = 0; k < og.length; k++) {
                if (og[k] != EMPTY) {
                    add(og[k], oa[k], ob[k]);
                }
            }
        }

        long sizeInBytes() {
            return 20L * groups.length;
        }
    }

    /** Pairs (group, bytes) with the bytes copied into an arena once, when first seen. */
    static final class Bytes {
        private int[] groups = new int[0];
        private int[] hashes = new int[0];
        private int[] starts = new int[0];
        private int[] lengths = new int[0];
        private byte[] arena = new byte[0];
        private int arenaUsed;
        private int size;
        private int mask = -1;

        static int hash(ArrowBuf data, int start, int len) {
            long h = 0x27D4EB2F165667C5L + len;
            int k = 0;
            for (; k + 8 <= len; k += 8) {
                h = (h ^ data.getLong(start + k)) * 0x9E3779B97F4A7C15L;
                h = Long.rotateLeft(h, 29);
            }
            for (; k < len; k++) {
                h = (h ^ (data.getByte(start + k) & 0xFF)) * 0x100000001B3L;
            }
            return mix(h);
        }

        /** Adds (group, data[start, start + len)); true when it was not there yet. */
        boolean add(int group, ArrowBuf data, int start, int len) {
            if (size >= (groups.length >> 1)) {
                rehash(Math.max(64, groups.length * 2));
            }
            int h = hash(data, start, len) * 31 + mix(group);
            int idx = h & mask;
            while (true) {
                int g = groups[idx];
                if (g == EMPTY) {
                    groups[idx] = group;
                    hashes[idx] = h;
                    starts[idx] = append(data, start, len);
                    lengths[idx] = len;
                    size++;
                    return true;
                }
                if (g == group && hashes[idx] == h && lengths[idx] == len && same(data, start, starts[idx], len)) {
                    return false;
                }
                idx = (idx + 1) & mask;
            }
        }

        private boolean same(ArrowBuf data, int start, int at, int len) {
            byte[] a = arena;
            for (int k = 0; k < len; k++) {
                if (data.getByte(start + k) != a[at + k]) {
                    return false;
                }
            }
            return true;
        }

        private int append(ArrowBuf data, int start, int len) {
            if (arenaUsed + len > arena.length) {
                arena = Arrays.copyOf(arena, Cols.grow(arena.length, arenaUsed + len));
            }
            data.getBytes(start, arena, arenaUsed, len);
            int at = arenaUsed;
            arenaUsed += len;
            return at;
        }

        private void rehash(int capacity) {
            int[] og = groups;
            int[] oh = hashes;
            int[] os = starts;
            int[] ol = lengths;
            groups = new int[capacity];
            Arrays.fill(groups, EMPTY);
            hashes = new int[capacity];
            starts = new int[capacity];
            lengths = new int[capacity];
            mask = capacity - 1;
            for (int k = 0; k < og.length; k++) {
                if (og[k] != EMPTY) {
                    int idx = oh[k] & mask;
                    while (groups[idx] != EMPTY) {
                        idx = (idx + 1) & mask;
                    }
                    groups[idx] = og[k];
                    hashes[idx] = oh[k];
                    starts[idx] = os[k];
                    lengths[idx] = ol[k];
                }
            }
        }

        long sizeInBytes() {
            return 16L * groups.length + arena.length;
        }
    }
}
