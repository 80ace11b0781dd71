package dev.floe.arrow.kernels;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.Float8Vector;

/**
 * Values that depend on a row's place, not its contents: uniform and normal pseudo-random numbers
 * and Spark's monotonically increasing ids. The generator is counter-based: the value at position
 * p of a stream is {@code mix(key + p * GAMMA)} with SplitMix64's finalizer, so it depends only on
 * the stream's key (from the seed and the partition) and on p, never on how rows are cut into
 * batches. Never null. The numbers are Floe's own, not another engine's.
 */
public final class RandomKernels {
    /** SplitMix64's increment (the odd integer closest to 2^64 / golden ratio). */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;
    private static final int PARTITION_SHIFT = 33;

    private RandomKernels() {
    }

    /** The stream of one partition for one seed. */
    public static long streamKey(long seed, int partition) {
        return mix(mix(seed) + (partition + 1L) * GAMMA);
    }

    /** {@code n} uniform values in [0, 1) at positions {@code first .. first + n - 1} of the stream. */
    public static Float8Vector uniform(long key, long first, int n, BufferAllocator allocator) {
        Float8Vector out = allocated(n, allocator);
        ArrowBuf data = out.getDataBuffer();
        for (int i = 0; i < n; i++) {
            data.setDouble((long) i * 8, unit(key, first + i));
        }
        return out;
    }

    /**
     * {@code n} standard normal values at positions {@code first ..} of the stream (Box-Muller on two
     * uniforms drawn from the position's two sub-positions).
     */
    public static Float8Vector normal(long key, long first, int n, BufferAllocator allocator) {
        Float8Vector out = allocated(n, allocator);
        ArrowBuf data = out.getDataBuffer();
        for (int i = 0; i < n; i++) {
            long p = (first + i) << 1;
            double u1 = 1.0 - unit(key, p); // (0, 1]: log stays finite
            double u2 = unit(key, p + 1);
            data.setDouble((long) i * 8, Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
        }
        return out;
    }

    /**
     * Spark's {@code monotonically_increasing_id}: {@code partition << 33 | position} for positions
     * {@code first .. first + n - 1}; unique across partitions while a partition has fewer than
     * 2^33 rows and fewer than 2^31 partitions.
     */
    public static BigIntVector monotonicIds(int partition, long first, int n, BufferAllocator allocator) {
        if (first + n > 1L << PARTITION_SHIFT) {
            throw new KernelException("monotonically_increasing_id: partition " + partition + " has more than 2^33 rows,"
                    + " so its ids would overlap the next partition's; use more partitions (repartition)");
        }
        BigIntVector out = new BigIntVector("out", allocator);
        out.allocateNew(n);
        setAllValid(out.getValidityBuffer(), n);
        ArrowBuf data = out.getDataBuffer();
        long base = ((long) partition << PARTITION_SHIFT) + first;
        for (int i = 0; i < n; i++) {
            data.setLong((long) i * 8, base + i);
        }
        out.setValueCount(n);
        return out;
    }

    private static double unit(long key, long position) {
        return (mix(key + position * GAMMA) >>> 11) * UNIT;
    }

    /** SplitMix64's output function (Steele, Lea, Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Float8Vector allocated(int n, BufferAllocator allocator) {
        Float8Vector out = new Float8Vector("out", allocator);
        out.allocateNew(n);
        setAllValid(out.getValidityBuffer(), n);
        out.setValueCount(n);
        return out;
    }

    private static void setAllValid(ArrowBuf validity, int n) {
        int full = n / 8;
        validity.setOne(0, full);
        for (int i = full * 8; i < n; i++) {
            BitVectorHelper.setBit(validity, i);
        }
    }
}
