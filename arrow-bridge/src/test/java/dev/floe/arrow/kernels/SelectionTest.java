package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.string;
import static dev.floe.arrow.kernels.KernelFixtures.bits;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** filter (true keeps; false and null drop) and take (any order, repeats) over every column layout. */
class SelectionTest {

    /** Five rows of every layout, with nulls in every column. */
    private static RecordBatch batch(BufferAllocator a) {
        return Batches.with(a)
                .col("i64", int64(), 1L, null, 3L, 4L, 5L)
                .col("i32", int32(), 10, 20, null, 40, 50)
                .col("f64", float64(), 0.5, Double.NaN, -0.0, null, 4.5)
                .col("dec", decimal(7, 2), new BigDecimal("1.00"), null, new BigDecimal("-3.30"),
                        new BigDecimal("4.40"), new BigDecimal("99999.99"))
                .col("str", string(), "a", "", null, "a string past twelve bytes", "é")
                .col("flag", bool(), true, false, null, true, false)
                .col("day", date(), LocalDate.of(2020, 1, 1), null, LocalDate.of(2020, 1, 3),
                        LocalDate.of(2020, 1, 4), LocalDate.of(1969, 12, 31))
                .build();
    }

    /** Row r of the batch above, as Java values (expected data, written out). */
    private static List<Object> row(int r) {
        return switch (r) {
            case 0 -> Arrays.asList(1L, 10, 0.5, new BigDecimal("1.00"), "a", true, LocalDate.of(2020, 1, 1));
            case 1 -> Arrays.asList(null, 20, Double.NaN, null, "", false, null);
            case 2 -> Arrays.asList(3L, null, -0.0, new BigDecimal("-3.30"), null, null, LocalDate.of(2020, 1, 3));
            case 3 -> Arrays.asList(4L, 40, null, new BigDecimal("4.40"), "a string past twelve bytes", true,
                    LocalDate.of(2020, 1, 4));
            default -> Arrays.asList(5L, 50, 4.5, new BigDecimal("99999.99"), "é", false, LocalDate.of(1969, 12, 31));
        };
    }

    private static void assertRows(RecordBatch out, int... rows) {
        assertThat(out.numRows()).isEqualTo(rows.length);
        for (int c = 0; c < out.numColumns(); c++) {
            List<Object> expected = new ArrayList<>();
            for (int r : rows) {
                expected.add(row(r).get(c));
            }
            DataType type = out.schema().field(c).type();
            KernelFixtures.assertValues(out.vector(c), type, expected, "column " + out.schema().field(c).name());
        }
    }

    static Stream<Arguments> masks() {
        return Stream.of(
                Arguments.of(new Boolean[] {true, false, null, true, true}, new int[] {0, 3, 4}),
                Arguments.of(new Boolean[] {true, true, true, true, true}, new int[] {0, 1, 2, 3, 4}),
                Arguments.of(new Boolean[] {false, false, false, false, false}, new int[] {}),
                Arguments.of(new Boolean[] {null, null, null, null, null}, new int[] {}),
                Arguments.of(new Boolean[] {null, true, null, false, null}, new int[] {1}),
                Arguments.of(new Boolean[] {false, false, false, false, true}, new int[] {4}));
    }

    @ParameterizedTest(name = "mask {0}")
    @MethodSource("masks")
    void filterKeepsTrueRowsOnly(Boolean[] mask, int[] kept) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("filter");
                RecordBatch in = batch(a.get());
                BitVector m = bits(a.get(), mask);
                RecordBatch out = Selection.filter(in, m, a.get())) {
            assertRows(out, kept);
            assertRows(in, 0, 1, 2, 3, 4);
        }
    }

    @Test
    void filterOfAnEmptyBatch() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("filter-empty");
                RecordBatch full = batch(a.get());
                RecordBatch in = RecordBatch.empty(full.schema(), a.get());
                BitVector m = bits(a.get());
                RecordBatch out = Selection.filter(in, m, a.get())) {
            assertThat(out.numRows()).isZero();
            assertThat(out.schema()).isEqualTo(full.schema());
            assertThat(Selection.selected(m, 0)).isNull();
        }
    }

    @Test
    void takeInAnyOrderWithRepeats() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("take");
                RecordBatch in = batch(a.get());
                RecordBatch out = Selection.take(in, new int[] {4, 0, 0, 2, 1}, a.get());
                RecordBatch none = Selection.take(in, new int[0], a.get())) {
            assertRows(out, 4, 0, 0, 2, 1);
            assertThat(none.numRows()).isZero();
            assertThat(none.numColumns()).isEqualTo(in.numColumns());
        }
    }

    @Test
    void takeOfOnlyEmptyAndNullStrings() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("take-empty-strings");
                FieldVector in = vec(a.get(), string(), "abc", "", null);
                FieldVector out = Selection.take(in, string(), new int[] {2, 1, 1, 2}, a.get())) {
            KernelFixtures.assertValues(out, string(), Arrays.asList(null, "", "", null), "take of empty strings");
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 63, 64, 65, 127, 200})
    void selectedIndexesAcrossWords(int n) {
        Boolean[] mask = new Boolean[n];
        List<Integer> expected = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            mask[i] = i % 7 == 3 ? null : i % 3 != 1;
            values.add(i % 4 == 0 ? null : "v" + i);
            if (Boolean.TRUE.equals(mask[i])) {
                expected.add(i);
                kept.add(values.get(i));
            }
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("selected");
                BitVector m = bits(a.get(), mask);
                RecordBatch in = Batches.with(a.get()).col("s", string(), values.toArray()).build();
                RecordBatch out = Selection.filter(in, m, a.get())) {
            int[] idx = Selection.selected(m, n);
            if (idx == null) {
                // null stands for "every row"
                assertThat(expected).hasSize(n);
                idx = java.util.stream.IntStream.range(0, n).toArray();
            }
            assertThat(idx).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            KernelFixtures.assertValues(out.vector(0), string(), kept, "filtered strings over " + n + " rows");
        }
    }
}
