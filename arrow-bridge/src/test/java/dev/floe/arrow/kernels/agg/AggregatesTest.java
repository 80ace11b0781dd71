package dev.floe.arrow.kernels.agg;

import static dev.floe.api.types.DataType.binary;
import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.duration;
import static dev.floe.api.types.DataType.float32;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.int8;
import static dev.floe.api.types.DataType.string;
import static dev.floe.api.types.DataType.timestamp;
import static dev.floe.api.types.DataType.uint32;
import static dev.floe.api.types.DataType.uint64;
import static dev.floe.api.types.DataType.uint8;
import static dev.floe.arrow.kernels.agg.AggFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.Values;
import dev.floe.arrow.kernels.KernelException;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grouped accumulators against a straightforward Java oracle: every kind over several batches
 * (one empty) with nulls and a group that only ever sees nulls, one-phase and two-phase (rows split
 * over three partial accumulators whose states a fourth merges), plus the edge cases API.md names:
 * integer overflow, decimal sums, NaN ordering, UTF-8 byte order, empty input.
 */
class AggregatesTest {

    // ---- the matrix ----------------------------------------------------------------------------

    static final List<DataType> NUMERIC = List.of(int8(), int32(), int64(), uint8(), uint32(), float32(), float64(),
            decimal(10, 2));
    static final List<DataType> ORDERED = List.of(int8(), int32(), int64(), uint8(), uint32(), uint64(), float32(),
            float64(), decimal(10, 2), decimal(38, 4), date(), timestamp(TimeUnit.MICROSECOND, null),
            duration(TimeUnit.MILLISECOND), bool(), string(), binary());

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (AggFunction kind : AggFunction.values()) {
            List<DataType> types = switch (kind) {
                case SUM -> Stream.concat(NUMERIC.stream(), Stream.of(bool())).toList();
                case MEAN, STDDEV, VARIANCE, MEDIAN, PERCENTILE, APPROX_PERCENTILE, PRODUCT, SKEW, KURTOSIS ->
                        Stream.concat(NUMERIC.stream(), Stream.of(uint64())).toList();
                case BOOL_AND, BOOL_OR, COUNT_IF -> List.of(bool());
                case STRING_AGG -> List.of(string());
                case COVARIANCE, CORRELATION -> List.of(); // two inputs: MoreAggregatesTest
                default -> ORDERED;
            };
            for (DataType t : types) {
                out.add(Arguments.of(kind, t));
            }
        }
        return out.stream();
    }

    private static boolean numericKind(AggFunction kind) {
        return switch (kind) {
            case SUM, MEAN, STDDEV, VARIANCE, MEDIAN, PERCENTILE, APPROX_PERCENTILE, PRODUCT, SKEW, KURTOSIS -> true;
            default -> false;
        };
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("cases")
    void matchesOracleOverBatchesWithNulls(AggFunction kind, DataType type) {
        List<Batch> batches = dataset(type, !numericKind(kind), 42 + kind.ordinal() * 31L + type.toString().hashCode());
        List<List<Object>> byGroup = valuesByGroup(batches);
        assertThat(byGroup.get(NULL_GROUP)).isNotEmpty().allMatch(x -> x == null);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("oracle")) {
            List<Object> actual = onePhase(kind, type, batches, a.get());
            assertThat(actual).hasSize(byGroup.size());
            for (int g = 0; g < byGroup.size(); g++) {
                assertGroupResult(kind, type, byGroup.get(g), actual.get(g), kind + "(" + type + ") group " + g);
            }
        }
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("cases")
    void twoPhaseEqualsOnePhase(AggFunction kind, DataType type) {
        if (!kind.decomposable()) {
            return;
        }
        List<Batch> batches = dataset(type, !numericKind(kind), 7 + kind.ordinal() * 13L + type.toString().hashCode());
        List<List<Object>> byGroup = valuesByGroup(batches);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("two-phase")) {
            List<Object> one = onePhase(kind, type, batches, a.get());
            List<Object> two = twoPhase(kind, type, batches, a.get());
            assertThat(two).hasSameSizeAs(one);
            for (int g = 0; g < one.size(); g++) {
                String what = kind + "(" + type + ") group " + g;
                if (kind == AggFunction.ANY_VALUE || kind == AggFunction.APPROX_COUNT_DISTINCT) {
                    assertGroupResult(kind, type, byGroup.get(g), two.get(g), what);
                } else if (kind == AggFunction.FIRST || kind == AggFunction.LAST) {
                    // which row is first depends on how rows reach the partials: any of the group's values
                    List<String> all = byGroup.get(g).stream().map(AggFixtures::distinctKey).toList();
                    assertThat(all).as(what).contains(distinctKey(two.get(g)));
                } else if (one.get(g) instanceof Double d) {
                    // (count, mean, m2) states of values near 2^32 lose ~1e-10 relative in the merge: the project tolerance is 1e-9
                    double scale = kind == AggFunction.SKEW || kind == AggFunction.KURTOSIS ? Math.max(1, Math.abs(d)) : d;
                    assertClose((Double) two.get(g), d, scale, 1e-9, what);
                } else {
                    assertThat(distinctKey(two.get(g))).as(what).isEqualTo(distinctKey(one.get(g)));
                }
            }
        }
    }

    // ---- edge cases ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = AggFunction.class, mode = EnumSource.Mode.EXCLUDE, names = {"COVARIANCE", "CORRELATION"})
    void emptyInputGivesNoGroupsAndAllNullGroupGivesNullOrZero(AggFunction kind) {
        DataType type = switch (kind) {
            case MIN, MAX, STRING_AGG -> string();
            case BOOL_AND, BOOL_OR, COUNT_IF -> bool();
            default -> int32();
        };
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("empty");
             Accumulator acc = kind.create(type, 1, a.get())) {
            update(acc, kind, type, List.of(), new int[0], 0, a.get());
            assertThat(finish(acc, kind, type, 0, a.get())).isEmpty();
            if (kind.decomposable()) {
                List<FieldVector> state = acc.state(0, a.get());
                assertThat(state).allMatch(v -> v.getValueCount() == 0);
                state.forEach(FieldVector::close);
            }
            // one group that got only nulls
            update(acc, kind, type, Arrays.asList(null, null), new int[] {0, 0}, 1, a.get());
            Object want = switch (kind) {
                case COUNT, COUNT_DISTINCT, COUNT_IF, APPROX_COUNT_DISTINCT -> 0L;
                case AGG_SET -> List.of();
                case COUNT_ALL -> 2L;
                case AGG_LIST -> Arrays.asList(null, null);
                default -> null;
            };
            assertThat(finish(acc, kind, type, 1, a.get())).containsExactly(want);
        }
    }

    @Test
    void integerSumOverflowIsAnError() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("overflow")) {
            List<Batch> batches = List.of(new Batch(List.of(Long.MAX_VALUE - 1, 1L, 1L), new int[] {0, 0, 0}, 1));
            assertThatThrownBy(() -> onePhase(AggFunction.SUM, int64(), batches, a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("integer overflow in sum");
            List<Batch> negative = List.of(new Batch(List.of(Long.MIN_VALUE, -1L), new int[] {0, 0}, 1));
            assertThatThrownBy(() -> onePhase(AggFunction.SUM, int64(), negative, a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("integer overflow in sum");
            List<Batch> unsigned = List.of(new Batch(List.of(BigInteger.ONE.shiftLeft(63)), new int[] {0}, 1));
            assertThatThrownBy(() -> onePhase(AggFunction.SUM, uint64(), unsigned, a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("integer overflow in sum");
            // each partial fits, their merge does not
            List<Batch> split = List.of(new Batch(List.of(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE / 2 + 1, 0L),
                    new int[] {0, 0, 0}, 1));
            assertThatThrownBy(() -> twoPhase(AggFunction.SUM, int64(), split, a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("integer overflow in sum");
            // the largest sums that fit
            List<Batch> fits = List.of(new Batch(List.of(Long.MAX_VALUE - 1, 1L, -1L, Long.MIN_VALUE + 1),
                    new int[] {0, 0, 1, 1}, 2));
            assertThat(onePhase(AggFunction.SUM, int64(), fits, a.get())).containsExactly(Long.MAX_VALUE, Long.MIN_VALUE);
            List<Batch> smallUnsigned = List.of(new Batch(List.of(BigInteger.valueOf(3), BigInteger.valueOf(4)),
                    new int[] {0, 0}, 1));
            assertThat(onePhase(AggFunction.SUM, uint64(), smallUnsigned, a.get())).containsExactly(7L);
        }
    }

    @Test
    void decimalSumKeepsScaleAndFailsPast38Digits() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("decimal")) {
            List<Batch> batches = List.of(
                    new Batch(Arrays.asList(new BigDecimal("1.25"), new BigDecimal("2.50"), null), new int[] {0, 0, 1}, 2),
                    new Batch(Arrays.asList(new BigDecimal("-0.75"), new BigDecimal("999.99")), new int[] {0, 0}, 2));
            assertThat(AggFunction.SUM.resultType(decimal(5, 2))).isEqualTo(decimal(38, 2));
            assertThat(onePhase(AggFunction.SUM, decimal(5, 2), batches, a.get()))
                    .containsExactly(new BigDecimal("1002.99"), null);
            assertThat(twoPhase(AggFunction.SUM, decimal(5, 2), batches, a.get()))
                    .containsExactly(new BigDecimal("1002.99"), null);
            assertThat(onePhase(AggFunction.MEAN, decimal(5, 2), batches, a.get()))
                    .containsExactly(1002.99 / 4, null);

            BigDecimal nines = new BigDecimal("9".repeat(37));   // 37 digits: sums of two fit in 38
            List<Batch> fits = List.of(new Batch(List.of(nines, nines), new int[] {0, 0}, 1));
            assertThat(onePhase(AggFunction.SUM, decimal(37, 0), fits, a.get()))
                    .containsExactly(nines.add(nines));
            BigDecimal max = new BigDecimal("9".repeat(38));
            List<Batch> over = List.of(new Batch(List.of(max, BigDecimal.ONE), new int[] {0, 0}, 1));
            assertThatThrownBy(() -> onePhase(AggFunction.SUM, decimal(38, 0), over, a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("38 digits");
            List<Batch> under = List.of(new Batch(List.of(max.negate(), max.negate(), max.negate()), new int[] {0, 0, 0}, 1));
            assertThatThrownBy(() -> onePhase(AggFunction.SUM, decimal(38, 0), under, a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("overflow in sum");
            // going past 38 digits and back is fine: only the result must fit
            List<Batch> back = List.of(new Batch(List.of(max, BigDecimal.ONE, BigDecimal.ONE.negate()), new int[] {0, 0, 0}, 1));
            assertThat(onePhase(AggFunction.SUM, decimal(38, 0), back, a.get())).containsExactly(max);
        }
    }

    @Test
    void stddevAndVarianceMatchTwoPassFormula() {
        Random r = new Random(3);
        List<Object> values = new ArrayList<>();
        int[] groups = new int[3000];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i % 3;
            // large offset, small spread: naive sum-of-squares would lose every digit here
            values.add(switch (i % 3) {
                case 0 -> 1e9 + r.nextGaussian();
                case 1 -> r.nextGaussian() * 1e-3;
                default -> (double) r.nextInt(1000);
            });
        }
        List<Batch> batches = new ArrayList<>();
        for (int start = 0; start < groups.length; start += 700) {
            int end = Math.min(groups.length, start + 700);
            batches.add(new Batch(values.subList(start, end), Arrays.copyOfRange(groups, start, end), 3));
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("variance")) {
            for (int ddof : new int[] {0, 1}) {
                for (AggFunction kind : List.of(AggFunction.VARIANCE, AggFunction.STDDEV)) {
                    List<Object> one;
                    try (Accumulator acc = kind.create(float64(), ddof, a.get())) {
                        for (Batch b : batches) {
                            update(acc, kind, float64(), b.values(), b.groups(), 3, a.get());
                        }
                        one = finish(acc, kind, float64(), 3, a.get());
                    }
                    for (int g = 0; g < 3; g++) {
                        int group = g;
                        double[] xs = new double[groups.length / 3];
                        for (int i = 0; i < xs.length; i++) {
                            xs[i] = (Double) values.get(i * 3 + group);
                        }
                        double v = twoPassVariance(xs, ddof);
                        double want = kind == AggFunction.STDDEV ? Math.sqrt(v) : v;
                        assertClose((Double) one.get(g), want, want, 1e-9, kind + " ddof " + ddof + " group " + g);
                    }
                }
            }
            // sample statistics of one value are null; of two, exact
            List<Batch> small = List.of(new Batch(Arrays.asList(5, 1, 3, null), new int[] {0, 1, 1, 2}, 3));
            assertThat(onePhase(AggFunction.VARIANCE, int32(), small, a.get())).containsExactly(null, 2.0, null);
            assertThat(onePhase(AggFunction.STDDEV, int32(), small, a.get())).containsExactly(null, Math.sqrt(2.0), null);
            assertThat(twoPhase(AggFunction.VARIANCE, int32(), small, a.get())).containsExactly(null, 2.0, null);
        }
    }

    @Test
    void minMaxOfStringsUseUtf8ByteOrder() {
        // UTF-16 puts "😀" (surrogates D83D...) below "豈" (F900); UTF-8 bytes put it above (F0 > EF)
        List<Batch> batches = List.of(
                new Batch(Arrays.asList("豈", "a", null, "é"), new int[] {0, 0, 1, 0}, 2),
                new Batch(Arrays.asList("😀", "", "Z", "ab"), new int[] {0, 2, 2, 2}, 3));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("strings")) {
            assertThat(onePhase(AggFunction.MIN, string(), batches, a.get())).containsExactly("a", null, "");
            assertThat(onePhase(AggFunction.MAX, string(), batches, a.get())).containsExactly("😀", null, "ab");
            assertThat(twoPhase(AggFunction.MAX, string(), batches, a.get())).containsExactly("😀", null, "ab");
            assertThat(onePhase(AggFunction.COUNT_DISTINCT, string(), batches, a.get())).containsExactly(4L, 0L, 3L);
            // a longer value replaces a shorter current best in place of a fresh copy
            List<Batch> growing = List.of(new Batch(List.of("b", "bbbbbbbbbbbb", "c", "bb"), new int[] {0, 0, 0, 0}, 1));
            assertThat(onePhase(AggFunction.MIN, string(), growing, a.get())).containsExactly("b");
            assertThat(onePhase(AggFunction.MAX, string(), growing, a.get())).containsExactly("c");
        }
    }

    @Test
    void nanIsTheLargestFloatInMinMax() {
        List<Batch> batches = List.of(new Batch(
                Arrays.asList(1.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN, 2.0, Double.POSITIVE_INFINITY, null),
                new int[] {0, 0, 0, 1, 2, 2, 2, 3}, 4));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nan")) {
            assertThat(onePhase(AggFunction.MAX, float64(), batches, a.get())).containsExactly(Double.NaN, Double.NaN, Double.NaN, null);
            assertThat(onePhase(AggFunction.MIN, float64(), batches, a.get()))
                    .containsExactly(Double.NEGATIVE_INFINITY, Double.NaN, 2.0, null);
            assertThat(twoPhase(AggFunction.MIN, float64(), batches, a.get()))
                    .containsExactly(Double.NEGATIVE_INFINITY, Double.NaN, 2.0, null);
            List<Batch> floats = List.of(new Batch(List.of(Float.NaN, 3f, -1f), new int[] {0, 0, 0}, 1));
            assertThat(onePhase(AggFunction.MAX, float32(), floats, a.get())).containsExactly(Float.NaN);
            assertThat(onePhase(AggFunction.MIN, float32(), floats, a.get())).containsExactly(-1f);
        }
    }

    @Test
    void countDistinctTreatsNanAsEqualAndNegativeZeroAsZero() {
        List<Batch> batches = List.of(
                new Batch(Arrays.asList(Double.NaN, 0.0, 1.0, null), new int[] {0, 0, 0, 1}, 2),
                new Batch(Arrays.asList(Double.NaN, -0.0, 1.0, 1.0), new int[] {0, 0, 0, 1}, 2));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("distinct")) {
            assertThat(onePhase(AggFunction.COUNT_DISTINCT, float64(), batches, a.get())).containsExactly(3L, 1L);
            // many values across many groups force the hash set to grow
            int n = 50_000;
            List<Object> values = new ArrayList<>();
            int[] groups = new int[n];
            for (int i = 0; i < n; i++) {
                values.add((long) (i % 1000));
                groups[i] = i % 7;
            }
            assertThat(onePhase(AggFunction.COUNT_DISTINCT, int64(), List.of(new Batch(values, groups, 7)), a.get()))
                    .containsExactly(1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L);
        }
    }

    @Test
    void uint64MinMaxCompareUnsigned() {
        BigInteger big = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        List<Batch> batches = List.of(new Batch(List.of(BigInteger.ONE, big, BigInteger.ZERO), new int[] {0, 0, 0}, 1));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("uint64")) {
            assertThat(onePhase(AggFunction.MAX, uint64(), batches, a.get())).containsExactly(big);
            assertThat(onePhase(AggFunction.MIN, uint64(), batches, a.get())).containsExactly(BigInteger.ZERO);
            assertThat(onePhase(AggFunction.MEAN, uint64(), batches, a.get()))
                    .containsExactly(new BigDecimal(big.add(BigInteger.ONE)).doubleValue() / 3);
        }
    }

    @Test
    void typesAndDecomposability() {
        assertThat(AggFunction.COUNT_DISTINCT.decomposable()).isFalse();
        assertThat(AggFunction.AGG_LIST.decomposable()).isFalse();
        assertThat(Stream.of(AggFunction.values()).filter(f -> !f.decomposable())).containsExactlyInAnyOrder(
                AggFunction.COUNT_DISTINCT, AggFunction.AGG_LIST, AggFunction.AGG_SET, AggFunction.STRING_AGG,
                AggFunction.MEDIAN, AggFunction.PERCENTILE);
        assertThat(AggFunction.SUM.resultType(int8())).isEqualTo(int64());
        assertThat(AggFunction.SUM.resultType(float32())).isEqualTo(float64());
        assertThat(AggFunction.MEAN.resultType(decimal(10, 3))).isEqualTo(float64());
        assertThat(AggFunction.MIN.resultType(string())).isEqualTo(string());
        assertThat(AggFunction.AGG_LIST.resultType(date())).isEqualTo(DataType.list(date()));
        assertThat(AggFunction.COUNT_DISTINCT.resultType(string())).isEqualTo(int64());
        assertThat(AggFunction.MEAN.stateTypes(decimal(10, 3))).containsExactly(decimal(38, 3), int64());
        assertThat(AggFunction.STDDEV.stateTypes(int32())).containsExactly(int64(), float64(), float64());
        assertThatThrownBy(() -> AggFunction.AGG_LIST.stateTypes(int32())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AggFunction.SUM.resultType(string()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("string");
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("types");
             Accumulator acc = AggFunction.AGG_LIST.create(int32(), 0, a.get())) {
            assertThatThrownBy(() -> acc.state(0, a.get())).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void varianceStddevAndMeanMatchDuckDb() throws SQLException {
        Random r = new Random(11);
        List<Object> values = new ArrayList<>();
        int[] groups = new int[4000];
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            int g = i % 4;
            groups[i] = g;
            double x = switch (g) {
                case 0 -> 1e6 + r.nextGaussian() * 10;
                case 1 -> r.nextGaussian() * 1e-3;
                case 2 -> r.nextInt(1000) - 500;
                default -> Math.exp(r.nextGaussian() * 3);
            };
            values.add(x);
            rows.append(i == 0 ? "" : ", ").append("(").append(g).append(", '").append(x).append("'::DOUBLE)");
        }
        double[][] duck = new double[4][3];
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement()) {
            st.execute("SET memory_limit='1GB'");
            st.execute("SET threads=1");
            try (ResultSet rs = st.executeQuery("SELECT g, var_samp(x), stddev_samp(x), avg(x) FROM (VALUES "
                    + rows + ") t(g, x) GROUP BY g ORDER BY g")) {
                while (rs.next()) {
                    for (int k = 0; k < 3; k++) {
                        duck[rs.getInt(1)][k] = rs.getDouble(k + 2);
                    }
                }
            }
        }
        List<Batch> batches = new ArrayList<>();
        for (int start = 0; start < groups.length; start += 999) {
            int end = Math.min(groups.length, start + 999);
            batches.add(new Batch(values.subList(start, end), Arrays.copyOfRange(groups, start, end), 4));
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("duckdb")) {
            List<AggFunction> kinds = List.of(AggFunction.VARIANCE, AggFunction.STDDEV, AggFunction.MEAN);
            for (int k = 0; k < kinds.size(); k++) {
                List<Object> one = onePhase(kinds.get(k), float64(), batches, a.get());
                List<Object> two = twoPhase(kinds.get(k), float64(), batches, a.get());
                for (int g = 0; g < 4; g++) {
                    double want = duck[g][k];
                    assertClose((Double) one.get(g), want, want, 1e-9, kinds.get(k) + " group " + g + " vs DuckDB");
                    assertClose((Double) two.get(g), want, want, 1e-9, kinds.get(k) + " two-phase group " + g + " vs DuckDB");
                }
            }
        }
    }

    @Test
    void updatesAllocateNoJavaObjectsPerRow() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 65_536;
        int numGroups = 1000;
        Random r = new Random(5);
        List<Object> longs = new ArrayList<>();
        List<Object> doubles = new ArrayList<>();
        List<Object> strings = new ArrayList<>();
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            groups[i] = i % numGroups;
            longs.add(r.nextInt(10) == 0 ? null : (long) r.nextInt(100));
            doubles.add(r.nextInt(10) == 0 ? null : r.nextGaussian());
            strings.add(r.nextInt(10) == 0 ? null : PIECES[r.nextInt(PIECES.length)] + PIECES[r.nextInt(PIECES.length)]);
        }
        record Case(AggFunction kind, DataType type, List<Object> values) {
        }
        List<Case> cases = List.of(new Case(AggFunction.SUM, int64(), longs), new Case(AggFunction.MEAN, int64(), longs),
                new Case(AggFunction.SUM, float64(), doubles), new Case(AggFunction.VARIANCE, float64(), doubles),
                new Case(AggFunction.MIN, int64(), longs), new Case(AggFunction.MAX, float64(), doubles),
                new Case(AggFunction.MAX, string(), strings), new Case(AggFunction.COUNT, string(), strings),
                new Case(AggFunction.COUNT_DISTINCT, int64(), longs), new Case(AggFunction.COUNT_DISTINCT, string(), strings),
                new Case(AggFunction.ANY_VALUE, string(), strings), new Case(AggFunction.FIRST, string(), strings),
                new Case(AggFunction.LAST, string(), strings), new Case(AggFunction.LAST, int64(), longs),
                new Case(AggFunction.PRODUCT, int64(), longs), new Case(AggFunction.SKEW, float64(), doubles),
                new Case(AggFunction.KURTOSIS, int64(), longs),
                // not the sketches: DataSketches allocates inside update (HLL per value, KLL when it compacts)
                new Case(AggFunction.AGG_SET, int64(), longs));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("allocation")) {
            for (Case c : cases) {
                try (FieldVector input = Values.toVector("x", c.type(), c.values(), a.get());
                     Accumulator acc = c.kind().create(c.type(), 1, a.get())) {
                    for (int warm = 0; warm < 30; warm++) {
                        acc.update(input, groups, n, numGroups);
                    }
                    int rounds = 20;
                    long before = threads.getCurrentThreadAllocatedBytes();
                    assertThat(before).as("thread allocation counting is on").isPositive();
                    for (int k = 0; k < rounds; k++) {
                        acc.update(input, groups, n, numGroups);
                    }
                    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                    assertThat((double) allocated / ((long) rounds * n)).as(c.kind() + "(" + c.type() + ") bytes per row")
                            .isLessThan(1.0);
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aggListAndAnyValueReadOnlyTheFirstNRowsAndAcceptNestedValues() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("agglist");
             Accumulator list = AggFunction.AGG_LIST.create(string(), 0, a.get());
             Accumulator nested = AggFunction.AGG_LIST.create(DataType.list(int32()), 0, a.get());
             Accumulator any = AggFunction.ANY_VALUE.create(DataType.list(int32()), 0, a.get());
             FieldVector strings = Values.toVector("s", string(), Arrays.asList("x", null, "日本", "ignored", "ignored"), a.get());
             FieldVector lists = Values.toVector("l", DataType.list(int32()),
                     Arrays.asList(List.of(1, 2), null, Arrays.asList(3, null)), a.get())) {
            list.update(strings, new int[] {1, 1, 0, 0, 0}, 3, 2);
            list.update(strings, new int[] {1}, 1, 2);
            List<Object> got = finish(list, AggFunction.AGG_LIST, string(), 2, a.get());
            assertThat(got.get(0)).isEqualTo(List.of("日本"));
            assertThat((List<Object>) got.get(1)).containsExactlyInAnyOrder("x", null, "x");
            nested.update(lists, new int[] {0, 0, 1}, 3, 2);
            assertThat(finish(nested, AggFunction.AGG_LIST, DataType.list(int32()), 2, a.get()))
                    .containsExactly(Arrays.asList(List.of(1, 2), null), List.of(Arrays.asList(3, null)));
            any.update(lists, new int[] {1, 0, 0}, 3, 3);
            assertThat(finish(any, AggFunction.ANY_VALUE, DataType.list(int32()), 3, a.get()))
                    .containsExactly(Arrays.asList(3, null), List.of(1, 2), null);
        }
    }
}
