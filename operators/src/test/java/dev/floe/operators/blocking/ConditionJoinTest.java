package dev.floe.operators.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.ExecutionException;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.testing.StepHarness;
import dev.floe.operators.testing.TestBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A join's residual condition is part of its match test: for every join type, in memory, spilled
 * (grace) and without keys (nested loop), the rows equal a nested-loop reference written here in
 * which a pair matches when its keys are equal and {@code lv < rv} is true (null is not true). So a
 * LEFT join keeps a left row whose key-equal pairs all fail the residual (null-extended), and an
 * ANTI join keeps it. As-of matches are checked the same way.
 */
class ConditionJoinTest {
    private static final Schema LEFT = Schema.of(Field.of("lk", DataType.int64()), Field.of("lv", DataType.int64()));
    private static final Schema RIGHT = Schema.of(Field.of("rk", DataType.int64()), Field.of("rv", DataType.int64()));
    /** {@code lv < rv} over the wide batch (right columns keep their names where the left has none alike). */
    private static final Expr RESIDUAL = new Binary(BinaryOp.LT, new Column("lv"),
            new Column(JoinSpec.wide(LEFT, RIGHT).field(3).name()));

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("condition-join");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    private static List<List<Object>> left(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Arrays.asList(i % 29 == 0 ? null : (i * 37L) % 300, i % 13 == 0 ? null : (i * 7L) % 1000));
        }
        return rows;
    }

    private static List<List<Object>> right(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Arrays.asList(i % 31 == 0 ? null : 150 + (i * 13L) % 450, i % 11 == 0 ? null : (i * 17L) % 1000));
        }
        return rows;
    }

    private static boolean matches(List<Object> l, List<Object> r, boolean keyed) {
        boolean keys = !keyed || l.get(0) != null && Objects.equals(l.get(0), r.get(0));
        return keys && l.get(1) != null && r.get(1) != null && (Long) l.get(1) < (Long) r.get(1);
    }

    private static List<String> reference(JoinSpec.Mode mode, List<List<Object>> left, List<List<Object>> right,
            boolean keyed) {
        List<List<Object>> out = new ArrayList<>();
        Set<Integer> matchedRight = new HashSet<>();
        for (List<Object> l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                if (matches(l, right.get(j), keyed)) {
                    matched = true;
                    matchedRight.add(j);
                    if (mode != JoinSpec.Mode.SEMI && mode != JoinSpec.Mode.ANTI) {
                        out.add(concat(l, right.get(j)));
                    }
                }
            }
            if (mode == JoinSpec.Mode.SEMI && matched || mode == JoinSpec.Mode.ANTI && !matched) {
                out.add(l);
            }
            if (!matched && (mode == JoinSpec.Mode.PROBE_OUTER || mode == JoinSpec.Mode.FULL_OUTER)) {
                out.add(concat(l, Arrays.asList(null, null)));
            }
        }
        if (mode == JoinSpec.Mode.BUILD_OUTER || mode == JoinSpec.Mode.FULL_OUTER) {
            for (int j = 0; j < right.size(); j++) {
                if (!matchedRight.contains(j)) {
                    out.add(concat(Arrays.asList(null, null), right.get(j)));
                }
            }
        }
        return TestBatches.sortedText(out);
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> row = new ArrayList<>(a);
        row.addAll(b);
        return row;
    }

    private List<List<Object>> run(JoinSpec spec, long budget, List<List<Object>> build, List<List<Object>> probe,
            boolean expectSpill) {
        try (StepHarness h = StepHarness.join(spec).budget(budget).open()) {
            TestBatches.pushAll(h, spec.buildSchema(), build, 1000, leakCheck.get());
            h.endBuild();
            TestBatches.pushAll(h, spec.probeSchema(), probe, 350, leakCheck.get());
            List<List<Object>> result = h.finish();
            assertThat(h.joinSpilled()).as("grace hash join").isEqualTo(expectSpill);
            return result;
        }
    }

    private static JoinSpec keyed(JoinSpec.Mode mode, boolean keyed) {
        List<Expr> rk = keyed ? List.of(new Column("rk")) : List.of();
        List<Expr> lk = keyed ? List.of(new Column("lk")) : List.of();
        return new JoinSpec(RIGHT, LEFT, rk, lk, false, mode, List.of(), "Join: " + mode, RESIDUAL, null, 0, null);
    }

    @ParameterizedTest(name = "{0}, budget {1}")
    @CsvSource({"INNER, 0", "PROBE_OUTER, 0", "BUILD_OUTER, 0", "FULL_OUTER, 0", "SEMI, 0", "ANTI, 0",
            "PROBE_OUTER, 131072", "FULL_OUTER, 131072", "ANTI, 131072"})
    void aResidualDecidesWhatMatched(JoinSpec.Mode mode, long budget) {
        List<List<Object>> left = left(1200);
        List<List<Object>> right = right(budget > 0 ? 12_000 : 3000);
        List<String> expected = reference(mode, left, right, true);
        assertThat(expected).isNotEmpty();
        assertThat(TestBatches.sortedText(run(keyed(mode, true), budget, right, left, budget > 0))).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(JoinSpec.Mode.class)
    void withoutKeysEveryPairIsTested(JoinSpec.Mode mode) {
        List<List<Object>> left = left(300);
        List<List<Object>> right = right(200);
        assertThat(TestBatches.sortedText(run(keyed(mode, false), 0, right, left, false)))
                .isEqualTo(reference(mode, left, right, false));
    }

    @Test
    void aNestedLoopBuildSideOverTheLimitFailsNamingTheSetting() {
        JoinSpec spec = new JoinSpec(RIGHT, LEFT, List.of(), List.of(), false, JoinSpec.Mode.PROBE_OUTER, List.of(),
                "Join: LEFT on lv < rv", RESIDUAL, null, 1000, "floe.join.nested-loop-max-bytes");
        assertThatThrownBy(() -> run(spec, 0, right(2000), left(10), false))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("'Join: LEFT on lv < rv'")
                .hasMessageContaining("has 2000 rows")
                .hasMessageContaining("more than floe.join.nested-loop-max-bytes = 1000 bytes");
    }

    /** For each left row the key-equal right row with the greatest rv <= lv (right values unique per key). */
    private static List<String> asofReference(List<List<Object>> left, List<List<Object>> right, boolean keyed) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> l : left) {
            List<Object> best = null;
            for (List<Object> r : right) {
                boolean keys = !keyed || l.get(0) != null && Objects.equals(l.get(0), r.get(0));
                if (keys && l.get(1) != null && r.get(1) != null && (Long) r.get(1) <= (Long) l.get(1)
                        && (best == null || (Long) r.get(1) > (Long) best.get(1))) {
                    best = r;
                }
            }
            out.add(concat(l, best == null ? Arrays.asList(null, null) : best));
        }
        return TestBatches.sortedText(out);
    }

    @ParameterizedTest(name = "keyed {0}, budget {1}")
    @CsvSource({"true, 0", "true, 131072", "false, 0"})
    void asofPicksTheLastRowAtOrBeforeTheLeftValue(boolean keyed, long budget) {
        List<List<Object>> left = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            left.add(Arrays.asList(i % 29 == 0 ? null : (i * 37L) % 300, i % 13 == 0 ? null : (i * 30_011L) % 100_000));
        }
        List<List<Object>> right = new ArrayList<>();
        int n = budget > 0 ? 12_000 : 2000;
        for (int i = 0; i < n; i++) {
            // values unique overall, so that the greatest one names exactly one row
            right.add(Arrays.asList(i % 31 == 0 ? null : 150 + (i * 13L) % 450, i % 11 == 0 ? null : (i * 7919L) % 100_003));
        }
        right = uniqueValues(right);
        List<Expr> rk = keyed ? List.of(new Column("rk")) : List.of();
        List<Expr> lk = keyed ? List.of(new Column("lk")) : List.of();
        JoinSpec spec = new JoinSpec(RIGHT, LEFT, rk, lk, false, JoinSpec.Mode.PROBE_OUTER, List.of(), "AsofJoin", null,
                new JoinSpec.Asof(new Column("lv"), new Column("rv")), 0, null);
        assertThat(TestBatches.sortedText(run(spec, budget, right, left, budget > 0)))
                .isEqualTo(asofReference(left, right, keyed));
    }

    /** Drops rows whose non-null value an earlier row has. */
    private static List<List<Object>> uniqueValues(List<List<Object>> rows) {
        Set<Object> seen = new HashSet<>();
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            if (r.get(1) == null || seen.add(r.get(1))) {
                out.add(r);
            }
        }
        return out;
    }
}
