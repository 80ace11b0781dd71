package dev.floe.arrow.kernels;

import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Group ids against a reference map of boxed keys (first-seen order), across batches and types. */
class GroupTableTest {

    /** Key equality of the reference: floats by normalized value, byte arrays by content. */
    private static Object norm(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? Double.NaN : (d == 0.0 ? 0.0 : d);
        }
        if (v instanceof Float f) {
            return f.isNaN() ? Float.NaN : (f == 0.0f ? 0.0f : f);
        }
        if (v instanceof byte[] b) {
            return "bytes" + Arrays.toString(b);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(GroupTableTest::norm).toList();
        }
        return v;
    }

    /** Reference: dense ids in first-seen order over rows given column-wise, batch after batch. */
    private static final class Reference {
        final Map<List<Object>, Integer> ids = new LinkedHashMap<>();

        int[] insert(List<List<Object>> columns, int n) {
            int[] out = new int[n];
            for (int r = 0; r < n; r++) {
                out[r] = ids.computeIfAbsent(row(columns, r), k -> ids.size());
            }
            return out;
        }

        int[] find(List<List<Object>> columns, int n) {
            int[] out = new int[n];
            for (int r = 0; r < n; r++) {
                out[r] = ids.getOrDefault(row(columns, r), -1);
            }
            return out;
        }

        private static List<Object> row(List<List<Object>> columns, int r) {
            List<Object> key = new ArrayList<>();
            for (List<Object> c : columns) {
                key.add(norm(c.get(r)));
            }
            return key;
        }
    }

    private static List<FieldVector> vectors(BufferAllocator a, List<DataType> types, List<List<Object>> columns) {
        List<FieldVector> out = new ArrayList<>();
        for (int c = 0; c < types.size(); c++) {
            out.add(vec(a, types.get(c), columns.get(c)));
        }
        return out;
    }

    private static void close(List<FieldVector> vs) {
        vs.forEach(FieldVector::close);
    }

    /** Per case: key types and several batches (each a list of columns) with repeats and nulls. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("int64 with nulls", List.of(DataType.int64()), List.of(
                        List.of(Arrays.asList(1L, null, 2L, 1L)),
                        List.of(Arrays.asList(null, 3L, 2L)),
                        List.of(List.of()),
                        List.of(Arrays.asList(3L, 4L, null, Long.MIN_VALUE)))),
                Arguments.of("string+date+decimal", List.of(DataType.string(), DataType.date(), DataType.decimal(15, 2)),
                        List.of(
                                List.of(Arrays.asList("a", "a", null, "héllo", "a"),
                                        Arrays.asList(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 1), null,
                                                LocalDate.of(1969, 12, 31), LocalDate.of(2020, 1, 2)),
                                        Arrays.asList(new BigDecimal("1.00"), new BigDecimal("2.00"), null,
                                                new BigDecimal("-0.01"), new BigDecimal("1.00"))),
                                List.of(Arrays.asList(null, "a", "héllo", "a"),
                                        Arrays.asList(null, LocalDate.of(2020, 1, 1), LocalDate.of(1969, 12, 31), null),
                                        Arrays.asList(null, new BigDecimal("2.00"), new BigDecimal("-0.01"),
                                                new BigDecimal("1.00"))))),
                Arguments.of("floats NaN and -0.0", List.of(DataType.float64()), List.of(
                        List.of(Arrays.asList(0.0, -0.0, Double.NaN, null, 1.5)),
                        List.of(Arrays.asList(-0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)))),
                Arguments.of("float32", List.of(DataType.float32()), List.of(
                        List.of(Arrays.asList(0.0f, -0.0f, Float.NaN, null, 1.5f, 1.5f)))),
                Arguments.of("bool+uint64+uint8", List.of(DataType.bool(), DataType.uint64(), DataType.uint8()), List.of(
                        List.of(Arrays.asList(true, false, null, true),
                                Arrays.asList(new BigInteger("18446744073709551615"), BigInteger.ONE, null,
                                        new BigInteger("18446744073709551615")),
                                Arrays.asList((short) 255, (short) 0, (short) 255, (short) 255)))),
                Arguments.of("binary+timestamp", List.of(DataType.binary(), DataType.timestamp(TimeUnit.NANOSECOND, "UTC")),
                        List.of(List.of(Arrays.asList(new byte[] {1}, new byte[0], null, new byte[] {1}),
                                Arrays.asList(LocalDateTime.of(2024, 1, 1, 0, 0).toInstant(java.time.ZoneOffset.UTC),
                                        null, null, LocalDateTime.of(2024, 1, 1, 0, 0).toInstant(java.time.ZoneOffset.UTC))))),
                Arguments.of("decimal38", List.of(DataType.decimal(38, 0)), List.of(
                        List.of(Arrays.asList(new BigDecimal("99999999999999999999999999999999999999"),
                                new BigDecimal("-99999999999999999999999999999999999999"), null,
                                new BigDecimal("99999999999999999999999999999999999999"), BigDecimal.ZERO)))),
                Arguments.of("list+nullType", List.of(DataType.list(DataType.int64()), DataType.nullType()), List.of(
                        List.of(Arrays.asList(List.of(1L, 2L), List.of(), null, List.of(1L, 2L), Arrays.asList(1L, null)),
                                Arrays.asList(null, null, null, null, null)),
                        List.of(Arrays.asList(Arrays.asList(1L, null), List.of(2L, 1L), null),
                                Arrays.asList(null, null, null)))),
                Arguments.of("struct", List.of(DataType.struct(Field.of("x", DataType.int64()), Field.of("y", DataType.string()))),
                        List.of(List.of(Arrays.asList(struct(1L, "a"), struct(1L, "b"), null, struct(1L, "a"),
                                struct(null, "a"))))));
    }

    private static Map<String, Object> struct(Long x, String y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void idsMatchFirstSeenOrderAcrossBatches(String name, List<DataType> types, List<List<List<Object>>> batches) {
        Reference ref = new Reference();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("groups-" + name);
                GroupTable table = new GroupTable(types, a.get())) {
            for (List<List<Object>> batch : batches) {
                int n = batch.get(0).size();
                List<FieldVector> keys = vectors(a.get(), types, batch);
                try {
                    int[] expected = ref.insert(batch, n);
                    assertThat(table.insert(keys, n)).as("ids of batch %s", batch).containsExactly(expected);
                    assertThat(table.find(keys, n)).containsExactly(expected);
                } finally {
                    close(keys);
                }
            }
            assertThat(table.numGroups()).isEqualTo(ref.ids.size());
            assertThat(table.sizeInBytes()).isPositive();
            // keys() round-trips: the distinct keys in id order, and they find their own ids
            List<FieldVector> keys = table.keys(a.get());
            try {
                List<List<Object>> distinct = new ArrayList<>(ref.ids.keySet());
                for (int c = 0; c < types.size(); c++) {
                    List<Object> got = Batches.values(keys.get(c), types.get(c));
                    for (int g = 0; g < distinct.size(); g++) {
                        assertThat(norm(got.get(g))).as("key %d of group %d", c, g).isEqualTo(distinct.get(g).get(c));
                    }
                }
                int[] ids = table.find(keys, table.numGroups());
                for (int g = 0; g < ids.length; g++) {
                    assertThat(ids[g]).isEqualTo(g);
                }
            } finally {
                close(keys);
            }
        }
    }

    @Test
    void findReturnsMinusOneForAbsentKeysAndAddsNothing() {
        List<DataType> types = List.of(DataType.string(), DataType.int32());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("groups-find");
                GroupTable table = new GroupTable(types, a.get());
                FieldVector s = vec(a.get(), DataType.string(), "x", "y", null);
                FieldVector i = vec(a.get(), DataType.int32(), 1, 2, 3);
                FieldVector ps = vec(a.get(), DataType.string(), "x", "x", null, null, "y", "zz");
                FieldVector pi = vec(a.get(), DataType.int32(), 1, 2, 3, null, 2, 1)) {
            table.insert(List.of(s, i), 3);
            assertThat(table.find(List.of(ps, pi), 6)).containsExactly(0, -1, 2, -1, 1, -1);
            assertThat(table.numGroups()).isEqualTo(3);
        }
    }

    @Test
    void emptyTableAndEmptyBatches() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("groups-empty");
                GroupTable table = new GroupTable(List.of(DataType.string()), a.get());
                FieldVector empty = vec(a.get(), DataType.string());
                FieldVector probe = vec(a.get(), DataType.string(), "a", null)) {
            assertThat(table.insert(List.of(empty), 0)).isEmpty();
            assertThat(table.find(List.of(probe), 2)).containsExactly(-1, -1);
            List<FieldVector> keys = table.keys(a.get());
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0).getValueCount()).isZero();
            close(keys);
        }
    }

    @Test
    void zeroKeyColumnsPutEveryRowInGroupZero() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("groups-global");
                GroupTable table = new GroupTable(List.of(), a.get())) {
            assertThat(table.find(List.of(), 2)).containsExactly(-1, -1);
            assertThat(table.insert(List.of(), 0)).isEmpty();
            assertThat(table.numGroups()).isZero();
            assertThat(table.insert(List.of(), 3)).containsExactly(0, 0, 0);
            assertThat(table.insert(List.of(), 2)).containsExactly(0, 0);
            assertThat(table.numGroups()).isEqualTo(1);
            assertThat(table.find(List.of(), 1)).containsExactly(0);
            assertThat(table.keys(a.get())).isEmpty();
        }
    }

    @Test
    void growsTo200kDistinctLongAndStringKeys() {
        int total = 200_000;
        int batch = 65_536;
        List<DataType> types = List.of(DataType.int64(), DataType.string());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("groups-growth");
                GroupTable table = new GroupTable(types, a.get())) {
            long before = table.sizeInBytes();
            for (int pass = 0; pass < 2; pass++) {
                for (int start = 0; start < total; start += batch) {
                    int n = Math.min(batch, total - start);
                    List<Object> longs = new ArrayList<>(n);
                    List<Object> strings = new ArrayList<>(n);
                    for (int r = 0; r < n; r++) {
                        long k = start + r;
                        longs.add(k * 0x9E3779B97F4A7C15L);
                        strings.add("key-" + (k % 1000));
                    }
                    try (FieldVector l = vec(a.get(), DataType.int64(), longs);
                            FieldVector s = vec(a.get(), DataType.string(), strings)) {
                        int[] ids = pass == 0 ? table.insert(List.of(l, s), n) : table.find(List.of(l, s), n);
                        for (int r = 0; r < n; r++) {
                            if (ids[r] != start + r) {
                                assertThat(ids[r]).as("row %d of pass %d", start + r, pass).isEqualTo(start + r);
                            }
                        }
                    }
                }
            }
            assertThat(table.numGroups()).isEqualTo(total);
            assertThat(table.sizeInBytes()).isGreaterThan(before).isGreaterThan(total * 8L);
            List<FieldVector> keys = table.keys(a.get());
            try {
                Map<Integer, Object> spot = new HashMap<>();
                spot.put(0, 0L);
                spot.put(123_457, 123_457L * 0x9E3779B97F4A7C15L);
                spot.put(total - 1, (total - 1L) * 0x9E3779B97F4A7C15L);
                spot.forEach((g, v) -> {
                    assertThat(((org.apache.arrow.vector.BigIntVector) keys.get(0)).get(g)).isEqualTo(v);
                    assertThat(keys.get(1).getObject(g).toString()).isEqualTo("key-" + (g % 1000));
                });
            } finally {
                close(keys);
            }
        }
    }

    @Test
    void storedFloatKeysAreNormalized() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("groups-floats");
                GroupTable table = new GroupTable(List.of(DataType.float64()), a.get());
                Float8Vector v = new Float8Vector("f", a.get())) {
            v.allocateNew(3);
            v.set(0, 0.0);
            v.getDataBuffer().setLong(0, 0xFFF8000000000001L); // a negative NaN with a payload
            v.set(1, -0.0);
            v.set(2, Double.NaN);
            v.setValueCount(3);
            assertThat(table.insert(List.of(v), 3)).containsExactly(0, 1, 0);
            List<FieldVector> keys = table.keys(a.get());
            try {
                Float8Vector k = (Float8Vector) keys.get(0);
                assertThat(Double.isNaN(k.get(0))).isTrue();
                assertThat(Double.doubleToRawLongBits(k.get(1))).isZero();
            } finally {
                close(keys);
            }
        }
    }

    @Test
    void warmedInsertAndFindAllocateLessThanOneBytePerRow() {
        int n = 65_536;
        List<DataType> types = List.of(DataType.int64(), DataType.string());
        List<Object> longs = new ArrayList<>(n);
        List<Object> strings = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            longs.add(r % 7 == 0 ? null : (long) (r % 1000));
            strings.add("s" + (r % 3));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("groups-alloc");
                GroupTable table = new GroupTable(types, a.get());
                FieldVector l = vec(a.get(), DataType.int64(), longs);
                FieldVector s = vec(a.get(), DataType.string(), strings)) {
            List<FieldVector> keys = List.of(l, s);
            int[] ids = new int[n];
            for (int warm = 0; warm < 30; warm++) {
                table.insert(keys, n, ids);
                table.find(keys, n, ids);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            int rounds = 20;
            for (int round = 0; round < rounds; round++) {
                table.insert(keys, n, ids);
                table.find(keys, n, ids);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat((double) allocated / (2.0 * rounds * n)).as("bytes allocated per row").isLessThan(1.0);
            assertThat(table.numGroups()).as("1000 longs x 3 strings, plus null x 3 strings").isEqualTo(3003);
        }
    }
}
