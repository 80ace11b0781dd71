package dev.floe.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.PlanException;
import org.junit.jupiter.api.Test;

/** Null paths and options are PlanExceptions naming the reader and the argument, not NullPointerExceptions. */
class FileSourcesTest {

    @Test
    void nullPathsAreNamed() {
        assertThatThrownBy(() -> FileSources.paths("readCsv", (String) null)).isInstanceOf(PlanException.class)
                .hasMessageContaining("readCsv: path 1 of 1 is null");
        assertThatThrownBy(() -> FileSources.paths("readParquet", "a.parquet", null))
                .isInstanceOf(PlanException.class).hasMessageContaining("readParquet: path 2 of 2 is null");
        assertThatThrownBy(() -> FileSources.paths("readJson", (String[]) null)).isInstanceOf(PlanException.class)
                .hasMessageContaining("readJson(paths): the paths array is null");
        assertThat(FileSources.paths("readCsv", "x.csv", "y.csv")).containsExactly("x.csv", "y.csv");
    }

    @Test
    void nullOptionsAreNamed() {
        assertThatThrownBy(() -> FileSources.csv(java.util.List.of("x.csv"), null)).isInstanceOf(PlanException.class)
                .hasMessageContaining("readCsv: the options are null");
    }
}
