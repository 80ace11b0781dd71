package dev.floe.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.CsvOptions;
import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.WriteMode;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Write node carries Parquet options, prints the non-default ones and keeps them through withChildren. */
class WriteTest {
    private static final Schema SCHEMA = new Schema(List.of(Field.of("id", DataType.int64()),
            Field.of("xs", DataType.list(DataType.int64())), Field.of("day", DataType.date())));

    private static LogicalPlan scan() {
        return Scan.of(new InMemorySource("t", SCHEMA, List.of()));
    }

    @Test
    void parquetWithoutOptionsUsesTheDefaultsAndPrintsAsBefore() {
        Write w = Write.of(scan(), Write.Format.PARQUET, "out/t", WriteMode.APPEND, List.of(), null);
        assertThat(w.parquet()).isEqualTo(ParquetWriteOptions.defaults());
        assertThat(w.describe()).isEqualTo("Write: parquet out/t (append)");
    }

    @Test
    void nonDefaultOptionsArePrintedAndSurviveWithChildren() {
        ParquetWriteOptions o = ParquetWriteOptions.builder().compression("zstd").rowGroupSize(1048576).build();
        Write w = Write.of(scan(), Write.Format.PARQUET, "out/t", WriteMode.OVERWRITE, List.of("day"), null, o);
        assertThat(w.describe())
                .isEqualTo("Write: parquet out/t (overwrite, partitioned by day, compression=zstd rowGroupSize=1048576)");
        Write copy = (Write) w.withChildren(List.of(scan()));
        assertThat(copy.parquet()).isEqualTo(o);
        assertThat(copy.describe()).isEqualTo(w.describe());
        assertThat(w.schema().names()).containsExactly("path", "day");
    }

    @Test
    void csvWritesCarryNoParquetOptions() {
        Write w = Write.of(scan(), Write.Format.CSV, "out/c", WriteMode.APPEND, List.of(), CsvOptions.defaults());
        assertThat(w.parquet()).isNull();
        assertThatThrownBy(() -> Write.of(scan(), Write.Format.JSON, "out/j", WriteMode.APPEND, List.of(), null,
                ParquetWriteOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("json");
    }
}
