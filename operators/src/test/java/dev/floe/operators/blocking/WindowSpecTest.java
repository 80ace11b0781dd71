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
}
