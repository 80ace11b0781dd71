package dev.floe.arrow.kernels;

import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sort permutations, top-N and range partitions checked against a reference order over boxed
 * Java values (test only): floats by Double.compare after -0.0 -> 0.0, strings by UTF-8 bytes,
 * decimals and unsigned ints as BigDecimal/BigInteger.
 */
class SortingTest {
    private static final List<Sorting.Order> ALL_ORDERS = List.of(
            new Sorting.Order(false, false), new Sorting.Order(false, true),
            new Sorting.Order(true, false), new Sorting.Order(true, true));

    // ---- the reference -----------------------------------------------------------------------

    private static Object norm(Object v) {
        if (v instanceof Double d) {
            return d == 0.0 ? 0.0 : d;
        }
        if (v instanceof Float f) {
            return f == 0.0f ? 0.0f : f;
        }
        if (v instanceof byte[] b) {
            return "bytes" + Arrays.toString(b);
        }
        return v;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object x, Object y) {
        if (x instanceof String s && y instanceof String t) {
            return Arrays.compareUnsigned(s.getBytes(StandardCharsets.UTF_8), t.getBytes(StandardCharsets.UTF_8));
        }
        if (x instanceof byte[] s && y instanceof byte[] t) {
            return Arrays.compareUnsigned(s, t);
        }
        if (x instanceof List<?> a && y instanceof List<?> b) {
            for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
                int c = compareValue(a.get(k), b.get(k), new Sorting.Order(false, false));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
        return ((Comparable) norm(x)).compareTo(norm(y));
    }

    private static int compareValue(Object x, Object y, Sorting.Order o) {
        if (x == null || y == null) {
            if (x == y) {
                return 0;
            }
            return (x == null) == o.nullsFirst() ? -1 : 1;
        }
        int c = compareValues(x, y);
        return o.descending() ? -c : c;
    }

    private static Comparator<List<Object>> rowOrder(List<Sorting.Order> orders) {
        return (a, b) -> {
            for (int k = 0; k < orders.size(); k++) {
                int c = compareValue(a.get(k), b.get(k), orders.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static List<List<Object>> rows(List<FieldVector> keys, List<DataType> types, int n) {
        List<List<Object>> out = new ArrayList<>();
        List<List<Object>> cols = new ArrayList<>();
        for (int c = 0; c < keys.size(); c++) {
            cols.add(Batches.values(keys.get(c), types.get(c)));
        }
        for (int r = 0; r < n; r++) {
            List<Object> row = new ArrayList<>();
            for (List<Object> col : cols) {
                row.add(col.get(r));
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<Object>> normalized(List<List<Object>> rows) {
        return rows.stream().map(r -> r.stream().map(SortingTest::norm).toList()).toList();
    }

    private static List<List<Object>> pick(List<List<Object>> rows, int[] idx) {
        List<List<Object>> out = new ArrayList<>();
        for (int i : idx) {
            out.add(rows.get(i));
        }
        return out;
    }

    private static void assertPermutation(int[] perm, int n) {
        assertThat(perm).hasSize(n);
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(IntStream.range(0, n).toArray());
    }

    // ---- single keys of every fast type ------------------------------------------------------

    static Stream<Arguments> singleKeys() {
        return Stream.of(
                Arguments.of(DataType.float64(), Arrays.asList(3.0, null, Double.NaN, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY, -0.0, 0.0, -1.5, Double.NaN, null, 2.0, 3.0, Double.MIN_VALUE,
                        -Double.MAX_VALUE)),
                Arguments.of(DataType.float32(), Arrays.asList(1f, null, Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
                        Float.POSITIVE_INFINITY, -7.25f)),
                Arguments.of(DataType.int64(), Arrays.asList(5L, Long.MIN_VALUE, null, Long.MAX_VALUE, -1L, 0L, 5L, null)),
                Arguments.of(DataType.int32(), Arrays.asList(5, Integer.MIN_VALUE, null, Integer.MAX_VALUE, -1, 0)),
                Arguments.of(DataType.int8(), Arrays.asList((byte) 5, (byte) -128, null, (byte) 127, (byte) -1)),
                Arguments.of(DataType.uint8(), Arrays.asList((short) 255, (short) 0, null, (short) 128, (short) 127)),
                Arguments.of(DataType.uint32(), Arrays.asList(4294967295L, 0L, null, 2147483648L, 2147483647L)),
                Arguments.of(DataType.uint64(), Arrays.asList(new BigInteger("18446744073709551615"), BigInteger.ZERO, null,
                        new BigInteger("9223372036854775808"), new BigInteger("9223372036854775807"), BigInteger.ONE)),
                Arguments.of(DataType.decimal(15, 2), Arrays.asList(new BigDecimal("1.00"), new BigDecimal("-0.01"), null,
                        new BigDecimal("9999999999999.99"), new BigDecimal("-9999999999999.99"), new BigDecimal("0.00"))),
                Arguments.of(DataType.decimal(38, 0), Arrays.asList(new BigDecimal("99999999999999999999999999999999999999"),
                        new BigDecimal("-99999999999999999999999999999999999999"), null, new BigDecimal("1"),
                        new BigDecimal("-18446744073709551616"), new BigDecimal("18446744073709551616"),
                        new BigDecimal("-1"))),
                Arguments.of(DataType.string(), Arrays.asList("abcdefghij1", "abcdefghij", null, "abcdefgh", "ab", "",
                        "é", "z", "\uD83D\uDE00", "\uFFFD", "abcdefgh\u0000", "Z", "abcdefghij1", "ab\u00ff")),
                Arguments.of(DataType.binary(), Arrays.asList(new byte[] {1, 2}, new byte[0], null, new byte[] {(byte) 0xFF},
                        new byte[] {1, 2, 0}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})),
                Arguments.of(DataType.bool(), Arrays.asList(true, null, false, true, false)),
                Arguments.of(DataType.date(), Arrays.asList(LocalDate.of(1998, 9, 2), null, LocalDate.of(1969, 12, 31),
                        LocalDate.of(1970, 1, 1))),
                Arguments.of(DataType.timestamp(TimeUnit.MICROSECOND, null), Arrays.asList(
                        LocalDateTime.of(2024, 1, 2, 3, 4, 5), null, LocalDateTime.of(1960, 1, 1, 0, 0),
                        LocalDateTime.of(2024, 1, 2, 3, 4, 4))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleKeys")
    void sortsEveryOrderCombinationLikeTheReference(DataType type, List<Object> values) {
        // small inputs take the insertion paths, a repeated copy takes the radix/quicksort paths
        List<Object> large = new ArrayList<>();
        Random random = new Random(42);
        for (int r = 0; r < 500; r++) {
            large.add(values.get(random.nextInt(values.size())));
        }
        for (List<Object> input : List.of(values, large)) {
            try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-" + type);
                    FieldVector v = vec(a.get(), type, input)) {
                List<List<Object>> rows = rows(List.of(v), List.of(type), input.size());
                for (Sorting.Order o : ALL_ORDERS) {
                    int[] perm = Sorting.sortIndices(List.of(v), List.of(type), List.of(o), input.size());
                    assertPermutation(perm, input.size());
                    List<List<Object>> expected = new ArrayList<>(rows);
                    expected.sort(rowOrder(List.of(o)));
                    assertThat(normalized(pick(rows, perm))).as("%s sorted by %s", type, o)
                            .isEqualTo(normalized(expected));
                }
            }
        }
    }

    // ---- several keys, ties, large inputs ----------------------------------------------------

    private static List<List<Object>> randomColumns(Random random, int n) {
        String[] words = {"a", "ab", "abcdefghijk", "abcdefghijl", "é", "", "zz"};
        List<Object> ints = new ArrayList<>();
        List<Object> strings = new ArrayList<>();
        List<Object> doubles = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            ints.add(random.nextInt(10) == 0 ? null : random.nextInt(4) - 2);
            strings.add(random.nextInt(10) == 0 ? null : words[random.nextInt(words.length)]);
            int d = random.nextInt(12);
            doubles.add(d == 0 ? null : d == 1 ? Double.NaN : d == 2 ? -0.0 : (double) (d % 5));
        }
        return List.of(ints, strings, doubles);
    }

    private static final List<DataType> MULTI_TYPES = List.of(DataType.int32(), DataType.string(), DataType.float64());

    private static List<FieldVector> vectors(BufferAllocator a, List<DataType> types, List<List<Object>> cols) {
        List<FieldVector> out = new ArrayList<>();
        for (int c = 0; c < types.size(); c++) {
            out.add(vec(a, types.get(c), cols.get(c)));
        }
        return out;
    }

    @Test
    void multiKeySortsResolveTiesKeyByKey() {
        Random random = new Random(7);
        for (int n : new int[] {0, 1, 20, 3000}) {
            List<List<Object>> cols = randomColumns(random, n);
            try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-multi")) {
                List<FieldVector> keys = vectors(a.get(), MULTI_TYPES, cols);
                try {
                    List<List<Object>> rows = rows(keys, MULTI_TYPES, n);
                    for (Sorting.Order o1 : ALL_ORDERS) {
                        for (Sorting.Order o2 : ALL_ORDERS) {
                            List<Sorting.Order> orders = List.of(o1, o2, ALL_ORDERS.get(random.nextInt(4)));
                            int[] perm = Sorting.sortIndices(keys, MULTI_TYPES, orders, n);
                            assertPermutation(perm, n);
                            List<List<Object>> expected = new ArrayList<>(rows);
                            expected.sort(rowOrder(orders));
                            assertThat(normalized(pick(rows, perm))).as("orders %s", orders)
                                    .isEqualTo(normalized(expected));
                        }
                    }
                } finally {
                    keys.forEach(FieldVector::close);
                }
            }
        }
    }

    @Test
    void largeRandomLongsAndStrings() {
        Random random = new Random(11);
        int n = 100_000;
        List<Object> longs = new ArrayList<>(n);
        List<Object> strings = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            longs.add(random.nextInt(50) == 0 ? null : random.nextLong() >> random.nextInt(64));
            strings.add(random.nextInt(50) == 0 ? null : Long.toString(random.nextLong(), 36));
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-large");
                FieldVector l = vec(a.get(), DataType.int64(), longs);
                FieldVector s = vec(a.get(), DataType.string(), strings)) {
            for (var c : List.of(Arguments.of(l, DataType.int64(), longs), Arguments.of(s, DataType.string(), strings))) {
                FieldVector v = (FieldVector) c.get()[0];
                DataType t = (DataType) c.get()[1];
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) c.get()[2];
                Sorting.Order o = new Sorting.Order(true, false);
                int[] perm = Sorting.sortIndices(List.of(v), List.of(t), List.of(o), n);
                assertPermutation(perm, n);
                List<Object> expected = new ArrayList<>(values);
                expected.sort((x, y) -> compareValue(x, y, o));
                List<Object> got = new ArrayList<>(n);
                for (int i : perm) {
                    got.add(values.get(i));
                }
                assertThat(got).as("%s descending, nulls last", t).isEqualTo(expected);
            }
        }
    }

    @Test
    void listKeysSortLexicographically() {
        List<Object> values = Arrays.asList(List.of(1L, 2L), List.of(1L), List.of(), null, List.of(0L, 5L),
                List.of(1L, 2L, 0L), Arrays.asList(1L, null));
        DataType t = DataType.list(DataType.int64());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-list");
                FieldVector v = vec(a.get(), t, values)) {
            int[] perm = Sorting.sortIndices(List.of(v), List.of(t), List.of(new Sorting.Order(false, false)), 7);
            List<Object> got = new ArrayList<>();
            for (int i : perm) {
                got.add(values.get(i));
            }
            assertThat(got).containsExactly(List.of(), List.of(0L, 5L), List.of(1L), List.of(1L, 2L),
                    List.of(1L, 2L, 0L), Arrays.asList(1L, null), null);
        }
    }

    // ---- compareRows, rangePartitions, topIndices --------------------------------------------

    @Test
    void compareRowsAcrossBatchesMatchesTheReference() {
        Random random = new Random(3);
        List<List<Object>> colsA = randomColumns(random, 60);
        List<List<Object>> colsB = randomColumns(random, 60);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-compare")) {
            List<FieldVector> ka = vectors(a.get(), MULTI_TYPES, colsA);
            List<FieldVector> kb = vectors(a.get(), MULTI_TYPES, colsB);
            try {
                List<List<Object>> ra = rows(ka, MULTI_TYPES, 60);
                List<List<Object>> rb = rows(kb, MULTI_TYPES, 60);
                for (Sorting.Order o : ALL_ORDERS) {
                    List<Sorting.Order> orders = List.of(o, o, o);
                    for (int i = 0; i < 60; i++) {
                        for (int j = 0; j < 60; j++) {
                            int expected = Integer.signum(rowOrder(orders).compare(ra.get(i), rb.get(j)));
                            assertThat(Integer.signum(Sorting.compareRows(ka, i, kb, j, MULTI_TYPES, orders)))
                                    .as("row %s vs %s by %s", ra.get(i), rb.get(j), o).isEqualTo(expected);
                        }
                    }
                }
            } finally {
                ka.forEach(FieldVector::close);
                kb.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void rangePartitionsAgreeWithTheSortOrder() {
        Random random = new Random(5);
        int n = 2000;
        List<List<Object>> cols = randomColumns(random, n);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-range")) {
            List<FieldVector> keys = vectors(a.get(), MULTI_TYPES, cols);
            try {
                List<List<Object>> rows = rows(keys, MULTI_TYPES, n);
                for (Sorting.Order o : ALL_ORDERS) {
                    List<Sorting.Order> orders = List.of(o, new Sorting.Order(!o.descending(), o.nullsFirst()), o);
                    Comparator<List<Object>> ref = rowOrder(orders);
                    Integer[] byRef = IntStream.range(0, n).boxed().toArray(Integer[]::new);
                    Arrays.sort(byRef, (x, y) -> ref.compare(rows.get(x), rows.get(y)));
                    // boundaries: sample rows at fixed quantiles (two equal ones included)
                    int[] bIdx = {byRef[n / 5], byRef[2 * n / 5], byRef[2 * n / 5], byRef[3 * n / 5], byRef[n - 1]};
                    List<FieldVector> bounds = new ArrayList<>();
                    for (int c = 0; c < keys.size(); c++) {
                        bounds.add(Selection.take(keys.get(c), MULTI_TYPES.get(c), bIdx, a.get()));
                    }
                    try {
                        int[] parts = Sorting.rangePartitions(keys, MULTI_TYPES, orders, n, bounds, bIdx.length);
                        for (int r = 0; r < n; r++) {
                            int expected = 0;
                            for (int b : bIdx) {
                                if (ref.compare(rows.get(b), rows.get(r)) < 0) {
                                    expected++;
                                }
                            }
                            assertThat(parts[r]).as("partition of %s", rows.get(r)).isEqualTo(expected);
                        }
                        for (int k = 1; k < n; k++) {
                            int prev = byRef[k - 1];
                            int cur = byRef[k];
                            assertThat(parts[cur]).isGreaterThanOrEqualTo(parts[prev]);
                            if (ref.compare(rows.get(prev), rows.get(cur)) == 0) {
                                assertThat(parts[cur]).as("equal keys, same partition").isEqualTo(parts[prev]);
                            }
                        }
                        int[] perm = Sorting.sortIndices(keys, MULTI_TYPES, orders, n);
                        for (int k = 1; k < n; k++) {
                            assertThat(parts[perm[k]]).as("partitions along sortIndices")
                                    .isGreaterThanOrEqualTo(parts[perm[k - 1]]);
                        }
                        assertThat(Sorting.rangePartitions(keys, MULTI_TYPES, orders, n, bounds, 0)).containsOnly(0);
                    } finally {
                        bounds.forEach(FieldVector::close);
                    }
                }
            } finally {
                keys.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void topIndicesArePrefixesOfTheFullOrder() {
        Random random = new Random(9);
        int n = 1000;
        List<List<Object>> cols = randomColumns(random, n);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-top")) {
            List<FieldVector> keys = vectors(a.get(), MULTI_TYPES, cols);
            try {
                List<List<Object>> rows = rows(keys, MULTI_TYPES, n);
                for (Sorting.Order o : ALL_ORDERS) {
                    List<Sorting.Order> orders = List.of(o, o, new Sorting.Order(!o.descending(), !o.nullsFirst()));
                    List<List<Object>> expected = new ArrayList<>(rows);
                    expected.sort(rowOrder(orders));
                    for (int limit : new int[] {0, 1, 7, 100, 999, 1000, 1500}) {
                        int[] top = Sorting.topIndices(keys, MULTI_TYPES, orders, n, limit);
                        assertThat(top).hasSize(Math.min(limit, n));
                        assertThat(Arrays.stream(top).distinct().count()).isEqualTo(top.length);
                        assertThat(normalized(pick(rows, top))).as("top %d by %s", limit, orders)
                                .isEqualTo(normalized(expected.subList(0, top.length)));
                    }
                    // single primitive key too
                    int[] top = Sorting.topIndices(keys.subList(2, 3), MULTI_TYPES.subList(2, 3), List.of(o), n, 10);
                    List<List<Object>> single = new ArrayList<>();
                    for (List<Object> r : rows) {
                        single.add(Arrays.asList(r.get(2)));
                    }
                    List<List<Object>> singleExpected = new ArrayList<>(single);
                    singleExpected.sort(rowOrder(List.of(o)));
                    assertThat(normalized(pick(single, top))).isEqualTo(normalized(singleExpected.subList(0, 10)));
                }
                assertThat(Sorting.topIndices(keys, MULTI_TYPES, List.of(ALL_ORDERS.get(0), ALL_ORDERS.get(0),
                        ALL_ORDERS.get(0)), 0, 5)).isEmpty();
            } finally {
                keys.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void emptyAndKeylessInputs() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("sort-empty");
                FieldVector v = vec(a.get(), DataType.string())) {
            assertThat(Sorting.sortIndices(List.of(v), List.of(DataType.string()), List.of(Sorting.Order.of(false)), 0))
                    .isEmpty();
            assertThat(Sorting.sortIndices(List.of(), List.of(), List.of(), 3)).containsExactly(0, 1, 2);
            assertThat(Sorting.topIndices(List.of(), List.of(), List.of(), 3, 2)).hasSize(2);
        }
    }
}
