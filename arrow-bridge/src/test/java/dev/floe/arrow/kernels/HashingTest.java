package dev.floe.arrow.kernels;

import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Row hashes: equal keys hash equal wherever they sit, float variants collapse, partitions spread. */
class HashingTest {

    /** Per type: distinct non-null values (any order); rows are built from them with nulls mixed in. */
    static Stream<Arguments> types() {
        Map<String, Object> s1 = new java.util.LinkedHashMap<>();
        s1.put("x", 1L);
        s1.put("y", "one");
        Map<String, Object> s2 = new java.util.LinkedHashMap<>();
        s2.put("x", null);
        s2.put("y", "one");
        return Stream.of(
                Arguments.of(DataType.bool(), List.of(true, false)),
                Arguments.of(DataType.int8(), List.of((byte) -1, (byte) 0, (byte) 127)),
                Arguments.of(DataType.int32(), List.of(-1, 0, 1, Integer.MAX_VALUE)),
                Arguments.of(DataType.int64(), List.of(Long.MIN_VALUE, -1L, 0L, 1L, 1L << 40)),
                Arguments.of(DataType.uint32(), List.of(0L, 4294967295L, 7L)),
                Arguments.of(DataType.uint64(), List.of(BigInteger.ZERO, new BigInteger("18446744073709551615"))),
                Arguments.of(DataType.float64(), List.of(1.5, -2.25, Double.NEGATIVE_INFINITY, Double.NaN, 0.0)),
                Arguments.of(DataType.float32(), List.of(1.5f, Float.POSITIVE_INFINITY, Float.NaN)),
                Arguments.of(DataType.decimal(38, 10), List.of(new BigDecimal("1234567890123456789012345678.0123456789"),
                        new BigDecimal("-0.0000000001"), new BigDecimal("0E-10"))),
                Arguments.of(DataType.string(), List.of("", "a", "héllo wörld, long enough to span words", "ab", "ba")),
                Arguments.of(DataType.binary(), List.of(new byte[0], new byte[] {1, 2, 3}, new byte[] {3, 2, 1})),
                Arguments.of(DataType.date(), List.of(LocalDate.of(1998, 9, 2), LocalDate.of(1969, 12, 31))),
                Arguments.of(DataType.timestamp(TimeUnit.MICROSECOND, null),
                        List.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDateTime.of(1960, 1, 1, 0, 0))),
                Arguments.of(DataType.list(DataType.int64()), List.of(List.of(1L, 2L), List.of(2L, 1L), List.of(),
                        Arrays.asList(1L, null))),
                Arguments.of(DataType.struct(Field.of("x", DataType.int64()), Field.of("y", DataType.string())),
                        List.of(s1, s2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void equalValuesHashEqualAcrossVectorsAndPositions(DataType type, List<Object> distinct) {
        // batch 1: the values in order with nulls between; batch 2: reversed, shifted by a null
        List<Object> first = new ArrayList<>();
        for (Object v : distinct) {
            first.add(v);
            first.add(null);
        }
        List<Object> second = new ArrayList<>();
        second.add(null);
        for (int i = distinct.size() - 1; i >= 0; i--) {
            second.add(distinct.get(i));
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash-" + type);
                FieldVector v1 = vec(a.get(), type, first);
                FieldVector v2 = vec(a.get(), type, second)) {
            long[] h1 = Hashing.hashRows(List.of(v1), List.of(type), first.size());
            long[] h2 = Hashing.hashRows(List.of(v2), List.of(type), second.size());
            Map<Long, Integer> seen = new HashMap<>();
            for (int k = 0; k < distinct.size(); k++) {
                long inFirst = h1[2 * k];
                long inSecond = h2[distinct.size() - k];
                assertThat(inSecond).as("hash of %s in two vectors", distinct.get(k)).isEqualTo(inFirst);
                assertThat(seen.put(inFirst, k)).as("distinct values of %s collide", type).isNull();
            }
            long nullHash = h2[0];
            for (int k = 0; k < distinct.size(); k++) {
                assertThat(h1[2 * k + 1]).as("null hash").isEqualTo(nullHash);
            }
            assertThat(seen).doesNotContainKey(nullHash);
        }
    }

    @Test
    void allNaNsHashAlikeAndNegativeZeroLikeZero() {
        long[] nanBits = {0x7FF8000000000000L, 0x7FF8000000000001L, 0xFFF8000000000000L, 0x7FF0000000000001L};
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash-nan");
                Float8Vector d = new Float8Vector("d", a.get());
                Float4Vector f = new Float4Vector("f", a.get())) {
            d.allocateNew(6);
            f.allocateNew(6);
            for (int i = 0; i < nanBits.length; i++) {
                d.set(i, 0);
                d.getDataBuffer().setLong(i * 8L, nanBits[i]);
                f.set(i, 0);
                f.getDataBuffer().setInt(i * 4L, i % 2 == 0 ? 0x7FC00000 : 0xFFC00001);
            }
            d.set(4, -0.0);
            d.set(5, 0.0);
            f.set(4, -0.0f);
            f.set(5, 0.0f);
            d.setValueCount(6);
            f.setValueCount(6);
            assertThat(Double.isNaN(d.get(1)) && Double.isNaN(d.get(2))).isTrue();
            for (FieldVector v : List.of(d, f)) {
                DataType t = v == d ? DataType.float64() : DataType.float32();
                long[] h = Hashing.hashRows(List.of(v), List.of(t), 6);
                assertThat(new long[] {h[1], h[2], h[3]}).as("NaN variants of %s", t).containsOnly(h[0]);
                assertThat(h[4]).as("-0.0 vs 0.0 in %s", t).isEqualTo(h[5]);
                assertThat(h[4]).isNotEqualTo(h[0]);
            }
        }
    }

    @Test
    void multiColumnRowsCombineEveryColumn() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash-multi");
                FieldVector s = vec(a.get(), DataType.string(), "a", "a", "b", null, "a");
                FieldVector x = vec(a.get(), DataType.int64(), 1L, 2L, 1L, 1L, 1L)) {
            List<DataType> types = List.of(DataType.string(), DataType.int64());
            long[] h = Hashing.hashRows(List.of(s, x), types, 5);
            assertThat(h[0]).isEqualTo(h[4]);
            assertThat(Arrays.stream(h, 0, 4).distinct().count()).isEqualTo(4);
            long[] swapped = Hashing.hashRows(List.of(x, s), List.of(DataType.int64(), DataType.string()), 5);
            assertThat(swapped[0]).isEqualTo(swapped[4]);
            long[] none = Hashing.hashRows(List.of(), List.of(), 3);
            assertThat(none).containsOnly(none[0]);
        }
    }

    @Test
    void emptyInputGivesEmptyHashes() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash-empty");
                FieldVector s = vec(a.get(), DataType.string());
                FieldVector x = vec(a.get(), DataType.int64())) {
            long[] h = Hashing.hashRows(List.of(s, x), List.of(DataType.string(), DataType.int64()), 0);
            assertThat(h).isEmpty();
            assertThat(Hashing.partitionsOf(h, 0, 4)).isEmpty();
        }
    }

    @Test
    void nullTypeColumnsHashEveryRowAlike() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash-nulltype");
                FieldVector n = vec(a.get(), DataType.nullType(), null, null, null)) {
            long[] h = Hashing.hashRows(List.of(n), List.of(DataType.nullType()), 3);
            assertThat(h).containsOnly(h[0]);
        }
    }

    @ParameterizedTest(name = "{0} partitions")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 7, 16, 200})
    void sequentialLongsSpreadEvenlyOverPartitions(int partitions) {
        int n = 100_000;
        List<Object> values = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            values.add(i);
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash-partitions");
                FieldVector v = vec(a.get(), DataType.int64(), values)) {
            long[] h = Hashing.hashRows(List.of(v), List.of(DataType.int64()), n);
            int[] p = Hashing.partitionsOf(h, n, partitions);
            int[] counts = new int[partitions];
            for (int i = 0; i < n; i++) {
                assertThat(p[i]).isBetween(0, partitions - 1);
                assertThat(p[i]).isEqualTo(Hashing.partitionOf(h[i], partitions));
                counts[p[i]]++;
            }
            double expected = (double) n / partitions;
            for (int c : counts) {
                assertThat(Math.abs(c - expected)).as("partition sizes %s", Arrays.toString(counts))
                        .isLessThan(expected * 0.15 + 10);
            }
        }
    }

    @Test
    void lowBitsOfHashesAreSpreadToo() {
        // GroupTable indexes by the low bits: sequential keys must not cluster there either
        int n = 1 << 16;
        List<Object> values = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            values.add(i * 1024);
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash-lowbits");
                FieldVector v = vec(a.get(), DataType.int64(), values)) {
            long[] h = Hashing.hashRows(List.of(v), List.of(DataType.int64()), n);
            int[] buckets = new int[256];
            for (long x : h) {
                buckets[(int) (x & 255)]++;
            }
            for (int c : buckets) {
                assertThat(c).isBetween(n / 256 / 2, n / 256 * 2);
            }
        }
    }
}
