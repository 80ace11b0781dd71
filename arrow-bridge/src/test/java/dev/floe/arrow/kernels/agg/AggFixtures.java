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

/** Data sets, accumulator runs (one- and two-phase) and the Java oracle behind {@link AggregatesTest}. */
final class AggFixtures {
    private AggFixtures() {
    }

    // ---- data ------------------------------------------------------------------------------

    /** One update call: values of rows 0..n-1, their groups, and numGroups at that point. */
    record Batch(List<Object> values, int[] groups, int numGroups) {
    }

    /** Batch sizes and how many groups exist after each; group 2 gets only nulls. */
    static final int[] SIZES = {13, 0, 57, 31};
    static final int[] GROUPS = {3, 3, 7, 9};
    static final int NULL_GROUP = 2;

    static List<Batch> dataset(DataType type, boolean specials, long seed) {
        Random r = new Random(seed);
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < SIZES.length; b++) {
            int n = SIZES[b];
            int[] groups = new int[n];
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // the first rows of a batch touch every group, so new groups are never empty
                int g = i < GROUPS[b] ? i : r.nextInt(GROUPS[b]);
                groups[i] = g;
                values.add(g == NULL_GROUP || r.nextInt(5) == 0 ? null : value(type, r, specials));
            }
            out.add(new Batch(values, groups, GROUPS[b]));
        }
        return out;
    }

    static final String[] PIECES = {"a", "b", "é", "豈", "😀", "Z", ""};
    static final byte[] BYTES = {0x00, 0x7F, (byte) 0x80, (byte) 0xFF};

    /** A random value of the Java class {@link Values#get} returns for the type. */
    static Object value(DataType type, Random r, boolean specials) {
        return switch (type.kind()) {
            case INT8 -> (byte) (r.nextInt(41) - 20);
            case INT32 -> r.nextInt(2001) - 1000;
            case INT64 -> r.nextInt(5) == 0 ? (long) r.nextInt() * 1_000_000L : (long) r.nextInt(101) - 50;
            case UINT8 -> (short) r.nextInt(256);
            case UINT32 -> (long) r.nextInt(50) + (r.nextBoolean() ? 4_000_000_000L : 0);
            case UINT64 -> BigInteger.valueOf(r.nextInt(50)).add(r.nextInt(4) == 0 ? BigInteger.ONE.shiftLeft(63) : BigInteger.ZERO);
            case FLOAT32 -> specials && r.nextInt(10) == 0 ? Float.NaN : r.nextInt(80) / 4.0f - 10;
            case FLOAT64 -> {
                if (specials) {
                    int s = r.nextInt(12);
                    if (s == 0) {
                        yield Double.NaN;
                    }
                    if (s == 1) {
                        yield -0.0;
                    }
                    if (s == 2) {
                        yield 0.0;
                    }
                }
                yield r.nextInt(3) == 0 ? 1e6 + r.nextGaussian() : r.nextInt(80) / 4.0 - 10;
            }
            case DECIMAL -> BigDecimal.valueOf(r.nextInt(200_001) - 100_000, ((DataType.Decimal) type).scale());
            case STRING -> {
                StringBuilder sb = new StringBuilder();
                for (int k = r.nextInt(3); k >= 0; k--) {
                    sb.append(PIECES[r.nextInt(PIECES.length)]);
                }
                yield sb.toString();
            }
            case BINARY -> {
                byte[] bytes = new byte[r.nextInt(3)];
                for (int k = 0; k < bytes.length; k++) {
                    bytes[k] = BYTES[r.nextInt(BYTES.length)];
                }
                yield bytes;
            }
            case DATE -> LocalDate.ofEpochDay(r.nextInt(100) - 50);
            case TIMESTAMP -> LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(r.nextInt(100)).plusNanos(r.nextInt(3) * 1000L);
            case DURATION -> Duration.ofMillis(r.nextInt(100) - 50);
            case BOOL -> r.nextBoolean();
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    // ---- running accumulators ----------------------------------------------------------------

    /** Updates one accumulator with every batch (input vectors are closed right after) and finishes it. */
    static List<Object> onePhase(AggFunction kind, DataType type, List<Batch> batches, BufferAllocator a) {
        return onePhase(kind, AggOptions.DEFAULT, type, batches, a);
    }

    static List<Object> onePhase(AggFunction kind, AggOptions options, DataType type, List<Batch> batches,
            BufferAllocator a) {
        try (Accumulator acc = kind.create(type, options, a)) {
            int numGroups = 0;
            for (Batch b : batches) {
                update(acc, kind, type, b.values(), b.groups(), b.numGroups(), a);
                numGroups = b.numGroups();
                assertThat(acc.sizeInBytes()).isGreaterThanOrEqualTo(0);
            }
            return finish(acc, kind, options, type, numGroups, a);
        }
    }

    static void update(Accumulator acc, AggFunction kind, DataType type, List<Object> values, int[] groups,
                               int numGroups, BufferAllocator a) {
        if (kind == AggFunction.COUNT_ALL) {
            acc.update(null, groups, values.size(), numGroups);
            return;
        }
        try (FieldVector v = Values.toVector("x", type, values, a)) {
            acc.update(v, groups, values.size(), numGroups);
        }
    }

    static List<Object> finish(Accumulator acc, AggFunction kind, DataType type, int numGroups, BufferAllocator a) {
        return finish(acc, kind, AggOptions.DEFAULT, type, numGroups, a);
    }

    static List<Object> finish(Accumulator acc, AggFunction kind, AggOptions options, DataType type, int numGroups,
            BufferAllocator a) {
        try (FieldVector out = acc.finish(numGroups, a)) {
            DataType resultType = kind.resultType(type, options);
            assertThat(DataType.fromArrow(out.getField())).isEqualTo(resultType);
            assertThat(out.getValueCount()).isEqualTo(numGroups);
            return Batches.values(out, resultType);
        }
    }

    /**
     * Rows go round-robin to three partial accumulators, each numbering its groups by first
     * appearance; a fourth merges their states through the local-to-global group maps.
     */
    static List<Object> twoPhase(AggFunction kind, DataType type, List<Batch> batches, BufferAllocator a) {
        return twoPhase(kind, AggOptions.DEFAULT, type, batches, a);
    }

    static List<Object> twoPhase(AggFunction kind, AggOptions options, DataType type, List<Batch> batches,
            BufferAllocator a) {
        int parts = 3;
        List<Accumulator> partials = new ArrayList<>();
        List<Map<Integer, Integer>> localIds = new ArrayList<>();
        try {
            for (int p = 0; p < parts; p++) {
                partials.add(kind.create(type, options, a));
                localIds.add(new HashMap<>());
            }
            int numGroups = 0;
            for (Batch b : batches) {
                numGroups = b.numGroups();
                for (int p = 0; p < parts; p++) {
                    List<Object> values = new ArrayList<>();
                    List<Integer> groups = new ArrayList<>();
                    Map<Integer, Integer> ids = localIds.get(p);
                    for (int i = p; i < b.values().size(); i += parts) {
                        values.add(b.values().get(i));
                        groups.add(ids.computeIfAbsent(b.groups()[i], g -> ids.size()));
                    }
                    update(partials.get(p), kind, type, values, groups.stream().mapToInt(Integer::intValue).toArray(),
                            ids.size(), a);
                }
            }
            try (Accumulator merged = kind.create(type, options, a)) {
                List<DataType> stateTypes = kind.stateTypes(type, options);
                for (int p = 0; p < parts; p++) {
                    Map<Integer, Integer> ids = localIds.get(p);
                    int[] toGlobal = new int[ids.size()];
                    ids.forEach((global, local) -> toGlobal[local] = global);
                    List<FieldVector> state = partials.get(p).state(ids.size(), a);
                    try {
                        assertThat(state).hasSameSizeAs(stateTypes);
                        for (int c = 0; c < state.size(); c++) {
                            assertThat(DataType.fromArrow(state.get(c).getField())).isEqualTo(stateTypes.get(c));
                            assertThat(state.get(c).getValueCount()).isEqualTo(ids.size());
                        }
                        merged.merge(state, toGlobal, toGlobal.length, numGroups);
                    } finally {
                        state.forEach(FieldVector::close);
                    }
                }
                return finish(merged, kind, options, type, numGroups, a);
            }
        } finally {
            partials.forEach(Accumulator::close);
        }
    }

    // ---- oracle --------------------------------------------------------------------------------

    /** A float result and the magnitude its rounding error is relative to. */
    record Approx(double value, double scale) {
    }

    static List<List<Object>> valuesByGroup(List<Batch> batches) {
        int numGroups = batches.get(batches.size() - 1).numGroups();
        List<List<Object>> out = new ArrayList<>();
        for (int g = 0; g < numGroups; g++) {
            out.add(new ArrayList<>());
        }
        for (Batch b : batches) {
            for (int i = 0; i < b.values().size(); i++) {
                out.get(b.groups()[i]).add(b.values().get(i));
            }
        }
        return out;
    }

    static Object expected(AggFunction kind, DataType type, int ddof, List<Object> all) {
        List<Object> vals = all.stream().filter(x -> x != null).toList();
        return switch (kind) {
            case COUNT -> (long) vals.size();
            case COUNT_ALL -> (long) all.size();
            case COUNT_DISTINCT -> vals.stream().map(AggFixtures::distinctKey).distinct().count();
            case SUM -> {
                if (vals.isEmpty()) {
                    yield null;
                }
                BigDecimal sum = vals.stream().map(AggFixtures::exact).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (type.isInteger() || type.kind() == DataType.Kind.BOOL) {
                    yield sum.longValueExact();
                }
                if (type.isFloating()) {
                    yield new Approx(sum.doubleValue(), absSum(vals));
                }
                yield sum;
            }
            case MEAN -> {
                if (vals.isEmpty()) {
                    yield null;
                }
                BigDecimal sum = vals.stream().map(AggFixtures::exact).reduce(BigDecimal.ZERO, BigDecimal::add);
                yield new Approx(sum.divide(BigDecimal.valueOf(vals.size()), MathContext.DECIMAL128).doubleValue(),
                        absSum(vals) / vals.size());
            }
            case MIN -> vals.stream().min(order()).orElse(null);
            case MAX -> vals.stream().max(order()).orElse(null);
            case VARIANCE, STDDEV -> {
                Double v = twoPassVariance(vals.stream().mapToDouble(AggFixtures::asDouble).toArray(), ddof);
                if (v == null) {
                    yield null;
                }
                double r = kind == AggFunction.STDDEV ? Math.sqrt(v) : v;
                yield new Approx(r, Math.abs(r));
            }
            case FIRST -> all.isEmpty() ? null : all.get(0);
            case LAST -> all.isEmpty() ? null : all.get(all.size() - 1);
            case MEDIAN, PERCENTILE -> {
                if (vals.isEmpty()) {
                    yield null;
                }
                double[] xs = vals.stream().mapToDouble(AggFixtures::asDouble).sorted().toArray();
                double r = quantileCont(xs, 0.5);
                yield new Approx(r, Math.max(Math.abs(xs[0]), Math.abs(xs[xs.length - 1])));
            }
            case APPROX_PERCENTILE -> {
                // below k = 200 values the KLL sketch is exact: the smallest value whose rank reaches p
                if (vals.isEmpty()) {
                    yield null;
                }
                double[] xs = vals.stream().mapToDouble(AggFixtures::asDouble).sorted().toArray();
                yield xs[(int) Math.ceil(0.5 * xs.length) - 1];
            }
            case APPROX_COUNT_DISTINCT -> vals.stream().map(AggFixtures::distinctKey).distinct().count();
            case BOOL_AND -> vals.isEmpty() ? null : vals.stream().allMatch(x -> (Boolean) x);
            case BOOL_OR -> vals.isEmpty() ? null : vals.stream().anyMatch(x -> (Boolean) x);
            case COUNT_IF -> vals.stream().filter(x -> (Boolean) x).count();
            case PRODUCT -> {
                if (vals.isEmpty()) {
                    yield null;
                }
                BigDecimal p = vals.stream().map(AggFixtures::exact).reduce(BigDecimal.ONE,
                        (x, y) -> x.multiply(y, MathContext.DECIMAL128));
                double r = p.doubleValue();
                yield new Approx(r, Math.abs(r));
            }
            case SKEW, KURTOSIS -> {
                Double r = moments(vals.stream().mapToDouble(AggFixtures::asDouble).toArray(), kind == AggFunction.KURTOSIS);
                yield r == null ? null : new Approx(r, Math.max(1, Math.abs(r)));
            }
            case ANY_VALUE, AGG_LIST, AGG_SET, STRING_AGG -> throw new IllegalStateException("checked by membership");
            case COVARIANCE, CORRELATION -> throw new IllegalStateException("two inputs: see MoreAggregatesTest");
        };
    }

    /** DuckDB's quantile_cont over sorted values: linear interpolation between the closest ranks. */
    static double quantileCont(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** DuckDB's skewness / kurtosis, two-pass over BigDecimal-free doubles; null where DuckDB gives NULL. */
    static Double moments(double[] xs, boolean kurtosis) {
        int n = xs.length;
        if (n < (kurtosis ? 4 : 3)) {
            return null;
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double x : xs) {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (m2 == 0) {
            return null;
        }
        return kurtosis ? (n - 1.0) * ((n + 1.0) * m4 / (m2 * m2) - 3.0 * (n - 1)) / ((n - 2.0) * (n - 3.0))
                : Math.sqrt((double) n * (n - 1)) / (n - 2.0) * m3 / Math.pow(m2, 1.5);
    }

    /** The textbook two-pass sample variance; null when n <= ddof. */
    static Double twoPassVariance(double[] xs, int ddof) {
        int n = xs.length;
        if (n <= ddof) {
            return null;
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (n - ddof);
    }

    static double absSum(List<Object> vals) {
        return vals.stream().mapToDouble(x -> Math.abs(asDouble(x))).sum();
    }

    static BigDecimal exact(Object x) {
        if (x instanceof BigDecimal d) {
            return d;
        }
        if (x instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (x instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO; // sum(bool) counts the true values
        }
        if (x instanceof Float || x instanceof Double) {
            return new BigDecimal(((Number) x).doubleValue());
        }
        return BigDecimal.valueOf(((Number) x).longValue());
    }

    static double asDouble(Object x) {
        return ((Number) x).doubleValue();
    }

    /** Sort order of API.md: NaN above every float, strings and binary by unsigned bytes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Object> order() {
        return (x, y) -> {
            if (x instanceof String s) {
                return Arrays.compareUnsigned(s.getBytes(StandardCharsets.UTF_8), ((String) y).getBytes(StandardCharsets.UTF_8));
            }
            if (x instanceof byte[] b) {
                return Arrays.compareUnsigned(b, (byte[]) y);
            }
            if (x instanceof Float || x instanceof Double) {
                return Double.compare(asDouble(x), asDouble(y));
            }
            return ((Comparable) x).compareTo(y);
        };
    }

    /** Equality of COUNT_DISTINCT and of group keys: NaN = NaN, -0.0 = 0.0. */
    static String distinctKey(Object x) {
        if (x == null) {
            return "null";
        }
        if (x instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (x instanceof Float || x instanceof Double) {
            double d = asDouble(x);
            return Double.isNaN(d) ? "NaN" : Double.toString(d == 0.0 ? 0.0 : d);
        }
        return x.toString();
    }

    static void assertGroupResult(AggFunction kind, DataType type, List<Object> groupValues, Object actual, String what) {
        List<String> present = groupValues.stream().filter(x -> x != null).map(AggFixtures::distinctKey).toList();
        switch (kind) {
            case ANY_VALUE -> {
                if (present.isEmpty()) {
                    assertThat(actual).as(what).isNull();
                } else {
                    assertThat(present).as(what).contains(distinctKey(actual));
                }
            }
            case AGG_SET -> {
                List<String> got = ((List<?>) actual).stream().map(AggFixtures::distinctKey).sorted().toList();
                assertThat(got).as(what).isEqualTo(present.stream().distinct().sorted().toList());
            }
            case STRING_AGG -> {
                if (present.isEmpty()) {
                    assertThat(actual).as(what).isNull();
                } else {
                    List<String> got = java.util.Arrays.stream(((String) actual).split(",", -1)).sorted().toList();
                    assertThat(got).as(what).isEqualTo(present.stream().sorted().toList());
                }
            }
            case APPROX_COUNT_DISTINCT -> {
                long exact = present.stream().distinct().count();
                assertThat((Long) actual).as(what).isBetween(exact - Math.max(1, exact / 50), exact + Math.max(1, exact / 50));
            }
            case AGG_LIST -> {
                if (groupValues.isEmpty()) {
                    assertThat(actual).as(what).isNull();
                } else {
                    List<String> got = ((List<?>) actual).stream().map(AggFixtures::distinctKey).sorted().toList();
                    List<String> want = groupValues.stream().map(AggFixtures::distinctKey).sorted().toList();
                    assertThat(got).as(what).isEqualTo(want);
                }
            }
            default -> {
                Object want = expected(kind, type, 1, groupValues);
                if (want instanceof Approx approx) {
                    assertThat(actual).as(what).isInstanceOf(Double.class);
                    assertClose((Double) actual, approx.value(), approx.scale(),
                            kind == AggFunction.VARIANCE || kind == AggFunction.STDDEV || kind == AggFunction.SKEW
                                    || kind == AggFunction.KURTOSIS ? 1e-9 : 1e-12, what);
                } else {
                    assertThat(distinctKey(actual)).as(what).isEqualTo(distinctKey(want));
                }
            }
        }
    }

    static void assertClose(double actual, double expected, double scale, double relative, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(relative * Math.max(Math.abs(scale), Double.MIN_NORMAL));
    }
}
