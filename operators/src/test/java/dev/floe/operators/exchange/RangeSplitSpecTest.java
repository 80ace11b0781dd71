package dev.floe.operators.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.SortKey;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.testing.StepHarness;
import dev.floe.operators.testing.TestBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A range exchange without Flink: two subtasks sample, one step picks boundaries, a split routes
 * rows. Checked against the definition of a range partitioning: every row lands exactly once, the
 * key ranges of the partitions follow each other in the sort order (nulls last), no key value is in
 * two partitions, and a sample of a uniform key spreads the rows over every partition.
 */
class RangeSplitSpecTest {
    private static final Schema INPUT = Schema.of(Field.of("a", DataType.int64()), Field.of("id", DataType.int64()));
    private static final int PARTITIONS = 4;
    private static final RangeSpec RANGE = new RangeSpec(INPUT, List.of(new SortKey(new Column("a"), false, false)),
            PARTITIONS, 500);

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("range-split");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    private static List<List<Object>> rows(int from, int to) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(Arrays.asList(i % 53 == 0 ? null : (i * 7919L) % 1000, (long) i));
        }
        return rows;
    }

    /** The samples one subtask emits for {@code rows}. */
    private List<List<Object>> sample(List<List<Object>> rows) {
        try (StepHarness h = StepHarness.steps(List.of(new SampleSpec(RANGE))).open()) {
            TestBatches.pushAll(h, INPUT, rows, 1000, leakCheck.get());
            List<List<Object>> out = h.finish();
            assertThat(out).hasSize(500);
            return out;
        }
    }

    /** Splits {@code rows} given the samples of every subtask; returns partition -> rows. */
    private Map<Integer, List<List<Object>>> split(List<List<Object>> samples, List<List<Object>> rows) {
        Map<Integer, List<List<Object>>> byPartition = new HashMap<>();
        try (StepHarness b = StepHarness.steps(List.of(new BoundariesSpec(RANGE))).open()) {
            if (!samples.isEmpty()) {
                b.push(TestBatches.batch(RANGE.keySchema(), samples, 0, samples.size(), leakCheck.get()));
            }
            List<List<Object>> boundaries = b.finish();
            assertThat(boundaries).hasSize(samples.isEmpty() ? 0 : PARTITIONS - 1);
            List<RecordBatch> cuts = b.output();
            try (StepHarness s = StepHarness.steps(List.of(new RangeSplitSpec(RANGE, 0))).broadcasts(List.of(cuts))
                    .open()) {
                TestBatches.pushAll(s, INPUT, rows, 1500, leakCheck.get());
                s.finish();
                for (int i = 0; i < s.output().size(); i++) {
                    int p = s.partitions().get(i);
                    assertThat(p).isBetween(0, PARTITIONS - 1);
                    RecordBatch out = s.output().get(i);
                    for (int r = 0; r < out.numRows(); r++) {
                        byPartition.computeIfAbsent(p, k -> new ArrayList<>())
                                .add(Arrays.asList(out.vector(0).getObject(r), out.vector(1).getObject(r)));
                    }
                }
            }
        }
        return byPartition;
    }

    @Test
    void everyRowLandsOnceInTheRangeThatHoldsItsKey() {
        List<List<Object>> first = rows(0, 20_000);
        List<List<Object>> second = rows(20_000, 30_000);
        List<List<Object>> samples = new ArrayList<>(sample(first));
        samples.addAll(sample(second));
        List<List<Object>> all = new ArrayList<>(first);
        all.addAll(second);
        Map<Integer, List<List<Object>>> parts = split(samples, all);

        List<List<Object>> landed = new ArrayList<>();
        parts.values().forEach(landed::addAll);
        assertThat(TestBatches.sortedText(landed)).isEqualTo(TestBatches.sortedText(all));
        long previousMax = Long.MIN_VALUE;
        boolean nullSeen = false;
        for (int p = 0; p < PARTITIONS; p++) {
            List<List<Object>> rows = parts.getOrDefault(p, List.of());
            assertThat(rows.size()).as("rows in partition %d", p).isBetween(all.size() / 10, all.size() * 4 / 10);
            assertThat(nullSeen).as("a partition after the nulls").isFalse();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (List<Object> r : rows) {
                if (r.get(0) == null) {
                    nullSeen = true;
                } else {
                    min = Math.min(min, (Long) r.get(0));
                    max = Math.max(max, (Long) r.get(0));
                }
            }
            assertThat(min).as("smallest key of partition %d after the keys of the one before", p)
                    .isGreaterThan(previousMax);
            previousMax = max;
        }
    }

    @Test
    void withoutSamplesEveryRowGoesToPartitionZero() {
        List<List<Object>> rows = rows(0, 3000);
        Map<Integer, List<List<Object>>> parts = split(List.of(), rows);
        assertThat(parts.keySet()).containsExactly(0);
        assertThat(parts.get(0)).hasSize(rows.size());
    }
}
