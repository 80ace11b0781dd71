package dev.floe.api.eval;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.concatStr;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code list()}, {@code struct().get}, {@code hash()} and {@code concatStr} compiled from the
 * public API: result types, nulls (null lists, null elements, null structs), empty batches, and
 * the PlanExceptions for wrong input types.
 */
class NestedFunctionsTest {
    private static final DataType POINT = DataType.struct(Field.of("x", DataType.int64()), Field.of("label", DataType.string()));

    private static Map<String, Object> point(Long x, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("label", label);
        return m;
    }

    /** xs list(int64), tags list(string), p struct, a/b strings; four rows. */
    private static RecordBatch batch(LeakCheckingAllocator a, int rows) {
        Object[] xs = Arrays.copyOf(new Object[] {List.of(4L, -1L, 9L), List.of(), null, Arrays.asList(7L, null)}, rows);
        Object[] tags = Arrays.copyOf(new Object[] {List.of("a", "b"), List.of(), null, Arrays.asList("c", null)}, rows);
        Object[] p = Arrays.copyOf(new Object[] {point(1L, "one"), null, point(null, "three"), point(4L, null)}, rows);
        Object[] s = Arrays.copyOf(new Object[] {"x", "y", null, "z"}, rows);
        Object[] t = Arrays.copyOf(new Object[] {"1", null, "3", "4"}, rows);
        return Batches.with(a.get()).col("xs", DataType.list(DataType.int64()), xs)
                .col("tags", DataType.list(DataType.string()), tags).col("p", POINT, p)
                .col("s", DataType.string(), s).col("t", DataType.string(), t).build();
    }

    static Stream<Arguments> cases() {
        DataType i64 = DataType.int64();
        return Stream.of(
                Arguments.of(col("xs").list().length(), i64, Arrays.asList(3L, 0L, null, 2L)),
                Arguments.of(col("xs").list().get(0), i64, Arrays.asList(4L, null, null, 7L)),
                Arguments.of(col("xs").list().get(-1), i64, Arrays.asList(9L, null, null, null)),
                Arguments.of(col("xs").list().sum(), i64, Arrays.asList(12L, null, null, 7L)),
                Arguments.of(col("xs").list().min(), i64, Arrays.asList(-1L, null, null, 7L)),
                Arguments.of(col("xs").list().max(), i64, Arrays.asList(9L, null, null, 7L)),
                Arguments.of(col("tags").list().join("-"), DataType.string(), Arrays.asList("a-b", "", null, "c")),
                Arguments.of(col("tags").list().get(1), DataType.string(), Arrays.asList("b", null, null, null)),
                Arguments.of(col("p").struct().get("x"), i64, Arrays.asList(1L, null, null, 4L)),
                Arguments.of(col("p").struct().get("label"), DataType.string(), Arrays.asList("one", null, "three", null)),
                Arguments.of(concatStr(col("s"), lit("-"), col("t")), DataType.string(), Arrays.asList("x-1", null, null, "z-4")),
                Arguments.of(concatStr(col("s")), DataType.string(), Arrays.asList("x", "y", null, "z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(Expression e, DataType type, List<Object> expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested-functions");
                RecordBatch in = batch(a, 4);
                RecordBatch empty = batch(a, 0)) {
            CompiledExpr compiled = ExprCompiler.compile(e.node(), in.schema());
            assertThat(compiled.type()).isEqualTo(type);
            try (FieldVector out = compiled.evaluate(in, a.get());
                    FieldVector none = compiled.evaluate(empty, a.get())) {
                assertThat(Batches.values(out, type)).isEqualTo(expected);
                assertThat(none.getValueCount()).isZero();
            }
        }
    }

    @Test
    void hashIsUint64AndEqualForEqualValues() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash");
                RecordBatch in = Batches.with(a.get()).col("k", DataType.string(), "a", "b", "a", null, null).build()) {
            CompiledExpr compiled = ExprCompiler.compile(col("k").hash().node(), in.schema());
            assertThat(compiled.type()).isEqualTo(DataType.uint64());
            try (FieldVector out = compiled.evaluate(in, a.get())) {
                List<Object> h = Batches.values(out, DataType.uint64());
                assertThat(h).doesNotContainNull();
                assertThat(h.get(0)).isEqualTo(h.get(2)).isNotEqualTo(h.get(1));
                assertThat(h.get(3)).isEqualTo(h.get(4));
            }
        }
        assertThat(col("k").hash().node().name()).isEqualTo("k");
    }

    @Test
    void structFieldIsNamedAfterTheField() {
        assertThat(col("p").struct().get("label").node().name()).isEqualTo("label");
        assertThat(col("p").struct().get("label").toString()).isEqualTo("p.label");
    }

    @Test
    void wrongTypesArePlanExceptions() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested-errors");
                RecordBatch in = batch(a, 1)) {
            var schema = in.schema();
            assertThatThrownBy(() -> col("s").list().length().node().type(schema))
                    .isInstanceOf(PlanException.class).hasMessageContaining("list().length needs a list but s is string");
            assertThatThrownBy(() -> col("xs").list().join(",").node().type(schema))
                    .isInstanceOf(PlanException.class).hasMessageContaining("needs a list of strings");
            assertThatThrownBy(() -> col("tags").list().sum().node().type(schema))
                    .isInstanceOf(PlanException.class).hasMessageContaining("list().sum needs numeric elements");
            assertThatThrownBy(() -> col("p").struct().get("y").node().type(schema))
                    .isInstanceOf(PlanException.class).hasMessageContaining("has no field 'y'")
                    .hasMessageContaining("[x, label]");
            assertThatThrownBy(() -> col("s").struct().get("x").node().type(schema))
                    .isInstanceOf(PlanException.class).hasMessageContaining("struct().get needs a struct");
            assertThatThrownBy(() -> concatStr(col("xs"), col("s")).node().type(schema))
                    .isInstanceOf(PlanException.class).hasMessageContaining("needs a string");
            assertThatThrownBy(() -> concatStr()).isInstanceOf(PlanException.class);
        }
    }
}
