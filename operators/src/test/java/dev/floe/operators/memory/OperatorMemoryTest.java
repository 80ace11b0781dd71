package dev.floe.operators.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.SortKey;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.blocking.AggCall;
import dev.floe.operators.blocking.AggregateSpec;
import dev.floe.operators.blocking.SortSpec;
import dev.floe.operators.step.StepSpec;
import dev.floe.operators.testing.StepHarness;
import dev.floe.operators.testing.TestBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A memory budget smaller than one batch (issue 11 item 17): with {@code floe.operator.memory-budget}
 * at 128 KiB, a 2 MiB batch used to fail with Arrow's OutOfMemoryException when it was decoded into
 * an allocator capped at twice the budget. The budget governs spilling; the allocator must still
 * hold one wide batch and its working copies.
 */
class OperatorMemoryTest {
    private static final long BUDGET = 128 << 10;
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.int64()), Field.of("s", DataType.string()));
    private static final int ROWS = 40_000;

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("operator-memory");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    /** One batch of about 2 MiB: 40,000 rows with 40-character strings. */
    private static List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(Arrays.asList((i * 7919L) % 3000, String.format("%040d", i)));
        }
        return rows;
    }

    private List<List<Object>> run(StepSpec step, List<List<Object>> rows) {
        try (StepHarness h = StepHarness.steps(List.of(step)).budget(BUDGET).open()) {
            RecordBatch wide = TestBatches.batch(INPUT, rows, 0, rows.size(), leakCheck.get());
            assertThat(wide.sizeInBytes()).as("one batch").isGreaterThan(4 * BUDGET);
            h.push(wide);
            List<List<Object>> out = h.finish();
            assertThat(h.spillFiles()).as("state past the budget still spills").isPositive();
            return out;
        }
    }

    @Test
    void sortOfABatchWiderThanTwiceTheBudgetSpillsInsteadOfFailing() {
        List<List<Object>> rows = rows();
        List<List<Object>> expected = new ArrayList<>(rows);
        expected.sort((a, b) -> ((String) b.get(1)).compareTo((String) a.get(1)));
        assertThat(run(new SortSpec(INPUT, List.of(new SortKey(new Column("s"), true, true)), null), rows))
                .isEqualTo(expected);
    }

    @Test
    void aggregationOfABatchWiderThanTwiceTheBudgetSpillsInsteadOfFailing() {
        Schema out = Schema.of(Field.of("k", DataType.int64()), Field.of("n", DataType.int64()));
        AggregateSpec agg = new AggregateSpec(AggregateSpec.Mode.COMPLETE, INPUT, 1,
                List.of(new AggCall(AggFunction.COUNT_ALL, -1, DataType.nullType(), 0)), out, 0, "Aggregate: k");
        List<List<Object>> rows = rows();
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (List<Object> r : rows) {
            counts.merge((Long) r.get(0), 1L, Long::sum);
        }
        List<List<Object>> expected = new ArrayList<>();
        counts.forEach((k, n) -> expected.add(Arrays.asList(k, n)));
        assertThat(TestBatches.sortedText(run(agg, rows))).isEqualTo(TestBatches.sortedText(expected));
    }
}
