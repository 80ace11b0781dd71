package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.plan.HivePartitions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** Partition directories become typed columns; the null partition is null; constants fill vectors. */
class HiveDirectoriesTest {
    private static final Schema FILE = new Schema(List.of(new Field("v", DataType.int64())));

    private static FileEntry f(String path) {
        return new FileEntry(path, 1);
    }

    @Test
    void keysUnderTheRootBecomeTypedColumns() {
        HivePartitions p = HiveDirectories.discover(List.of("/data/t"), List.of(
                f("file:/data/t/y=2024/day=2024-01-02/s=a%2Fb/part-0.parquet"),
                f("file:/data/t/y=__HIVE_DEFAULT_PARTITION__/day=2024-01-03/s=x/part-1.parquet"),
                f("file:/data/t/y=-7/day=2024-01-04/s=__HIVE_DEFAULT_PARTITION__/part-2.parquet")), FILE);
        assertThat(p.fields()).containsExactly(new Field("y", DataType.int64()), new Field("day", DataType.date()),
                new Field("s", DataType.string()));
        assertThat(p.values()).containsExactly(List.of("2024", "2024-01-02", "a/b"),
                Arrays.asList(null, "2024-01-03", "x"), Arrays.asList("-7", "2024-01-04", null));
        assertThat(p.appendTo(FILE).names()).containsExactly("v", "y", "day", "s");
        assertThat(HiveDirectories.normalizedValues(p, 1).get("y")).isNull();
        assertThat(HiveDirectories.value("2024-01-02", DataType.date())).isEqualTo(LocalDate.of(2024, 1, 2));
    }

    @Test
    void mixedValuesFallBackToStringAndRootDirectoriesAreNotKeys() {
        HivePartitions p = HiveDirectories.discover(List.of("s3://bucket/k=1/t/*.parquet"), List.of(
                f("s3://bucket/k=1/t/a=1/x.parquet"), f("s3://bucket/k=1/t/a=2024-01-01/x.parquet")), FILE);
        assertThat(p.fields()).containsExactly(new Field("a", DataType.string()));
        assertThat(HiveDirectories.discover(List.of("/d"), List.of(f("/d/x.parquet")), FILE).isEmpty()).isTrue();
        // a key that is also a column of the files is left to the files
        assertThat(HiveDirectories.discover(List.of("/d"), List.of(f("/d/v=1/x.parquet")), FILE).isEmpty()).isTrue();
    }

    @Test
    void filesMustAgreeOnTheKeys() {
        assertThatThrownBy(() -> HiveDirectories.discover(List.of("/d"),
                List.of(f("/d/a=1/x.parquet"), f("/d/b=1/y.parquet")), FILE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/d/a=1/x.parquet")
                .hasMessageContaining("/d/b=1/y.parquet");
    }

    @Test
    void constantVectorsRepeatTheValue() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("hive")) {
            for (Object[] c : new Object[][] {{DataType.int64(), "42", 42L}, {DataType.date(), "2024-02-29",
                    LocalDate.of(2024, 2, 29)}, {DataType.string(), "héllo", "héllo"}, {DataType.string(), null, null}}) {
                for (int n : new int[] {0, 1, 3000}) {
                    try (FieldVector v = HiveDirectories.constantVector(new Field("k", (DataType) c[0]), (String) c[1], n,
                            a.get())) {
                        List<Object> values = Batches.values(v, (DataType) c[0]);
                        assertThat(values).hasSize(n).allSatisfy(x -> assertThat(x).isEqualTo(c[2]));
                    }
                }
            }
        }
    }
}
