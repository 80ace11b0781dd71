package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int16;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.string;
import static dev.floe.arrow.kernels.KernelFixtures.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Selection#filter} copies fixed-width columns by walking the mask's words (no index array);
 * these cases cross word boundaries with nulls in the mask and in every column, beside a string
 * column that still goes through indexes. Also {@link Selection#take} of an index prefix.
 */
class SelectionFixedWidthTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 63, 64, 65, 130, 1000})
    void filterOfFixedWidthColumnsAcrossWords(int n) {
        Boolean[] mask = new Boolean[n];
        List<List<Object>> columns = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Object>> kept = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            mask[i] = i % 11 == 5 ? null : i % 3 != 1;
            List<Object> row = Arrays.asList(i % 5 == 0 ? null : (long) i * 1_000_003L,
                    i % 6 == 0 ? null : i * 0.5, i % 7 == 0 ? null : i - 500,
                    i % 8 == 0 ? null : new BigDecimal(i).movePointLeft(2), i % 9 == 0 ? null : (short) (i % 300),
                    i % 4 == 0 ? null : "s" + i);
            for (int c = 0; c < row.size(); c++) {
                columns.get(c).add(row.get(c));
                if (Boolean.TRUE.equals(mask[i])) {
                    kept.get(c).add(row.get(c));
                }
            }
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("filter-fixed-width");
                BitVector m = bits(a.get(), mask);
                RecordBatch in = Batches.with(a.get()).col("l", int64(), columns.get(0).toArray())
                        .col("d", float64(), columns.get(1).toArray()).col("i", int32(), columns.get(2).toArray())
                        .col("dec", decimal(9, 2), columns.get(3).toArray())
                        .col("s16", int16(), columns.get(4).toArray())
                        .col("str", string(), columns.get(5).toArray()).build();
                RecordBatch out = Selection.filter(in, m, a.get())) {
            assertThat(out.numRows()).isEqualTo(kept.get(0).size());
            for (int c = 0; c < out.numColumns(); c++) {
                KernelFixtures.assertValues(out.vector(c), out.schema().field(c).type(), kept.get(c),
                        "column " + out.schema().field(c).name() + " over " + n + " rows");
            }
        }
    }

    @Test
    void filterKeepingNothingGivesAnEmptyBatch() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("filter-none");
                BitVector m = bits(a.get(), false, null, false);
                RecordBatch in = Batches.with(a.get()).col("l", int64(), 1L, null, 3L).build();
                RecordBatch out = Selection.filter(in, m, a.get())) {
            assertThat(out.numRows()).isZero();
            assertThat(out.vector(0).getValueCount()).isZero();
        }
    }

    @Test
    void takeOfAnIndexPrefix() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("take-prefix");
                RecordBatch in = Batches.with(a.get()).col("l", int64(), 1L, null, 3L)
                        .col("str", string(), "a", "b", null).build();
                RecordBatch out = Selection.take(in, new int[] {2, 1, 0, 0, 0}, 2, a.get())) {
            assertThat(out.numRows()).isEqualTo(2);
            KernelFixtures.assertValues(out.vector(0), int64(), Arrays.asList(3L, null), "int64 prefix");
            KernelFixtures.assertValues(out.vector(1), string(), Arrays.asList(null, "b"), "string prefix");
            FieldVector v = in.vector(0);
            assertThatThrownBy(() -> Selection.take(v, int64(), new int[] {0}, 2, a.get()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 rows from 1 indexes");
        }
    }
}
