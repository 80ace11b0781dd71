package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Hashing;
import dev.floe.arrow.kernels.Selection;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A random sample (see {@link dev.floe.api.plan.Sample}): each row's uniform draw in [0, 1) is the
 * hash of its values mixed with the seed, so the sample depends on the seed and the rows only.
 * Without replacement a row stays when its draw is below the fraction (Bernoulli); with
 * replacement it appears the Poisson(fraction) quantile of its draw times (inverse transform).
 */
public record RowSampleSpec(Schema inputSchema, double fraction, boolean withReplacement, long seed)
        implements StepSpec {

    /** The largest fraction sampled with replacement (the Poisson quantile loop stays short and exact). */
    public static final double MAX_REPLACEMENT_FRACTION = 100;

    @Override public Schema outputSchema() { return inputSchema; }

    @Override
    public String describe() {
        return "Sample: " + fraction + (withReplacement ? " with replacement" : "") + ", seed " + seed;
    }

    @Override public int managedMemoryWeight() { return 0; }

    /** Emits input rows (some repeated) unchanged. */
    @Override public boolean keepsColumns(List<String> columns) { return true; }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        return Step.map(input -> {
            try (input) {
                int n = input.numRows();
                List<FieldVector> vectors = new ArrayList<>(inputSchema.size());
                for (int c = 0; c < inputSchema.size(); c++) {
                    vectors.add(input.vector(c));
                }
                long[] h = Hashing.hashRows(vectors, inputSchema.types(), n);
                int[] rows = chosenRows(h, n, fraction, withReplacement, seed);
                if (rows.length == 0) {
                    return null;
                }
                return ReplicateSpec.takeExcept(input, inputSchema, -1, rows, inputSchema, allocator);
            }
        });
    }

    /** The rows to emit, in row order, given each row's hash. */
    static int[] chosenRows(long[] hashes, int n, double fraction, boolean withReplacement, long seed) {
        int[] out = new int[Math.max(16, n)];
        int k = 0;
        double p0 = Math.exp(-fraction);
        for (int i = 0; i < n; i++) {
            double u = uniform(hashes[i], seed);
            int times;
            if (!withReplacement) {
                times = u < fraction ? 1 : 0;
            } else {
                // smallest t with P(X <= t) > u, X ~ Poisson(fraction)
                times = 0;
                double p = p0;
                double cdf = p;
                while (u >= cdf && times < 10_000) {
                    times++;
                    p *= fraction / times;
                    cdf += p;
                }
            }
            for (int t = 0; t < times; t++) {
                if (k == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** A uniform double in [0, 1) from a row hash and the seed (SplitMix64's finalizer over both). */
    static double uniform(long hash, long seed) {
        long z = hash ^ (seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
