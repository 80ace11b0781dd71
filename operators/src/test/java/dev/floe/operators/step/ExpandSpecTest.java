package dev.floe.operators.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.testing.StepHarness;
import dev.floe.operators.testing.TestBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ExpandSpec} through the step harness: every input row once per projection (a plain column
 * shared by all of them, constants, computed values, typed nulls), the input batches released.
 */
class ExpandSpecTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.int64()), Field.of("s", DataType.string()));
    private static final Schema OUTPUT = Schema.of(Field.of("k", DataType.int64()), Field.of("s2", DataType.string()),
            Field.of("id", DataType.int64()));

    private LeakCheckingAllocator leakCheck;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("expand-spec");
    }

    @AfterEach
    void tearDown() {
        leakCheck.close();
    }

    @Test
    void emitsEveryRowOncePerProjection() {
        List<List<Expr>> projections = List.of(
                List.of(new Column("k"), new Column("s"), new Literal(0L, DataType.int64())),
                List.of(new Column("k"), new Literal(null, DataType.string()), new Literal(1L, DataType.int64())),
                List.of(new Column("k"), new Literal("x", DataType.string()),
                        new Binary(BinaryOp.ADD, new Column("k"), new Literal(10L, DataType.int64()))));
        ExpandSpec spec = new ExpandSpec(INPUT, projections, OUTPUT, "Expand: test");
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            rows.add(Arrays.asList(i % 4 == 0 ? null : i, i % 3 == 0 ? null : "s" + i));
        }
        List<List<Object>> expected = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 4) {
            List<List<Object>> batch = rows.subList(from, Math.min(rows.size(), from + 4));
            batch.forEach(r -> expected.add(Arrays.asList(r.get(0), r.get(1), 0L)));
            batch.forEach(r -> expected.add(Arrays.asList(r.get(0), null, 1L)));
            batch.forEach(r -> expected.add(Arrays.asList(r.get(0), "x", r.get(0) == null ? null : (Long) r.get(0) + 10)));
        }
        try (StepHarness h = StepHarness.steps(List.of(spec)).open()) {
            TestBatches.pushAll(h, INPUT, rows, 4, leakCheck.get());
            assertThat(h.finish()).isEqualTo(expected);
            assertThat(h.metrics().get(0).rowsOut()).isEqualTo(30);
        }
        assertThat(spec.keepsColumns(List.of("k"))).isTrue();
        assertThat(spec.keepsColumns(List.of("k", "s2"))).isFalse();
    }
}
