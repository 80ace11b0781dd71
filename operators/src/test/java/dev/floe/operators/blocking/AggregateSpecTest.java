package dev.floe.operators.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.runtime.StepMetrics;
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
 * Hash aggregation driven by the step harness: two-phase (partial, then final with a budget so small
 * that the final table spills) and complete, against sums, counts and minimums computed here with
 * Java maps over the same rows.
 */
class AggregateSpecTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.int64()), Field.of("v", DataType.float64()),
            Field.of("x", DataType.int64()));
    private static final List<AggCall> AGGS = List.of(new AggCall(AggFunction.SUM, 1, DataType.float64(), 0),
            new AggCall(AggFunction.COUNT_ALL, -1, DataType.nullType(), 0),
            new AggCall(AggFunction.MIN, 2, DataType.int64(), 0));
    private static final Schema RESULT = Schema.of(Field.of("k", DataType.int64()), Field.of("sv", DataType.float64()),
            Field.of("n", DataType.int64()), Field.of("mx", DataType.int64()));
    private static final int ROWS = 60_000;
    private static final int GROUPS = 20_000;

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("aggregate-spec");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    /** k: 20,000 keys and null; v: halves (exact double sums), null every 13th row; x: scattered, never null. */
    private static List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Long k = i % 97 == 0 ? null : (i * 7919L) % GROUPS;
            Double v = i % 13 == 0 ? null : (i % 1000) * 0.5;
            rows.add(Arrays.asList(k, v, (i * 40_503L) % 100_000));
        }
        return rows;
    }

    /** group key -> [sum of v or null, count of rows, min of x], from the rows directly. */
    private static List<String> reference(List<List<Object>> rows) {
        Map<Object, Object[]> groups = new HashMap<>();
        for (List<Object> r : rows) {
            Object[] g = groups.computeIfAbsent(r.get(0), k -> new Object[] {null, 0L, Long.MAX_VALUE});
            if (r.get(1) != null) {
                g[0] = (g[0] == null ? 0.0 : (Double) g[0]) + (Double) r.get(1);
            }
            g[1] = (Long) g[1] + 1;
            g[2] = Math.min((Long) g[2], (Long) r.get(2));
        }
        List<List<Object>> out = new ArrayList<>();
        groups.forEach((k, g) -> out.add(Arrays.asList(k, g[0], g[1], g[2])));
        return TestBatches.sortedText(out);
    }

    private static Schema partialSchema() {
        List<Field> fields = new ArrayList<>(List.of(INPUT.field(0)));
        for (int i = 0; i < AGGS.size(); i++) {
            List<DataType> types = AggregateSpec.stateTypes(AGGS.get(i));
            for (int j = 0; j < types.size(); j++) {
                fields.add(Field.of("__s" + i + "_" + j, types.get(j)));
            }
        }
        return new Schema(fields);
    }

    @Test
    void finalAggregationPastItsBudgetSpillsAndMatchesTheReference() {
        List<List<Object>> rows = rows();
        Schema partial = partialSchema();
        AggregateSpec partialSpec = new AggregateSpec(AggregateSpec.Mode.PARTIAL, INPUT, 1, AGGS, partial, 4096,
                "PartialAggregate: k");
        AggregateSpec finalSpec = new AggregateSpec(AggregateSpec.Mode.FINAL, partial, 1, AGGS, RESULT, 0,
                "FinalAggregate: k");
        List<List<Object>> partialRows;
        try (StepHarness p = StepHarness.steps(List.of(partialSpec)).open()) {
            TestBatches.pushAll(p, INPUT, rows, 8192, leakCheck.get());
            partialRows = p.finish();
            // flushing every 4096 groups: the partial output repeats groups, so the final step has merging to do
            assertThat(partialRows.size()).isGreaterThan(GROUPS + 1);
        }
        try (StepHarness f = StepHarness.steps(List.of(finalSpec)).budget(256 << 10).open()) {
            TestBatches.pushAll(f, partial, partialRows, 4096, leakCheck.get());
            List<List<Object>> result = f.finish();
            assertThat(f.spillFiles()).as("spill files").isPositive();
            assertThat(TestBatches.sortedText(result)).isEqualTo(reference(rows));
            StepMetrics m = f.metrics().get(0);
            assertThat(m.rowsIn()).isEqualTo(partialRows.size());
            assertThat(m.rowsOut()).isEqualTo(GROUPS + 1);
            assertThat(m.spillBytes()).isEqualTo(f.spillBytes()).isPositive();
            assertThat(m.peakMemory()).isPositive();
        }
    }

    @Test
    void completeAggregationWithoutKeysOnEmptyInputGivesOneRow() {
        Schema result = Schema.of(Field.of("sv", DataType.float64()), Field.of("n", DataType.int64()),
                Field.of("mx", DataType.int64()));
        List<AggCall> aggs = List.of(new AggCall(AggFunction.SUM, 0, DataType.float64(), 0),
                new AggCall(AggFunction.COUNT_ALL, -1, DataType.nullType(), 0),
                new AggCall(AggFunction.MIN, 1, DataType.int64(), 0));
        Schema input = Schema.of(Field.of("v", DataType.float64()), Field.of("x", DataType.int64()));
        try (StepHarness h = StepHarness.steps(List.of(new AggregateSpec(AggregateSpec.Mode.COMPLETE, input, 0, aggs,
                result, 0, "Aggregate: sum(v), count(), min(x)"))).open()) {
            assertThat(h.finish()).containsExactly(Arrays.asList(null, 0L, null));
        }
    }

    @Test
    void twoInputAggregationWithoutKeysOnEmptyInputGivesOneNullRow() {
        Schema input = Schema.of(Field.of("x", DataType.float64()), Field.of("y", DataType.int64()));
        List<AggCall> aggs = List.of(new AggCall(AggFunction.COVARIANCE, 0, DataType.float64(),
                dev.floe.arrow.kernels.agg.AggOptions.DEFAULT, 1));
        try (StepHarness h = StepHarness.steps(List.of(new AggregateSpec(AggregateSpec.Mode.COMPLETE, input, 0, aggs,
                Schema.of(Field.of("c", DataType.float64())), 0, "Aggregate: covariance(x, y)"))).open()) {
            assertThat(h.finish()).containsExactly(Arrays.asList((Object) null));
        }
    }

    @Test
    void completeAggregationPastItsBudgetSpillsAndMatchesTheReference() {
        List<List<Object>> rows = rows();
        AggregateSpec spec = new AggregateSpec(AggregateSpec.Mode.COMPLETE, INPUT, 1, AGGS, RESULT, 0, "Aggregate: k");
        try (StepHarness h = StepHarness.steps(List.of(spec)).budget(256 << 10).open()) {
            TestBatches.pushAll(h, INPUT, rows, 5000, leakCheck.get());
            List<List<Object>> result = h.finish();
            assertThat(h.spillFiles()).isPositive();
            assertThat(TestBatches.sortedText(result)).isEqualTo(reference(rows));
        }
    }

    @Test
    void medianPastItsBudgetSpillsNewGroupsAndMatchesTheReference() {
        List<List<Object>> rows = rows();
        Schema result = Schema.of(Field.of("k", DataType.int64()), Field.of("med", DataType.float64()));
        AggregateSpec spec = new AggregateSpec(AggregateSpec.Mode.COMPLETE, INPUT, 1,
                List.of(new AggCall(AggFunction.MEDIAN, 2, DataType.int64(), 1)), result, 0, "Aggregate: k, median(x)");
        Map<Long, List<Long>> byKey = new HashMap<>();
        for (List<Object> r : rows) {
            byKey.computeIfAbsent((Long) r.get(0), k -> new ArrayList<>()).add((Long) r.get(2));
        }
        List<List<Object>> expected = new ArrayList<>();
        byKey.forEach((k, xs) -> {
            xs.sort(null);
            int n = xs.size();
            expected.add(Arrays.asList(k, n % 2 == 1 ? (double) xs.get(n / 2) : (xs.get(n / 2 - 1) + xs.get(n / 2)) / 2.0));
        });
        try (StepHarness h = StepHarness.steps(List.of(spec)).budget(256 << 10).open()) {
            TestBatches.pushAll(h, INPUT, rows, 5000, leakCheck.get());
            List<List<Object>> got = h.finish();
            assertThat(h.spillFiles()).isPositive();
            assertThat(TestBatches.sortedText(got)).isEqualTo(TestBatches.sortedText(expected));
        }
    }

    @Test
    void valuesOfOneGroupPastTheOperatorsMemoryFailWithWhatToDo() {
        Schema input = Schema.of(Field.of("v", DataType.float64()));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(Arrays.asList((double) i));
        }
        AggregateSpec spec = new AggregateSpec(AggregateSpec.Mode.COMPLETE, input, 0,
                List.of(new AggCall(AggFunction.MEDIAN, 0, DataType.float64(), 1)),
                Schema.of(Field.of("m", DataType.float64())), 0, "Aggregate: median(v)");
        try (StepHarness h = StepHarness.steps(List.of(spec)).budget(128 << 10).open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> TestBatches.pushAll(h, input, rows, 5000, leakCheck.get()))
                    .hasMessageContaining("Aggregate: median(v)").hasMessageContaining("keeps every value")
                    .hasMessageContaining("approxPercentile");
        }
    }
}
