package dev.floe.arrow.kernels.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.Values;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregates over frames (segment tree, whole partition, gathered rows for non-decomposable
 * functions, a carried state) against the definition: each frame's values folded one by one.
 */
class FrameAggregatesTest {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        assertThat(allocator.getAllocatedMemory()).as("bytes leaked").isZero();
        allocator.close();
    }

    private static List<Long> data(int n, Random r) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(9) == 0 ? null : (long) r.nextInt(100) - 50);
        }
        return out;
    }

    /** Random frames, some empty, some past either edge of the partition. */
    private static int[][] frames(int n, Random r) {
        int[] start = new int[n];
        int[] end = new int[n];
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(n + 1);
            int b = r.nextInt(n + 1);
            start[i] = Math.min(a, b);
            end[i] = r.nextInt(7) == 0 ? start[i] : Math.max(a, b);
        }
        return new int[][] {start, end};
    }

    private List<Object> run(AggFunction f, List<Long> values, int[] start, int[] end) {
        int n = values.size();
        try (FieldVector in = Values.toVector("v", DataType.int64(), values, allocator);
                FieldVector out = FrameAggregates.evaluate(() -> f.create(DataType.int64(), 1, allocator),
                        f.decomposable(), f == AggFunction.COUNT_ALL ? null : in, DataType.int64(),
                        f.resultType(DataType.int64()), start, end, n, allocator)) {
            return Batches.values(out, f.resultType(DataType.int64()));
        }
    }

    private static Object expected(AggFunction f, List<Long> values, int s, int e) {
        long sum = 0;
        long count = 0;
        Long min = null;
        Long max = null;
        TreeSet<Long> distinct = new TreeSet<>();
        for (int j = s; j < e; j++) {
            Long v = values.get(j);
            if (v != null) {
                sum += v;
                count++;
                min = min == null ? v : Math.min(min, v);
                max = max == null ? v : Math.max(max, v);
                distinct.add(v);
            }
        }
        return switch (f) {
            case SUM -> count == 0 ? null : sum;
            case COUNT -> count;
            case COUNT_ALL -> (long) (e - s);
            case MIN -> min;
            case MAX -> max;
            case MEAN -> count == 0 ? null : (double) sum / count;
            case COUNT_DISTINCT -> (long) distinct.size();
            default -> throw new IllegalArgumentException(f.toString());
        };
    }

    @Test
    void everyFrameMatchesFoldingItsRows() {
        Random r = new Random(12);
        for (int n : new int[] {1, 2, 3, 7, 64, 333, 1000}) {
            List<Long> values = data(n, r);
            int[][] f = frames(n, r);
            for (AggFunction fn : List.of(AggFunction.SUM, AggFunction.COUNT, AggFunction.COUNT_ALL, AggFunction.MIN,
                    AggFunction.MAX, AggFunction.MEAN, AggFunction.COUNT_DISTINCT)) {
                List<Object> actual = run(fn, values, f[0], f[1]);
                for (int i = 0; i < n; i++) {
                    assertThat(actual.get(i)).as("%s over rows [%d, %d) of %d", fn, f[0][i], f[1][i], n)
                            .isEqualTo(expected(fn, values, f[0][i], f[1][i]));
                }
            }
        }
    }

    @Test
    void wholePartitionAndRunningFramesWithACarriedState() {
        Random r = new Random(5);
        List<Long> values = data(300, r);
        int n = values.size();
        int[] zero = new int[n];
        int[] all = new int[n];
        java.util.Arrays.fill(all, n);
        List<Object> whole = run(AggFunction.MAX, values, zero, all);
        assertThat(whole).containsOnly(expected(AggFunction.MAX, values, 0, n));
        // the first 100 rows come as a carry; rows 100.. see carry + their running frame
        try (FieldVector in = Values.toVector("v", DataType.int64(), values, allocator);
                FieldVector rest = Values.toVector("v", DataType.int64(), values.subList(100, n), allocator)) {
            List<FieldVector> carry = FrameAggregates.carryOver(
                    () -> AggFunction.SUM.create(DataType.int64(), 1, allocator), null, in, 100, allocator);
            int m = n - 100;
            int[] start = new int[m];
            int[] end = new int[m];
            for (int i = 0; i < m; i++) {
                end[i] = i + 1;
            }
            try (FieldVector out = FrameAggregates.evaluate(() -> AggFunction.SUM.create(DataType.int64(), 1, allocator),
                    true, rest, DataType.int64(), DataType.int64(), start, end, m, carry, allocator)) {
                List<Object> got = Batches.values(out, DataType.int64());
                for (int i = 0; i < m; i++) {
                    assertThat(got.get(i)).isEqualTo(expected(AggFunction.SUM, values, 0, 100 + i + 1));
                }
            } finally {
                carry.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void runningFramesFoldInOnePassAsTheAccumulatorsDo() {
        Random r = new Random(9);
        for (int n : new int[] {1, 5, 400}) {
            List<Long> values = data(n, r);
            int[] start = new int[n];
            int[] end = new int[n];
            for (int i = 0, e = 0; i < n; i++) {
                e = Math.min(n, Math.max(e, i + 1 + (r.nextBoolean() ? r.nextInt(3) : 0)));
                end[i] = e;
            }
            assertThat(RunningAggregates.isRunning(start, end, n)).isTrue();
            for (AggFunction fn : List.of(AggFunction.SUM, AggFunction.COUNT, AggFunction.COUNT_ALL, AggFunction.MIN,
                    AggFunction.MAX)) {
                assertThat(RunningAggregates.supports(fn, DataType.int64())).isTrue();
                try (FieldVector in = Values.toVector("v", DataType.int64(), values, allocator);
                        FieldVector out = RunningAggregates.evaluate(fn, fn == AggFunction.COUNT_ALL ? null : in,
                                DataType.int64(), end, n, null, allocator)) {
                    List<Object> got = Batches.values(out, fn.resultType(DataType.int64()));
                    for (int i = 0; i < n; i++) {
                        assertThat(got.get(i)).as("running %s to row %d", fn, end[i])
                                .isEqualTo(expected(fn, values, 0, end[i]));
                    }
                }
            }
        }
        assertThat(RunningAggregates.supports(AggFunction.MEAN, DataType.int64())).isFalse();
    }
}
