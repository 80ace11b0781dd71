package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet TIME and INTERVAL columns (written by DuckDB) were read as int64 and raw binary; they
 * are refused naming the file, the column and what to do. The other columns of such files still
 * map as before.
 */
class ParquetUnmappedTypesTest {
    @TempDir
    Path dir;

    private FileEntry write(String name, String select) throws Exception {
        Path p = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + p + "' (FORMAT parquet)");
        }
        return new FileEntry(p.toString(), Files.size(p));
    }

    @Test
    void timeColumnsAreRefusedNamingFileAndColumn() throws Exception {
        FileEntry f = write("time.parquet", "SELECT 1::BIGINT AS id, TIME '12:34:56.5' AS t_of_day");
        assertThatThrownBy(() -> ParquetFormat.readSchema(List.of(f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 't_of_day' of " + f.path())
                .hasMessageContaining("TIME(MICROS) (a time of day)")
                .hasMessageContaining("CAST(t_of_day AS VARCHAR)");
    }

    @Test
    void intervalColumnsAreRefusedNamingFileAndColumn() throws Exception {
        FileEntry f = write("interval.parquet", "SELECT 1::BIGINT AS id, INTERVAL 3 DAY AS span");
        assertThatThrownBy(() -> ParquetFormat.readSchema(List.of(f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 'span' of " + f.path())
                .hasMessageContaining("INTERVAL");
    }

    @Test
    void theCastColumnsRead() throws Exception {
        FileEntry f = write("cast.parquet", "SELECT 1::BIGINT AS id, CAST(TIME '12:34:56' AS VARCHAR) AS t, "
                + "TIMESTAMP '2024-01-02 03:04:05' AS ts");
        assertThat(ParquetFormat.readSchema(List.of(f)).field(1).type()).isEqualTo(DataType.string());
    }
}
