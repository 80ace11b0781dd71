package dev.floe.arrow.kernels.agg;

import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.string;
import static dev.floe.arrow.kernels.agg.AggFixtures.Batch;
import static dev.floe.arrow.kernels.agg.AggFixtures.assertClose;
import static dev.floe.arrow.kernels.agg.AggFixtures.onePhase;
import static dev.floe.arrow.kernels.agg.AggFixtures.twoPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.arrow.Values;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * The second wave of aggregations beyond {@link AggregatesTest}'s matrix: covariance and
 * correlation (two inputs), the statistics DuckDB defines (skewness, kurtosis, quantile_cont,
 * product) against DuckDB itself, the sketches within their documented error after a two-phase
 * merge, and the parameters (fractions, separator, ignoreNulls).
 */
class MoreAggregatesTest {
    private static final int GROUPS = 5;

    /** Rows of (g, x, y): group 0 normal data, 1 a large offset, 2 constant x, 3 one pair, 4 nulls only. */
    private static List<Object[]> rows() {
        Random r = new Random(3);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int g = i % GROUPS;
            Double x = switch (g) {
                case 0 -> r.nextGaussian() * 3 + 1;
                case 1 -> 1e6 + Math.exp(r.nextGaussian());
                case 2 -> 7.0;
                case 3 -> i == 3 ? 2.0 : null;
                default -> null;
            };
            Double y = g == 4 ? null : x == null ? null : x * 0.5 + r.nextGaussian();
            if (i % 17 == 0) {
                y = null;
            }
            if (i % 23 == 0 && g != 3) {
                x = null;
            }
            out.add(new Object[] {g, x, y});
        }
        return out;
    }

    private static List<List<Object>> duck(String select, List<Object[]> rows) throws SQLException {
        StringBuilder values = new StringBuilder();
        for (Object[] row : rows) {
            values.append(values.length() == 0 ? "" : ", ").append("(").append(row[0]).append(", ")
                    .append(row[1] == null ? "NULL" : "'" + row[1] + "'").append("::DOUBLE, ")
                    .append(row[2] == null ? "NULL" : "'" + row[2] + "'").append("::DOUBLE)");
        }
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement()) {
            st.execute("SET threads=1");
            try (ResultSet rs = st.executeQuery("SELECT " + select + " FROM (VALUES " + values
                    + ") t(g, x, y) GROUP BY g ORDER BY g")) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int k = 1; k <= width; k++) {
                        Object v = rs.getObject(k);
                        if (v instanceof Array a) {
                            v = Arrays.asList((Object[]) a.getArray());
                        }
                        row.add(v);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** The rows as batches of 700, x as the values (group g = column 0). */
    private static List<Batch> batches(List<Object[]> rows, int column) {
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += 700) {
            int end = Math.min(rows.size(), start + 700);
            List<Object> values = new ArrayList<>();
            int[] groups = new int[end - start];
            for (int i = start; i < end; i++) {
                values.add(rows.get(i)[column]);
                groups[i - start] = (Integer) rows.get(i)[0];
            }
            out.add(new Batch(values, groups, GROUPS));
        }
        return out;
    }

    private static void assertDoubles(List<Object> actual, List<List<Object>> duck, int column, double tolerance,
            String what) {
        for (int g = 0; g < GROUPS; g++) {
            Object want = duck.get(g).get(column);
            Object got = actual.get(g);
            if (want == null) {
                assertThat(got).as(what + " group " + g).isNull();
            } else if (want instanceof List<?> list) {
                assertThat((List<?>) got).as(what + " group " + g).hasSameSizeAs(list);
                for (int k = 0; k < list.size(); k++) {
                    double w = ((Number) list.get(k)).doubleValue();
                    assertClose((Double) ((List<?>) got).get(k), w, Math.max(1, Math.abs(w)), tolerance, what + " group " + g);
                }
            } else {
                double w = ((Number) want).doubleValue();
                assertThat(got).as(what + " group " + g).isNotNull();
                assertClose((Double) got, w, Math.max(1, Math.abs(w)), tolerance, what + " group " + g);
            }
        }
    }

    @Test
    void statisticsMatchDuckDbOneAndTwoPhase() throws SQLException {
        List<Object[]> rows = rows();
        List<List<Object>> duck = duck("skewness(x), kurtosis(x), median(x), quantile_cont(x, [0.1, 0.75, 1.0]), "
                + "quantile_cont(x, 0.3), product(x / 1e6)", rows);
        List<Batch> xs = batches(rows, 1);
        AggOptions three = AggOptions.fractions(List.of(0.1, 0.75, 1.0));
        AggOptions one = AggOptions.fractions(List.of(0.3));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("stats")) {
            BufferAllocator al = a.get();
            for (boolean two : new boolean[] {false, true}) {
                String phase = two ? " two-phase" : "";
                assertDoubles(run(AggFunction.SKEW, AggOptions.DEFAULT, xs, two, al), duck, 0, 1e-6, "skew" + phase);
                assertDoubles(run(AggFunction.KURTOSIS, AggOptions.DEFAULT, xs, two, al), duck, 1, 1e-6, "kurtosis" + phase);
            }
            assertDoubles(onePhase(AggFunction.MEDIAN, float64(), xs, al), duck, 2, 1e-12, "median");
            assertDoubles(onePhase(AggFunction.PERCENTILE, three, float64(), xs, al), duck, 3, 1e-12, "percentile list");
            assertDoubles(onePhase(AggFunction.PERCENTILE, one, float64(), xs, al), duck, 4, 1e-12, "percentile");
        }
        // product in its own scale, so that 600 factors neither overflow nor vanish
        List<Object[]> scaled = new ArrayList<>();
        for (Object[] row : rows) {
            scaled.add(new Object[] {row[0], row[1] == null ? null : (Double) row[1] / 1e6, row[2]});
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("product")) {
            List<Batch> ps = batches(scaled, 1);
            List<Object> oneP = onePhase(AggFunction.PRODUCT, float64(), ps, a.get());
            List<Object> twoP = twoPhase(AggFunction.PRODUCT, float64(), ps, a.get());
            for (int g = 0; g < GROUPS; g++) {
                Object want = duck.get(g).get(5);
                if (want == null) {
                    assertThat(oneP.get(g)).isNull();
                    assertThat(twoP.get(g)).isNull();
                } else {
                    double w = (Double) want;
                    assertClose((Double) oneP.get(g), w, w, 1e-9, "product group " + g);
                    assertClose((Double) twoP.get(g), w, w, 1e-9, "product two-phase group " + g);
                }
            }
        }
    }

    private static List<Object> run(AggFunction f, AggOptions o, List<Batch> batches, boolean two, BufferAllocator a) {
        return two ? twoPhase(f, o, float64(), batches, a) : onePhase(f, o, float64(), batches, a);
    }

    @Test
    void covarianceAndCorrelationMatchDuckDbOneAndTwoPhase() throws SQLException {
        List<Object[]> rows = rows();
        List<List<Object>> duck = duck("covar_samp(y, x), corr(y, x)", rows);
        for (AggFunction f : List.of(AggFunction.COVARIANCE, AggFunction.CORRELATION)) {
            try (LeakCheckingAllocator a = new LeakCheckingAllocator("covariance")) {
                int column = f == AggFunction.COVARIANCE ? 0 : 1;
                assertDoubles(pairs(f, rows, 1, a.get()), duck, column, 1e-9, f + " one phase");
                assertDoubles(pairs(f, rows, 3, a.get()), duck, column, 1e-9, f + " three partials merged");
            }
        }
    }

    /** Runs a two-input function over the rows dealt round-robin to {@code parts} accumulators (merged when > 1). */
    private static List<Object> pairs(AggFunction f, List<Object[]> rows, int parts, BufferAllocator a) {
        List<Accumulator> partials = new ArrayList<>();
        try {
            for (int p = 0; p < parts; p++) {
                partials.add(f.create(float64(), AggOptions.DEFAULT, a));
                List<Object> x = new ArrayList<>();
                List<Object> y = new ArrayList<>();
                List<Integer> g = new ArrayList<>();
                for (int i = p; i < rows.size(); i += parts) {
                    x.add(rows.get(i)[1]);
                    y.add(rows.get(i)[2]);
                    g.add((Integer) rows.get(i)[0]);
                }
                try (FieldVector xv = Values.toVector("x", float64(), x, a);
                     FieldVector yv = Values.toVector("y", float64(), y, a)) {
                    // covariance(y, x): the first input is y, as in DuckDB's covar_samp(y, x)
                    partials.get(p).update(yv, xv, g.stream().mapToInt(Integer::intValue).toArray(), x.size(), GROUPS);
                }
            }
            Accumulator result = partials.get(0);
            if (parts > 1) {
                result = f.create(float64(), AggOptions.DEFAULT, a);
                partials.add(result);
                int[] ids = {0, 1, 2, 3, 4};
                for (int p = 0; p < parts; p++) {
                    List<FieldVector> state = partials.get(p).state(GROUPS, a);
                    try {
                        result.merge(state, ids, GROUPS, GROUPS);
                    } finally {
                        state.forEach(FieldVector::close);
                    }
                }
            }
            try (FieldVector out = result.finish(GROUPS, a)) {
                return dev.floe.arrow.testing.Batches.values(out, float64());
            }
        } finally {
            partials.forEach(Accumulator::close);
        }
    }

    @Test
    void sketchesStayWithinTheirDocumentedErrorAfterMerging() {
        Random r = new Random(17);
        int n = 120_000;
        List<Batch> batches = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        java.util.Set<Long> distinctInts = new java.util.HashSet<>();
        List<Batch> ints = new ArrayList<>();
        for (int start = 0; start < n; start += 10_000) {
            List<Object> values = new ArrayList<>();
            List<Object> longs = new ArrayList<>();
            int[] groups = new int[10_000];
            for (int i = 0; i < 10_000; i++) {
                double x = Math.exp(r.nextGaussian() * 2);
                values.add(x);
                all.add(x);
                long v = r.nextInt(200_000);
                longs.add(v);
                distinctInts.add(v);
            }
            batches.add(new Batch(values, groups, 1));
            ints.add(new Batch(longs, groups, 1));
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("sketches")) {
            long exact = distinctInts.size();
            for (List<Object> got : List.of(onePhase(AggFunction.APPROX_COUNT_DISTINCT, int64(), ints, a.get()),
                    twoPhase(AggFunction.APPROX_COUNT_DISTINCT, int64(), ints, a.get()))) {
                assertThat((double) (Long) got.get(0) / exact).as("HLL estimate of %d", exact).isBetween(0.98, 1.02);
            }
            // strings hash by their bytes: the same number of distinct values as their integers
            List<Batch> strings = ints.stream().map(b -> new Batch(b.values().stream().map(v -> (Object) ("s" + v)).toList(),
                    b.groups(), 1)).toList();
            long est = (Long) twoPhase(AggFunction.APPROX_COUNT_DISTINCT, string(), strings, a.get()).get(0);
            assertThat((double) est / exact).as("HLL over strings").isBetween(0.98, 1.02);

            double[] ps = {0.01, 0.25, 0.5, 0.9, 0.999};
            List<Double> fractions = Arrays.stream(ps).boxed().toList();
            AggOptions o = AggOptions.fractions(fractions);
            for (List<Object> got : List.of(onePhase(AggFunction.APPROX_PERCENTILE, o, float64(), batches, a.get()),
                    twoPhase(AggFunction.APPROX_PERCENTILE, o, float64(), batches, a.get()))) {
                List<?> qs = (List<?>) got.get(0);
                for (int k = 0; k < ps.length; k++) {
                    double q = (Double) qs.get(k);
                    int rank = Arrays.binarySearch(sorted, q);
                    assertThat(rank).as("a value of the group").isNotNegative();
                    assertThat(Math.abs((rank + 1.0) / n - ps[k])).as("rank error at p=" + ps[k]).isLessThan(0.02);
                }
            }
        }
    }

    @Test
    void firstAndLastFollowArrivalOrderWithOrWithoutNulls() {
        List<Batch> batches = List.of(
                new Batch(Arrays.asList(null, 1L, 2L, null), new int[] {0, 0, 1, 1}, 2),
                new Batch(Arrays.asList(3L, null, null), new int[] {0, 0, 2}, 3),
                new Batch(Arrays.asList(4L, null), new int[] {1, 0}, 3));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("first")) {
            BufferAllocator al = a.get();
            assertThat(onePhase(AggFunction.FIRST, AggOptions.DEFAULT, int64(), batches, al)).containsExactly(null, 2L, null);
            assertThat(onePhase(AggFunction.FIRST, AggOptions.ignoreNulls(true), int64(), batches, al))
                    .containsExactly(1L, 2L, null);
            assertThat(onePhase(AggFunction.LAST, AggOptions.DEFAULT, int64(), batches, al)).containsExactly(null, 4L, null);
            assertThat(onePhase(AggFunction.LAST, AggOptions.ignoreNulls(true), int64(), batches, al))
                    .containsExactly(3L, 4L, null);
            // two phases with ignoreNulls: a partial that saw only nulls does not hide another's value
            assertThat(twoPhase(AggFunction.FIRST, AggOptions.ignoreNulls(true), int64(), batches, al).get(0))
                    .isIn(1L, 3L);
            assertThat(twoPhase(AggFunction.LAST, AggOptions.ignoreNulls(true), int64(), batches, al).get(2)).isNull();
        }
        // LAST over many batches of strings compacts its copies and keeps the latest value
        List<Batch> many = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            List<Object> values = new ArrayList<>();
            int[] groups = new int[100];
            for (int i = 0; i < 100; i++) {
                groups[i] = i % 50;
                values.add("b" + b + "-" + i);
            }
            many.add(new Batch(values, groups, 50));
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("last")) {
            List<Object> last = onePhase(AggFunction.LAST, AggOptions.DEFAULT, string(), many, a.get());
            for (int g = 0; g < 50; g++) {
                assertThat(last.get(g)).isEqualTo("b39-" + (g + 50));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void stringAggAggSetBooleansAndCountIf() {
        List<Batch> strings = List.of(
                new Batch(Arrays.asList("a", null, "b", "a"), new int[] {0, 1, 0, 0}, 2),
                new Batch(Arrays.asList("c", null), new int[] {2, 1}, 3));
        List<Batch> bools = List.of(new Batch(Arrays.asList(true, null, false, true, null), new int[] {0, 1, 2, 2, 3}, 4));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("strings")) {
            BufferAllocator al = a.get();
            assertThat(onePhase(AggFunction.STRING_AGG, AggOptions.separator(" | "), string(), strings, al))
                    .containsExactly("a | b | a", null, "c");
            List<Object> sets = onePhase(AggFunction.AGG_SET, AggOptions.DEFAULT, string(), strings, al);
            assertThat((List<Object>) sets.get(0)).containsExactlyInAnyOrder("a", "b");
            assertThat((List<Object>) sets.get(1)).isEmpty();
            assertThat(onePhase(AggFunction.BOOL_AND, bool(), bools, al)).containsExactly(true, null, false, null);
            assertThat(twoPhase(AggFunction.BOOL_OR, bool(), bools, al)).containsExactly(true, null, true, null);
            assertThat(twoPhase(AggFunction.COUNT_IF, bool(), bools, al)).containsExactly(1L, 0L, 1L, 0L);
        }
    }

    @Test
    void typesAndParameters() {
        assertThat(AggFunction.PERCENTILE.resultType(int32(), AggOptions.fractions(List.of(0.5)))).isEqualTo(float64());
        assertThat(AggFunction.PERCENTILE.resultType(int32(), AggOptions.fractions(List.of(0.5, 0.9))))
                .isEqualTo(DataType.list(float64()));
        assertThat(AggFunction.APPROX_PERCENTILE.stateTypes(int32(), AggOptions.DEFAULT)).containsExactly(DataType.binary());
        assertThat(AggFunction.FIRST.stateTypes(string())).containsExactly(string(), bool());
        assertThat(AggFunction.AGG_SET.resultType(int32())).isEqualTo(DataType.list(int32()));
        assertThat(AggFunction.COUNT_IF.accepts(int32())).isFalse();
        assertThat(AggFunction.MEDIAN.keepsValues()).isTrue();
        assertThat(AggFunction.APPROX_PERCENTILE.keepsValues()).isFalse();
        assertThatThrownBy(() -> AggOptions.fractions(List.of(1.5))).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> AggOptions.fractions(List.of())).hasMessageContaining("at least one");
    }
}
