package dev.floe.arrow.kernels;

import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Values;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.junit.jupiter.api.Test;

/** Map kernels over maps with null values, empty maps and null maps; nothing may leak. */
class MapKernelsTest {
    private static final DataType MAP = DataType.map(DataType.string(), DataType.int64());

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Rows: {a: 1, b: null, c: 3}, {}, null, {b: 7}. */
    private static List<Object> maps() {
        return Arrays.asList(map("a", 1L, "b", null, "c", 3L), map(), null, map("b", 7L));
    }

    @Test
    void theTypeIsArrowsMapAndRoundTripsThroughArrowFields() {
        org.apache.arrow.vector.types.pojo.Field f = MAP.toArrowField("m");
        assertThat(f.getType()).isInstanceOf(org.apache.arrow.vector.types.pojo.ArrowType.Map.class);
        assertThat(f.getChildren().get(0).isNullable()).isFalse();
        assertThat(f.getChildren().get(0).getChildren().get(0).isNullable()).as("keys").isFalse();
        assertThat(DataType.fromArrow(f)).isEqualTo(MAP);
        assertThat(MAP.toString()).isEqualTo("map(string, int64)");
        assertThat(Schema.of(new dev.floe.api.types.Field("m", MAP)).treeString()).isEqualTo("""
                root
                 |-- m: map (nullable = true)
                 |    |-- key: string
                 |    |-- value: int64 (valueContainsNull = true)
                """);
    }

    @Test
    void getFindsTheKeyAndGivesNullWhenMissingOrNull() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("map-get");
                FieldVector m = vec(a.get(), MAP, maps());
                FieldVector keys = vec(a.get(), DataType.string(), "c", "a", "a", null);
                FieldVector keys2 = vec(a.get(), DataType.string(), "b", "b", "b", "b");
                FieldVector got = MapKernels.get((ListVector) m, keys, DataType.string(), DataType.int64(), a.get());
                FieldVector got2 = MapKernels.get((ListVector) m, keys2, DataType.string(), DataType.int64(), a.get())) {
            assertThat(Values.get(m, MAP, 0)).isEqualTo(map("a", 1L, "b", null, "c", 3L));
            assertThat(KernelFixtures.values(got, DataType.int64())).containsExactly(3L, null, null, null);
            assertThat(KernelFixtures.values(got2, DataType.int64())).containsExactly(null, null, null, 7L);
        }
    }

    @Test
    void keysAndValuesAreListsInStoredOrder() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("map-keys");
                FieldVector m = vec(a.get(), MAP, maps());
                ListVector keys = MapKernels.keys((ListVector) m, DataType.string(), a.get());
                ListVector values = MapKernels.values((ListVector) m, DataType.int64(), a.get());
                FieldVector size = NestedKernels.length((ListVector) m, a.get())) {
            assertThat(KernelFixtures.values(keys, DataType.list(DataType.string())))
                    .containsExactly(List.of("a", "b", "c"), List.of(), null, List.of("b"));
            assertThat(KernelFixtures.values(values, DataType.list(DataType.int64())))
                    .containsExactly(Arrays.asList(1L, null, 3L), List.of(), null, List.of(7L));
            assertThat(KernelFixtures.values(size, DataType.int64())).containsExactly(3L, 0L, null, 1L);
        }
    }

    @Test
    void fromArraysPairsByPositionAndIsNullWhenEitherListIsNull() {
        DataType ks = DataType.list(DataType.string());
        DataType vs = DataType.list(DataType.int64());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("map-from-arrays");
                FieldVector k = vec(a.get(), ks, List.of("x", "y"), List.of(), null, List.of("z"));
                FieldVector v = vec(a.get(), vs, Arrays.asList(1L, null), List.of(), List.of(5L), null);
                MapVector m = MapKernels.fromArrays((ListVector) k, (ListVector) v, DataType.string(), DataType.int64(),
                        a.get())) {
            assertThat(KernelFixtures.values(m, MAP)).containsExactly(map("x", 1L, "y", null), map(), null, null);
        }
    }

    @Test
    void fromArraysRejectsNullAndRepeatedKeysAndUnequalLengthsNamingTheRow() {
        assertFromArraysFails(List.of(List.of("x"), List.of("x", "x")), List.of(List.of(1L), List.of(1L, 2L)),
                "row 1 repeats the key at positions 0 and 1");
        assertFromArraysFails(List.of(Arrays.asList("a", null)), List.of(List.of(1L, 2L)), "row 0 has a null key");
        assertFromArraysFails(List.of(List.of("p", "q")), List.of(List.of(1L)), "row 0 has 2 keys and 1 values");
    }

    private static void assertFromArraysFails(List<Object> keyLists, List<Object> valueLists, String message) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("map-from-arrays-errors");
                FieldVector k = vec(a.get(), DataType.list(DataType.string()), keyLists);
                FieldVector v = vec(a.get(), DataType.list(DataType.int64()), valueLists)) {
            assertThatThrownBy(() -> MapKernels.fromArrays((ListVector) k, (ListVector) v, DataType.string(),
                    DataType.int64(), a.get())).isInstanceOf(KernelException.class).hasMessageContaining(message);
        }
    }
}
