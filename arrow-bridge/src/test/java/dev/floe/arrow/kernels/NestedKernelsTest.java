package dev.floe.arrow.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.arrow.Values;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * List, struct and hash kernels over lists with nulls inside, empty lists and null lists; each
 * case also runs on an empty (zero-row) input and checks that nothing leaked.
 */
class NestedKernelsTest {
    private static final DataType LONGS = DataType.list(DataType.int64());
    private static final DataType DOUBLES = DataType.list(DataType.float64());
    private static final DataType STRINGS = DataType.list(DataType.string());
    private static final DataType DECIMALS = DataType.list(DataType.decimal(10, 2));

    private static List<Object> longs() {
        return Arrays.asList(List.of(3L, 1L, 2L), List.of(), null, Arrays.asList(null, 5L), Arrays.asList((Object) null));
    }

    private static List<Object> strings() {
        return Arrays.asList(List.of("b", "a", "ü"), List.of(), null, Arrays.asList(null, "x"), List.of(""));
    }

    private static List<Object> doubles() {
        return Arrays.asList(List.of(1.5, Double.NaN, -2.0), List.of(), null, Arrays.asList(null, 0.25), List.of(-0.0));
    }

    private static List<Object> decimals() {
        return Arrays.asList(List.of(new BigDecimal("1.25"), new BigDecimal("-0.50")), List.of(), null,
                Arrays.asList(null, new BigDecimal("99999999.99")), Arrays.asList((Object) null));
    }

    record Case(String name, DataType listType, List<Object> input, DataType outType,
            BiFunction<ListVector, BufferAllocator, FieldVector> kernel, List<Object> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        DataType i64 = DataType.int64();
        return Stream.of(
                new Case("length", LONGS, longs(), i64, NestedKernels::length, Arrays.asList(3L, 0L, null, 2L, 1L)),
                new Case("get(0)", LONGS, longs(), i64, (l, a) -> NestedKernels.get(l, i64, 0, a),
                        Arrays.asList(3L, null, null, null, null)),
                new Case("get(1)", LONGS, longs(), i64, (l, a) -> NestedKernels.get(l, i64, 1, a),
                        Arrays.asList(1L, null, null, 5L, null)),
                new Case("get(-1)", LONGS, longs(), i64, (l, a) -> NestedKernels.get(l, i64, -1, a),
                        Arrays.asList(2L, null, null, 5L, null)),
                new Case("get(5) out of range", LONGS, longs(), i64, (l, a) -> NestedKernels.get(l, i64, 5, a),
                        Arrays.asList(null, null, null, null, null)),
                new Case("get(0) of strings", STRINGS, strings(), DataType.string(),
                        (l, a) -> NestedKernels.get(l, DataType.string(), 0, a), Arrays.asList("b", null, null, null, "")),
                new Case("sum", LONGS, longs(), i64, (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.SUM, l, i64, "s", a),
                        Arrays.asList(6L, null, null, 5L, null)),
                new Case("min", LONGS, longs(), i64, (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.MIN, l, i64, "s", a),
                        Arrays.asList(1L, null, null, 5L, null)),
                new Case("max", LONGS, longs(), i64, (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.MAX, l, i64, "s", a),
                        Arrays.asList(3L, null, null, 5L, null)),
                new Case("sum of doubles", DOUBLES, doubles(), DataType.float64(),
                        (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.SUM, l, DataType.float64(), "s", a),
                        Arrays.asList(Double.NaN, null, null, 0.25, 0.0)),
                new Case("min of doubles skips NaN", DOUBLES, doubles(), DataType.float64(),
                        (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.MIN, l, DataType.float64(), "s", a),
                        Arrays.asList(-2.0, null, null, 0.25, -0.0)),
                new Case("max of doubles is NaN", DOUBLES, doubles(), DataType.float64(),
                        (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.MAX, l, DataType.float64(), "s", a),
                        Arrays.asList(Double.NaN, null, null, 0.25, -0.0)),
                new Case("min of strings by UTF-8 bytes", STRINGS, strings(), DataType.string(),
                        (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.MIN, l, DataType.string(), "s", a),
                        Arrays.asList("a", null, null, "x", "")),
                new Case("max of strings by UTF-8 bytes", STRINGS, strings(), DataType.string(),
                        (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.MAX, l, DataType.string(), "s", a),
                        Arrays.asList("ü", null, null, "x", "")),
                new Case("sum of decimals", DECIMALS, decimals(), DataType.decimal(38, 2),
                        (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.SUM, l, DataType.decimal(10, 2), "s", a),
                        Arrays.asList(new BigDecimal("0.75"), null, null, new BigDecimal("99999999.99"), null)),
                new Case("max of decimals", DECIMALS, decimals(), DataType.decimal(10, 2),
                        (l, a) -> NestedKernels.aggregate(NestedKernels.Agg.MAX, l, DataType.decimal(10, 2), "s", a),
                        Arrays.asList(new BigDecimal("1.25"), null, null, new BigDecimal("99999999.99"), null)),
                new Case("join skips null elements", STRINGS, strings(), DataType.string(),
                        (l, a) -> NestedKernels.join(l, ", ", a), Arrays.asList("b, a, ü", "", null, "x", "")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernel(Case c) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested");
                ListVector in = (ListVector) Values.toVector("l", c.listType(), c.input(), a.get());
                ListVector empty = (ListVector) Values.toVector("l", c.listType(), List.of(), a.get());
                FieldVector out = c.kernel().apply(in, a.get());
                FieldVector none = c.kernel().apply(empty, a.get())) {
            assertThat(Batches.values(out, c.outType())).isEqualTo(c.expected());
            assertThat(none.getValueCount()).isZero();
        }
    }

    @Test
    void sumOverflowNamesTheRow() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested-overflow");
                ListVector in = (ListVector) Values.toVector("l", LONGS,
                        Arrays.asList(List.of(1L), List.of(Long.MAX_VALUE, 1L)), a.get())) {
            assertThatThrownBy(() -> NestedKernels.aggregate(NestedKernels.Agg.SUM, in, DataType.int64(), "list_sum(l)", a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("list_sum(l) at row 1");
        }
    }

    @Test
    void structFieldIsNullWhereTheStructIsNull() {
        DataType type = DataType.struct(Field.of("a", DataType.int64()), Field.of("b", DataType.string()));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("a", 1L);
        one.put("b", "x");
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("a", null);
        two.put("b", "y");
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("struct");
                StructVector in = (StructVector) Values.toVector("s", type, Arrays.asList(one, null, two), a.get());
                StructVector noNulls = (StructVector) Values.toVector("s", type, Arrays.asList(one, two), a.get());
                FieldVector fa = NestedKernels.field(in, 0, DataType.int64(), a.get());
                FieldVector fb = NestedKernels.field(in, 1, DataType.string(), a.get());
                FieldVector shared = NestedKernels.field(noNulls, 1, DataType.string(), a.get())) {
            assertThat(Batches.values(fa, DataType.int64())).isEqualTo(Arrays.asList(1L, null, null));
            assertThat(Batches.values(fb, DataType.string())).isEqualTo(Arrays.asList("x", null, "y"));
            assertThat(Batches.values(shared, DataType.string())).isEqualTo(Arrays.asList("x", "y"));
        }
    }

    @Test
    void hashIsDeterministicAndNeverNull() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hash");
                FieldVector in = Values.toVector("x", DataType.float64(), Arrays.asList(1.0, null, 0.0, -0.0, 1.0), a.get());
                FieldVector h = NestedKernels.hash(in, DataType.float64(), 5, a.get());
                FieldVector empty = Values.toVector("x", DataType.float64(), List.of(), a.get());
                FieldVector none = NestedKernels.hash(empty, DataType.float64(), 0, a.get())) {
            List<Object> v = Batches.values(h, DataType.uint64());
            assertThat(v).doesNotContainNull();
            assertThat(v.get(0)).isEqualTo(v.get(4));
            assertThat(v.get(2)).isEqualTo(v.get(3));
            assertThat(v.get(0)).isNotEqualTo(v.get(2));
            assertThat(none.getValueCount()).isZero();
        }
    }

    @Test
    void explodePlanRepeatsRowsAndKeepsOneNullRowForEmptyAndNullLists() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("explode");
                ListVector l = (ListVector) Values.toVector("l", LONGS, longs(), a.get());
                ListVector m = (ListVector) Values.toVector("m", STRINGS, strings(), a.get());
                ListVector empty = (ListVector) Values.toVector("l", LONGS, List.of(), a.get())) {
            NestedKernels.ExplodePlan p = NestedKernels.explodePlan(List.of(l), List.of("l"), 5);
            assertThat(p.rows()).isEqualTo(8);
            assertThat(p.parent()).containsExactly(0, 0, 0, 1, 2, 3, 3, 4);
            try (FieldVector values = NestedKernels.takeOrNull(l.getDataVector(), DataType.int64(), p.element()[0],
                    p.rows(), a.get())) {
                assertThat(Batches.values(values, DataType.int64()))
                        .isEqualTo(Arrays.asList(3L, 1L, 2L, null, null, null, 5L, null));
            }
            assertThat(NestedKernels.explodePlan(List.of(l, m), List.of("l", "m"), 5).element()[1])
                    .containsExactly(0, 1, 2, -1, -1, 3, 4, 5);
            try (ListVector shorter = (ListVector) Values.toVector("m", STRINGS,
                    Arrays.asList(List.of("a"), List.of(), null, List.of("x", "y"), List.of("z")), a.get())) {
                assertThatThrownBy(() -> NestedKernels.explodePlan(List.of(l, shorter), List.of("l", "m"), 5))
                        .isInstanceOf(KernelException.class)
                        .hasMessageContaining("at row 0 'l' has 3 elements and 'm' has 1");
            }
            assertThat(NestedKernels.explodePlan(List.of(empty), List.of("l"), 0).rows()).isZero();
        }
    }

    /** Spark's posexplode: null and empty lists give no row; posexplode_outer one row with a null position. */
    @Test
    void positionsNumberEachListFromZeroAndAreNullForTheRowOfAnEmptyList() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("posexplode");
                ListVector l = (ListVector) Values.toVector("l", LONGS, longs(), a.get())) {
            NestedKernels.ExplodePlan inner = NestedKernels.explodePlan(List.of(l), List.of("l"), 5, false);
            assertThat(inner.parent()).containsExactly(0, 0, 0, 3, 3, 4);
            try (FieldVector pos = NestedKernels.positions(l, inner, a.get())) {
                assertThat(Batches.values(pos, DataType.int32())).isEqualTo(List.of(0, 1, 2, 0, 1, 0));
            }
            NestedKernels.ExplodePlan outer = NestedKernels.explodePlan(List.of(l), List.of("l"), 5, true);
            try (FieldVector pos = NestedKernels.positions(l, outer, a.get())) {
                assertThat(Batches.values(pos, DataType.int32())).isEqualTo(Arrays.asList(0, 1, 2, null, null, 0, 1, 0));
            }
        }
    }
}
