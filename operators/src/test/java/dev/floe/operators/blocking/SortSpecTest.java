package dev.floe.operators.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.SortKey;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.step.LimitSpec;
import dev.floe.operators.testing.StepHarness;
import dev.floe.operators.testing.TestBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sort (in memory, and past its budget through spilled sorted runs and {@link SortedRunMerger}),
 * top-N and limit, driven by the step harness, against {@link List#sort} with a comparator written
 * here from the ordering rules (ascending puts nulls last, descending nulls first).
 */
class SortSpecTest {
    private static final Schema INPUT = Schema.of(Field.of("a", DataType.int64()), Field.of("s", DataType.string()),
            Field.of("id", DataType.int64()));
    private static final int ROWS = 50_000;

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("sort-spec");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    /** a: 500 values with nulls (many ties), s: text, id: unique (makes the order total). */
    private static List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Long a = i % 41 == 0 ? null : (i * 7919L) % 500;
            rows.add(Arrays.asList(a, "row-" + ((i * 31) % 977), (long) i));
        }
        return rows;
    }

    /** a DESC (nulls first), then id ASC. */
    private static final List<SortKey> KEYS = List.of(new SortKey(new Column("a"), true, true),
            new SortKey(new Column("id"), false, false));

    private static List<List<Object>> reference(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        Comparator<List<Object>> byA = Comparator.comparing(r -> (Long) r.get(0),
                Comparator.nullsFirst(Comparator.<Long>reverseOrder()));
        sorted.sort(byA.thenComparing(r -> (Long) r.get(2)));
        return sorted;
    }

    private void assertSorts(long budget, boolean expectSpill) {
        List<List<Object>> rows = rows();
        try (StepHarness h = StepHarness.steps(List.of(new SortSpec(INPUT, KEYS, null))).budget(budget).open()) {
            TestBatches.pushAll(h, INPUT, rows, 4000, leakCheck.get());
            List<List<Object>> result = h.finish();
            assertThat(h.spillFiles() > 0).as("spilled").isEqualTo(expectSpill);
            assertThat(result).isEqualTo(reference(rows));
            assertThat(h.metrics().get(0).rowsOut()).isEqualTo(ROWS);
        }
    }

    @Test
    void sortsInMemory() {
        assertSorts(0, false);
    }

    @Test
    void sortPastItsBudgetMergesSpilledRuns() {
        assertSorts(512 << 10, true);
    }

    @Test
    void topNKeepsTheFirstRowsInOrder() {
        List<List<Object>> rows = rows();
        try (StepHarness h = StepHarness.steps(List.of(new SortSpec(INPUT, KEYS, 777L))).open()) {
            TestBatches.pushAll(h, INPUT, rows, 3000, leakCheck.get());
            assertThat(h.finish()).isEqualTo(reference(rows).subList(0, 777));
        }
    }

    @Test
    void limitPassesTheFirstRowsAndStopsTheInput() {
        List<List<Object>> rows = rows();
        try (StepHarness h = StepHarness.steps(List.of(new LimitSpec(INPUT, 4500))).open()) {
            TestBatches.pushAll(h, INPUT, rows.subList(0, 6000), 1000, leakCheck.get());
            assertThat(h.finish()).isEqualTo(rows.subList(0, 4500));
            assertThat(h.metrics().get(0).rowsIn()).isEqualTo(6000);
            assertThat(h.metrics().get(0).rowsOut()).isEqualTo(4500);
        }
    }
}
