package dev.floe.operators.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowFrame;
import dev.floe.api.expr.WindowOp;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.testing.StepHarness;
import dev.floe.operators.testing.TestBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window step after the sort, driven by the step harness: partitions (null keys included) are
 * evaluated whole, and one partition far larger than the budget streams through ranks and a
 * running sum in pieces (its peak held memory stays a fraction of the partition) with the same
 * result as a reference computed here row by row.
 */
class WindowSpecTest {
    private static final Schema INPUT = Schema.of(Field.of("g", DataType.int64()), Field.of("k", DataType.int64()),
            Field.of("v", DataType.int64()), Field.of("id", DataType.int64()));
    private static final WindowFrame RUNNING = WindowFrame.range(WindowFrame.UNBOUNDED_PRECEDING, 0L);

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("window-spec");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    /** g: 3 partitions and null (or one partition), k: many ties, v: values with nulls, id: unique. */
    private static List<List<Object>> rows(int n, boolean onePartition) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long g = onePartition ? Long.valueOf(7) : i % 13 == 0 ? null : Long.valueOf(i % 3);
            Long v = i % 7 == 0 ? null : (long) ((i * 31) % 101) - 50;
            rows.add(Arrays.asList(g, (long) ((i * 7919) % 500), v, (long) i));
        }
        return rows;
    }

    private static List<dev.floe.operators.step.StepSpec> pipeline() {
        List<WindowCall> calls = List.of(
                new WindowCall(WindowOp.ROW_NUMBER, null, -1, -1, 0, RUNNING, null, DataType.int64()),
                new WindowCall(WindowOp.RANK, null, -1, -1, 0, RUNNING, null, DataType.int64()),
                new WindowCall(WindowOp.DENSE_RANK, null, -1, -1, 0, RUNNING, null, DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.SUM, new Column("v")), 2, -1, 0, RUNNING, DataType.int64(),
                        DataType.int64()));
        List<Field> out = new ArrayList<>(INPUT.fields());
        for (String name : List.of("rn", "r", "dr", "s")) {
            out.add(Field.of(name, DataType.int64()));
        }
        SortSpec sort = new SortSpec(INPUT, List.of(SortKey.of(new Column("g")), SortKey.of(new Column("k"))), null);
        WindowSpec window = new WindowSpec(INPUT, List.of(0), List.of(1), List.of(Sorting.Order.of(false)), calls,
                Schema.of(out.toArray(Field[]::new)), "Window: test");
        return List.of(sort, window);
    }

    /** Row numbers follow the arrival order among ties, so the reference checks them as a set per peer group. */
    private static void assertRunningWindows(List<List<Object>> input, List<List<Object>> result) {
        assertThat(result).hasSize(input.size());
        Object group = new Object();
        long rows = 0;
        long rank = 0;
        long dense = 0;
        long sum = 0;
        boolean any = false;
        int i = 0;
        while (i < result.size()) {
            List<Object> first = result.get(i);
            if (!java.util.Objects.equals(first.get(0), group)) {
                group = first.get(0);
                rows = 0;
                dense = 0;
                sum = 0;
                any = false;
            }
            int j = i;
            while (j < result.size() && java.util.Objects.equals(result.get(j).get(0), group)
                    && result.get(j).get(1).equals(first.get(1))) {
                Object v = result.get(j).get(2);
                if (v != null) {
                    sum += (Long) v;
                    any = true;
                }
                j++;
            }
            rank = rows + 1;
            dense++;
            for (int r = i; r < j; r++) {
                List<Object> row = result.get(r);
                assertThat(row.get(4)).as("row number of row %d", r).isEqualTo(rows + 1 + (r - i));
                assertThat(row.subList(5, 8)).as("rank, dense rank, sum of row %d", r)
                        .isEqualTo(Arrays.asList(rank, dense, any ? sum : null));
            }
            rows += j - i;
            i = j;
        }
    }

    @Test
    void partitionsWithNullKeysAreEvaluatedWhole() {
        List<List<Object>> input = rows(10_000, false);
        try (StepHarness h = StepHarness.steps(pipeline()).open()) {
            TestBatches.pushAll(h, INPUT, input, 3000, leakCheck.get());
            assertRunningWindows(input, h.finish());
        }
    }

    @Test
    void aPartitionPastTheBudgetStreamsInPieces() {
        List<List<Object>> input = rows(40_000, true);
        long partitionBytes = 40_000L * 4 * 9;
        try (StepHarness h = StepHarness.steps(pipeline()).budget(256 << 10).open()) {
            TestBatches.pushAll(h, INPUT, input, 8000, leakCheck.get());
            assertRunningWindows(input, h.finish());
            assertThat(h.spillFiles()).as("sort runs spilled").isPositive();
            assertThat(h.metrics().get(1).peakMemory()).as("bytes the window step held at most")
                    .isPositive().isLessThan(partitionBytes / 4);
            System.out.printf("window streaming: %d rows in one partition, sort spilled %d files / %d bytes,"
                            + " window step peak %d bytes (partition ~%d bytes)%n", input.size(), h.spillFiles(),
                    h.spillBytes(), h.metrics().get(1).peakMemory(), partitionBytes);
        }
    }

    /** One partition whose v is a function of the order key k, so that any order among ties gives the same values. */
    private static List<List<Object>> keyedRows(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long k = (i * 7919L) % (n / 12);
            Long v = k % 7 == 0 ? null : (k * 31) % 101 - 50;
            rows.add(Arrays.asList(7L, k, v, (long) i));
        }
        return rows;
    }

    /** Functions with a bounded look-behind and look-ahead, with ranks (peers) among them. */
    private static List<dev.floe.operators.step.StepSpec> boundedPipeline() {
        WindowFrame around = WindowFrame.rows(-5, 3);
        List<WindowCall> calls = List.of(
                new WindowCall(WindowOp.ROW_NUMBER, null, -1, -1, 0, RUNNING, null, DataType.int64()),
                new WindowCall(WindowOp.RANK, null, -1, -1, 0, RUNNING, null, DataType.int64()),
                new WindowCall(WindowOp.DENSE_RANK, null, -1, -1, 0, RUNNING, null, DataType.int64()),
                new WindowCall(WindowOp.LAG, null, 2, -1, 3, RUNNING, DataType.int64(), DataType.int64()),
                new WindowCall(WindowOp.LEAD, null, 2, 1, 2, RUNNING, DataType.int64(), DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.SUM, new Column("v")), 2, -1, 0, around, DataType.int64(),
                        DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.MIN, new Column("v")), 2, -1, 0, WindowFrame.rows(-2, 2),
                        DataType.int64(), DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.COUNT, new Column("v")), 2, -1, 0,
                        WindowFrame.rows(WindowFrame.UNBOUNDED_PRECEDING, 2), DataType.int64(), DataType.int64()),
                new WindowCall(WindowOp.FIRST_VALUE, null, 2, -1, 0, WindowFrame.rows(-3, 0), DataType.int64(),
                        DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.SUM, new Column("v")), 2, -1, 0, RUNNING, DataType.int64(),
                        DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.COUNT_DISTINCT, new Column("v")), 2, -1, 0,
                        WindowFrame.rows(-4, -1), DataType.int64(), DataType.int64()));
        List<Field> out = new ArrayList<>(INPUT.fields());
        for (int i = 0; i < calls.size(); i++) {
            out.add(Field.of("w" + i, DataType.int64()));
        }
        SortSpec sort = new SortSpec(INPUT, List.of(SortKey.of(new Column("g")), SortKey.of(new Column("k"))), null);
        WindowSpec window = new WindowSpec(INPUT, List.of(0), List.of(1), List.of(Sorting.Order.of(false)), calls,
                Schema.of(out.toArray(Field[]::new)), "Window: bounded");
        assertThat(window.streams()).as("every function streams").isTrue();
        assertThat(window.lookBehind()).isEqualTo(5);
        assertThat(window.lookAhead()).isEqualTo(3);
        return List.of(sort, window);
    }

    /** The rows without the id column (the only one whose order among ties is free). */
    private static List<List<Object>> withoutIds(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            List<Object> c = new ArrayList<>(r);
            c.remove(3);
            out.add(c);
        }
        return out;
    }

    @Test
    void boundedFramesLagLeadAndRanksStreamAPartitionPastTheBudget() {
        List<List<Object>> input = keyedRows(60_000);
        long partitionBytes = 60_000L * 4 * 9;
        List<List<Object>> whole;
        try (StepHarness h = StepHarness.steps(boundedPipeline()).budget(1L << 30).open()) {
            TestBatches.pushAll(h, INPUT, input, 8000, leakCheck.get());
            whole = withoutIds(h.finish());
            assertThat(h.metrics().get(1).peakMemory()).as("held whole under a large budget")
                    .isGreaterThan(partitionBytes / 2);
        }
        try (StepHarness h = StepHarness.steps(boundedPipeline()).budget(256 << 10).open()) {
            TestBatches.pushAll(h, INPUT, input, 8000, leakCheck.get());
            List<List<Object>> streamed = withoutIds(h.finish());
            assertThat(streamed).hasSize(input.size());
            for (int i = 0; i < streamed.size(); i++) {
                assertThat(streamed.get(i)).as("row %d streamed vs whole", i).isEqualTo(whole.get(i));
            }
            assertThat(h.spillFiles()).as("sort runs spilled").isPositive();
            assertThat(h.metrics().get(1).peakMemory()).as("bytes the window step held at most")
                    .isPositive().isLessThan(partitionBytes / 4);
        }
        // spot checks of the whole-partition values against the definitions, on the sorted keys
        List<Long> keys = input.stream().map(r -> (Long) r.get(1)).sorted().toList();
        java.util.function.IntFunction<Long> v = i -> keys.get(i) % 7 == 0 ? null : (keys.get(i) * 31) % 101 - 50;
        for (int i : new int[] {0, 1, 4, 5, 777, 30_000, 59_996, 59_999}) {
            List<Object> row = whole.get(i);
            assertThat(row.get(3)).as("row number").isEqualTo((long) i + 1);
            assertThat(row.get(6)).as("lag 3").isEqualTo(i >= 3 ? v.apply(i - 3) : null);
            assertThat(row.get(7)).as("lead 2, default k").isEqualTo(i + 2 < keys.size() ? v.apply(i + 2) : keys.get(i));
            Long sum = null;
            for (int j = Math.max(0, i - 5); j <= Math.min(keys.size() - 1, i + 3); j++) {
                if (v.apply(j) != null) {
                    sum = (sum == null ? 0 : sum) + v.apply(j);
                }
            }
            assertThat(row.get(8)).as("sum over rows -5..3 of row %d", i).isEqualTo(sum);
        }
    }

    /** percentRank, cumeDist, ntile and whole-partition aggregates with ranks and lag: two passes over a spilled partition. */
    private static List<dev.floe.operators.step.StepSpec> sizedPipeline() {
        WindowFrame whole = WindowFrame.rows(WindowFrame.UNBOUNDED_PRECEDING, WindowFrame.UNBOUNDED_FOLLOWING);
        List<WindowCall> calls = List.of(
                new WindowCall(WindowOp.PERCENT_RANK, null, -1, -1, 0, RUNNING, null, DataType.float64()),
                new WindowCall(WindowOp.CUME_DIST, null, -1, -1, 0, RUNNING, null, DataType.float64()),
                new WindowCall(WindowOp.NTILE, null, -1, -1, 7, RUNNING, null, DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.SUM, new Column("v")), 2, -1, 0, whole, DataType.int64(),
                        DataType.int64()),
                new WindowCall(null, AggExpr.of(AggFunction.COUNT, new Column("v")), 2, -1, 0, whole, DataType.int64(),
                        DataType.int64()),
                new WindowCall(WindowOp.RANK, null, -1, -1, 0, RUNNING, null, DataType.int64()),
                new WindowCall(WindowOp.LAG, null, 2, -1, 2, RUNNING, DataType.int64(), DataType.int64()));
        List<Field> out = new ArrayList<>(INPUT.fields());
        for (int i = 0; i < calls.size(); i++) {
            out.add(Field.of("w" + i, calls.get(i).outputType()));
        }
        SortSpec sort = new SortSpec(INPUT, List.of(SortKey.of(new Column("g")), SortKey.of(new Column("k"))), null);
        WindowSpec window = new WindowSpec(INPUT, List.of(0), List.of(1), List.of(Sorting.Order.of(false)), calls,
                Schema.of(out.toArray(Field[]::new)), "Window: sized");
        assertThat(window.streams()).isFalse();
        assertThat(window.streamsWhenSized()).isTrue();
        return List.of(sort, window);
    }

    @Test
    void sizeDependentFunctionsTakeTwoPassesOverAPartitionPastTheBudget() {
        List<List<Object>> input = keyedRows(60_000);
        // a second, small partition after the large one: the first pass must end where it ends
        for (int i = 0; i < 100; i++) {
            input.add(Arrays.asList(9L, (long) (i % 10), (long) i, 100_000L + i));
        }
        long partitionBytes = 60_000L * 4 * 9;
        List<List<Object>> whole;
        try (StepHarness h = StepHarness.steps(sizedPipeline()).budget(1L << 30).open()) {
            TestBatches.pushAll(h, INPUT, input, 8000, leakCheck.get());
            whole = withoutIds(h.finish());
        }
        try (StepHarness h = StepHarness.steps(sizedPipeline()).budget(256 << 10).open()) {
            TestBatches.pushAll(h, INPUT, input, 8000, leakCheck.get());
            List<List<Object>> streamed = withoutIds(h.finish());
            assertThat(streamed).hasSize(input.size());
            for (int i = 0; i < streamed.size(); i++) {
                assertThat(streamed.get(i)).as("row %d streamed vs whole", i).isEqualTo(whole.get(i));
            }
            assertThat(h.metrics().get(1).spillBytes()).as("the window step's first pass spilled").isPositive();
            assertThat(h.metrics().get(1).peakMemory()).as("bytes the window step held at most")
                    .isPositive().isLessThan(partitionBytes / 4);
        }
        // the definitions, on the large partition's first and last rows
        long n = 60_000;
        assertThat(whole.get(0).subList(3, 6)).isEqualTo(Arrays.asList(0.0, 12.0 / n, 1L));
        assertThat(whole.get(59_999).subList(3, 6)).isEqualTo(Arrays.asList((n - 12.0) / (n - 1), 1.0, 7L));
        assertThat(whole.get(60_000).subList(3, 6)).as("the small partition").isEqualTo(Arrays.asList(0.0, 0.1, 1L));
    }
}
