package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.ExecutionException;
import dev.floe.api.PlanException;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.SharedCluster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs fail fast and say where: a truncated Parquet file, one whose pages are damaged
 * behind an intact footer, a text file named .parquet, a missing path, an empty directory, a
 * directory with one stray file, and a CSV row with too many fields (in the inference sample and
 * far beyond it). Each is a PlanException or ExecutionException naming the path (and line for
 * CSV), within a timeout: never a hang, never a wrong answer.
 */
@Timeout(120)
class FilesErrorsIT {
    @TempDir
    static Path dir;
    private static String good;

    @BeforeAll
    static void writeGoodFile() {
        good = dir.resolve("good.parquet").toString();
        try (DuckOracle duck = new DuckOracle()) {
            duck.execute("COPY (SELECT i::BIGINT AS id, 'name-' || i AS name FROM range(0, 100000) r(i)) TO '" + good
                    + "' (FORMAT parquet, COMPRESSION uncompressed)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copy(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(Path.of(good), p);
        return p;
    }

    private static long count(Floe floe, String path) {
        try (Table t = floe.readParquet(path).where(col("id").ge(0L)).select("id", "name").toTable()) {
            return t.numRows();
        }
    }

    @Test
    void truncatedParquetIsAPlanErrorNamingTheFile() throws IOException {
        Path p = dir.resolve("truncated.parquet");
        byte[] bytes = Files.readAllBytes(Path.of(good));
        Files.write(p, Arrays.copyOf(bytes, bytes.length / 2));
        try (Floe floe = SharedCluster.floe(2)) {
            assertThatThrownBy(() -> floe.readParquet(p.toString())).isInstanceOf(PlanException.class)
                    .hasMessageContaining(p.toString());
        }
    }

    @Test
    void damagedPagesBehindAnIntactFooterFailTheJobNamingTheFile() throws IOException {
        Path p = copy("damaged.parquet");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            byte[] junk = new byte[(int) (f.length() / 2)];
            Arrays.fill(junk, (byte) 0xA5);
            f.seek(4);
            f.write(junk);
        }
        try (Floe floe = SharedCluster.floe(2)) {
            assertThatThrownBy(() -> count(floe, p.toString())).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining(p.toString());
        }
    }

    @Test
    void aTextFileNamedParquetIsAPlanError() throws IOException {
        Path p = dir.resolve("notes.parquet");
        Files.writeString(p, "this is not parquet, just a long enough line of text to hold a fake footer\n".repeat(10));
        Path tiny = dir.resolve("tiny.parquet");
        Files.writeString(tiny, "PAR");
        try (Floe floe = SharedCluster.floe(2)) {
            assertThatThrownBy(() -> floe.readParquet(p.toString())).isInstanceOf(PlanException.class)
                    .hasMessageContaining(p.toString());
            assertThatThrownBy(() -> floe.readParquet(tiny.toString())).isInstanceOf(PlanException.class)
                    .hasMessageContaining(tiny.toString());
        }
    }

    @Test
    void aStrayFileInADirectoryIsNamed() throws IOException {
        Path d = dir.resolve("mixed");
        Files.createDirectories(d);
        Files.copy(Path.of(good), d.resolve("a.parquet"));
        Files.writeString(d.resolve("b.parquet"), "garbage");
        try (Floe floe = SharedCluster.floe(2)) {
            assertThatThrownBy(() -> floe.readParquet(d.toString())).isInstanceOf(PlanException.class)
                    .hasMessageContaining(d.resolve("b.parquet").toString());
        }
    }

    @Test
    void missingPathsAndEmptyDirectoriesArePlanErrors() throws IOException {
        Path missing = dir.resolve("no/such/file.parquet");
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        try (Floe floe = SharedCluster.floe(2)) {
            assertThatThrownBy(() -> floe.readParquet(missing.toString())).isInstanceOf(PlanException.class)
                    .hasMessageContaining(missing.toString());
            assertThatThrownBy(() -> floe.readCsv(missing.toString())).isInstanceOf(PlanException.class)
                    .hasMessageContaining(missing.toString());
            assertThatThrownBy(() -> floe.readParquet(empty.toString())).isInstanceOf(PlanException.class)
                    .hasMessageContaining(empty.toString());
            assertThatThrownBy(() -> floe.readParquet(dir.resolve("*.nothing").toString()))
                    .isInstanceOf(PlanException.class).hasMessageContaining("*.nothing");
        }
    }

    @Test
    void aFileDeletedAfterPlanningFailsTheJobNamingIt() throws IOException {
        Path p = copy("deleted.parquet");
        try (Floe floe = SharedCluster.floe(2)) {
            var df = floe.readParquet(p.toString()).select("id");
            Files.delete(p);
            assertThatThrownBy(() -> {
                try (Table t = df.toTable()) {
                    t.numRows();
                }
            }).isInstanceOfAny(ExecutionException.class, PlanException.class).hasMessageContaining(p.toString());
        }
    }

    @Test
    void aRaggedCsvRowNamesFileAndLine() throws IOException {
        StringBuilder sb = new StringBuilder("id,name,score\n");
        for (int i = 1; i <= 50_000; i++) {
            sb.append(i).append(",n").append(i).append(',').append(i % 100).append('\n');
            if (i == 40_000) {
                sb.append("40001,extra,1,2\n");
            }
        }
        Path late = dir.resolve("ragged-late.csv");
        Files.writeString(late, sb.toString(), StandardCharsets.UTF_8);
        Path early = dir.resolve("ragged-early.csv");
        Files.writeString(early, "id,name,score\n1,a,2\n2,b\n3,c,4\n", StandardCharsets.UTF_8);
        try (Floe floe = SharedCluster.floe(2)) {
            // line 1 is the header: the ragged row is line 40002
            assertThatThrownBy(() -> {
                try (Table t = floe.readCsv(late.toString()).toTable()) {
                    t.numRows();
                }
            }).isInstanceOf(ExecutionException.class).hasMessageContaining(late + ":40002");
            assertThatThrownBy(() -> {
                try (Table t = floe.readCsv(early.toString()).toTable()) {
                    t.numRows();
                }
            }).isInstanceOfAny(PlanException.class, ExecutionException.class).hasMessageContaining(early + ":3");
        }
    }

    @Test
    void nullPathsDevicesAndBracketedNamesThroughFloe() throws IOException {
        Path literal = dir.resolve("data[1].csv");
        Files.writeString(literal, "a\n1\n2\n");
        try (Floe floe = SharedCluster.floe(2)) {
            assertThatThrownBy(() -> floe.readCsv((String) null)).isInstanceOf(PlanException.class)
                    .hasMessageContaining("readCsv: path 1 of 1 is null");
            assertThat(floe.readCsv(literal.toString()).countRows()).isEqualTo(2);
            assertThatThrownBy(() -> floe.readCsv("/dev/zero")).isInstanceOf(PlanException.class)
                    .hasMessageContaining("/dev/zero' is not a regular file");
        }
    }

    @Test
    void theGoodFileStillReads() {
        try (Floe floe = SharedCluster.floe(2)) {
            assertThat(count(floe, good)).isEqualTo(100_000);
        }
    }
}
