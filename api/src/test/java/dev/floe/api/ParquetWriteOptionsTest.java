package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, validation (the bad value named), the explain text of non-default settings, serialization. */
class ParquetWriteOptionsTest {

    @Test
    void defaultsAreSnappyWith128MiBRowGroupsAndPrintNothing() {
        ParquetWriteOptions d = ParquetWriteOptions.defaults();
        assertThat(d.compression()).isEqualTo("snappy");
        assertThat(d.rowGroupSize()).isEqualTo(128L << 20);
        assertThat(d.pageSize()).isEqualTo(1 << 20);
        assertThat(d.describeNonDefaults()).isEmpty();
        assertThat(ParquetWriteOptions.builder().compression("SNAPPY").build()).isEqualTo(d);
    }

    @Test
    void nonDefaultSettingsPrintInOrder() {
        assertThat(ParquetWriteOptions.builder().compression("zstd").rowGroupSize(1 << 20).build()
                .describeNonDefaults()).isEqualTo("compression=zstd rowGroupSize=1048576");
        assertThat(ParquetWriteOptions.builder().pageSize(8192).build().describeNonDefaults())
                .isEqualTo("pageSize=8192");
        assertThat(ParquetWriteOptions.builder().compression(" Uncompressed ").build().compression())
                .isEqualTo("uncompressed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "brotli", "", "none"})
    void unknownCodecsAreRejectedByName(String codec) {
        assertThatThrownBy(() -> ParquetWriteOptions.builder().compression(codec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + codec + "'").hasMessageContaining("snappy, zstd, gzip, uncompressed");
    }

    @Test
    void nullCodecAndNonPositiveSizesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> ParquetWriteOptions.builder().compression(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'null'");
        assertThatThrownBy(() -> ParquetWriteOptions.builder().rowGroupSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> ParquetWriteOptions.builder().rowGroupSize(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -5");
        assertThatThrownBy(() -> ParquetWriteOptions.builder().pageSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page size").hasMessageContaining("got -1");
    }

    @Test
    void survivesJavaSerializationAsPartOfAStepSpec() throws Exception {
        ParquetWriteOptions o = ParquetWriteOptions.builder().compression("gzip").rowGroupSize(4096).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(o).hasToString(o.toString());
        }
    }
}
