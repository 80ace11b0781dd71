package dev.floe.arrow.kernels;

import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key kernels read only validity for null rows: a key column whose null slots still hold stale
 * values (as a null-extended outer-join row or a filtered batch may) must hash, group, find,
 * sort and range-partition exactly like the same column with clean nulls. Rows 1, 3 and 5 are
 * null; under their null bits the "garbage" vector keeps the values b, c, c (all different from
 * each other's neighbours), so any kernel that reads them tells the nulls apart.
 */
class NullGarbageKeysTest {
    private static final int[] NULL_ROWS = {1, 3, 5};

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of(DataType.int64(), 1L, 2L, 3L),
                Arguments.of(DataType.int32(), 1, 2, 3),
                Arguments.of(DataType.int8(), (byte) 1, (byte) 2, (byte) 3),
                Arguments.of(DataType.uint16(), 1, 2, 3),
                Arguments.of(DataType.float64(), 1.5, -0.25, Double.NaN),
                Arguments.of(DataType.float32(), 1.5f, -0.25f, 7f),
                Arguments.of(DataType.bool(), true, false, true),
                Arguments.of(DataType.date(), LocalDate.of(2020, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29)),
                Arguments.of(DataType.timestamp(TimeUnit.MICROSECOND, null), LocalDateTime.of(2024, 1, 1, 0, 0),
                        LocalDateTime.of(2000, 1, 1, 12, 0), LocalDateTime.of(1990, 6, 1, 0, 0)),
                Arguments.of(DataType.decimal(15, 2), new BigDecimal("1.00"), new BigDecimal("-2.50"), new BigDecimal("3.25")),
                Arguments.of(DataType.decimal(38, 0), new BigDecimal("99999999999999999999999999999999999999"),
                        new BigDecimal("-5"), new BigDecimal("123456789012345678901234567890")),
                Arguments.of(DataType.string(), "a", "héllo", "zz"),
                Arguments.of(DataType.binary(), new byte[] {1}, new byte[] {2, 3}, new byte[] {9, 9, 9}),
                Arguments.of(DataType.list(DataType.int64()), List.of(1L), List.of(2L, 3L), List.of()),
                Arguments.of(DataType.struct(Field.of("x", DataType.int64())), struct(1L), struct(2L), struct(3L)));
    }

    private static Map<String, Object> struct(long x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        return m;
    }

    /** [a, b, a, c, b, c] with rows 1, 3 and 5 null: clean has nothing under them, garbage keeps b, c, c. */
    private static List<FieldVector> keys(BufferAllocator alloc, DataType type, Object a, Object b, Object c,
            boolean garbage) {
        List<Object> values = new ArrayList<>(Arrays.asList(a, b, a, c, b, c));
        if (!garbage) {
            for (int r : NULL_ROWS) {
                values.set(r, null);
            }
        }
        FieldVector key = vec(alloc, type, values);
        if (garbage) {
            for (int r : NULL_ROWS) {
                BitVectorHelper.unsetBit(key.getValidityBuffer(), r);
            }
        }
        // a second key that breaks every tie by row number, descending
        FieldVector tie = vec(alloc, DataType.int64(), 0L, 1L, 2L, 3L, 4L, 5L);
        return List.of(key, tie);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void staleValuesUnderNullBitsChangeNoKernelResult(DataType type, Object a, Object b, Object c) {
        try (LeakCheckingAllocator leak = new LeakCheckingAllocator("null-garbage")) {
            BufferAllocator alloc = leak.get();
            List<FieldVector> garbage = keys(alloc, type, a, b, c, true);
            List<FieldVector> clean = keys(alloc, type, a, b, c, false);
            try {
                assertThat(garbage.get(0).getNullCount()).isEqualTo(3);
                check(type, garbage, clean, alloc);
            } finally {
                garbage.forEach(FieldVector::close);
                clean.forEach(FieldVector::close);
            }
        }
    }

    private static void check(DataType type, List<FieldVector> garbage, List<FieldVector> clean, BufferAllocator alloc) {
        int n = 6;
        List<DataType> one = List.of(type);
        List<DataType> two = List.of(type, DataType.int64());
        List<FieldVector> g1 = garbage.subList(0, 1);
        List<FieldVector> c1 = clean.subList(0, 1);

        // hash split and every hash table hash the same way
        long[] hashes = Hashing.hashRows(g1, one, n);
        assertThat(hashes).as("hashes of %s", type).containsExactly(Hashing.hashRows(c1, one, n));
        assertThat(hashes[1]).isEqualTo(hashes[3]).isEqualTo(hashes[5]);
        assertThat(Hashing.partitionsOf(hashes, n, 4)).containsExactly(
                Hashing.partitionsOf(Hashing.hashRows(c1, one, n), n, 4));

        // group table (the one-key inline table for one-long types, the general table otherwise):
        // the three nulls are one group, for groupBy and distinct
        try (GroupTable groups = new GroupTable(one, alloc)) {
            int[] ids = groups.insert(g1, n);
            assertThat(ids).as("group ids of %s", type).containsExactly(0, 1, 0, 1, 2, 1);
            assertThat(groups.numGroups()).isEqualTo(3);
            List<FieldVector> distinct = groups.keys(alloc);
            try {
                assertThat(distinct.get(0).getNullCount()).isEqualTo(1);
            } finally {
                distinct.forEach(FieldVector::close);
            }
        }
        // two key columns take the general table for every type
        try (GroupTable groups = new GroupTable(List.of(type, type), alloc)) {
            assertThat(groups.insert(List.of(g1.get(0), c1.get(0)), n)).containsExactly(0, 1, 0, 1, 2, 1);
        }
        // join table lookups: a table built from clean nulls finds every garbage null in its null group
        try (GroupTable build = new GroupTable(one, alloc)) {
            build.insert(c1, n);
            assertThat(build.find(g1, n)).as("find of %s", type).containsExactly(build.find(c1, n));
        }

        // sort keys, top-N and range split: nulls last (ascending), ties by row number descending
        List<Sorting.Order> orders = List.of(Sorting.Order.of(false), Sorting.Order.of(true));
        int[] sorted = Sorting.sortIndices(garbage, two, orders, n);
        assertThat(sorted).as("sort of %s", type).containsExactly(Sorting.sortIndices(clean, two, orders, n));
        assertThat(Arrays.copyOfRange(sorted, 3, 6)).containsExactly(5, 3, 1);
        assertThat(Sorting.topIndices(garbage, two, orders, n, 4)).containsExactly(
                Sorting.topIndices(clean, two, orders, n, 4));
        assertThat(Sorting.compareRows(garbage, 1, garbage, 3, one, orders.subList(0, 1))).isZero();
        List<Sorting.Order> byKey = orders.subList(0, 1);
        int[] ranges = Sorting.rangePartitions(g1, one, byKey, n, garbage.subList(0, 1), n);
        assertThat(ranges).as("range partitions of %s", type)
                .containsExactly(Sorting.rangePartitions(c1, one, byKey, n, c1, n));
        assertThat(ranges[1]).isEqualTo(ranges[3]).isEqualTo(ranges[5]);
    }
}
