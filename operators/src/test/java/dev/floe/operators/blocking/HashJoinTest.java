package dev.floe.operators.blocking;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every join type of {@link HashJoin}, in memory and as a grace hash join (a budget so small that the
 * build side spills), against a nested-loop join written here over the same Java rows. Keys repeat
 * on both sides and are sometimes null (null never matches).
 */
class HashJoinTest {
    private static final Schema LEFT = Schema.of(Field.of("lk", DataType.int64()), Field.of("lv", DataType.string()));
    private static final Schema RIGHT = Schema.of(Field.of("rk", DataType.int64()), Field.of("rv", DataType.float64()));

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("hash-join");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    private static List<List<Object>> left() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(Arrays.asList(i % 29 == 0 ? null : (i * 37L) % 1500, "l" + i));
        }
        return rows;
    }

    /** Keys 750..2999 (a part overlaps the left's 0..1499), null every 31st row, a few keys twice. */
    private static List<List<Object>> right() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 24_000; i++) {
            rows.add(Arrays.asList(i % 31 == 0 ? null : 750 + (i * 13L) % 2250, i * 0.25));
        }
        return rows;
    }

    /** Left joined with right, nested loops; SEMI and ANTI keep left rows only. */
    private static List<String> reference(JoinSpec.Mode mode, List<List<Object>> left, List<List<Object>> right) {
        List<List<Object>> out = new ArrayList<>();
        Set<Integer> matchedRight = new HashSet<>();
        List<Object> nullRight = Arrays.asList(null, null);
        for (List<Object> l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                List<Object> r = right.get(j);
                if (l.get(0) != null && Objects.equals(l.get(0), r.get(0))) {
                    matched = true;
                    matchedRight.add(j);
                    if (mode != JoinSpec.Mode.SEMI && mode != JoinSpec.Mode.ANTI) {
                        out.add(concat(l, r));
                    }
                }
            }
            if (mode == JoinSpec.Mode.SEMI && matched || mode == JoinSpec.Mode.ANTI && !matched) {
                out.add(l);
            }
            if (!matched && (mode == JoinSpec.Mode.PROBE_OUTER || mode == JoinSpec.Mode.FULL_OUTER)) {
                out.add(concat(l, nullRight));
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

    /** The left side probes, the right side builds (so BUILD_OUTER keeps unmatched right rows). */
    private void assertJoin(JoinSpec.Mode mode, long budget, boolean expectSpill) {
        List<Expr> lk = List.of(new Column("lk"));
        List<Expr> rk = List.of(new Column("rk"));
        JoinSpec spec = new JoinSpec(RIGHT, LEFT, rk, lk, false, mode, List.of(), "Join: lk = rk " + mode);
        List<List<Object>> left = left();
        List<List<Object>> right = right();
        try (StepHarness h = StepHarness.join(spec).budget(budget).open()) {
            TestBatches.pushAll(h, RIGHT, right, 2000, leakCheck.get());
            h.endBuild();
            TestBatches.pushAll(h, LEFT, left, 700, leakCheck.get());
            List<List<Object>> result = h.finish();
            assertThat(h.joinSpilled()).as("grace hash join").isEqualTo(expectSpill);
            assertThat(h.spillFiles() > 0).isEqualTo(expectSpill);
            List<String> expected = reference(mode, left, right);
            assertThat(expected).isNotEmpty();
            assertThat(TestBatches.sortedText(result)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(JoinSpec.Mode.class)
    void joinsInMemory(JoinSpec.Mode mode) {
        assertJoin(mode, 0, false);
    }

    @ParameterizedTest
    @EnumSource(JoinSpec.Mode.class)
    void graceHashJoinPastItsBudgetGivesTheSameRows(JoinSpec.Mode mode) {
        assertJoin(mode, 128 << 10, true);
    }
}
