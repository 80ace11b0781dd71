package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.WriteMode;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.SharedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 1: writers racing on one directory. Every write that returns has committed; the
 * directory then holds exactly the files of one sequence of those commits (never nothing, never a
 * mix), as Floe's reader and DuckDB (a plain listing of *.parquet) both see.
 */
class ConcurrentWriteIT {
    private static DuckOracle duck;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static DataFrame ids(Floe floe, long n, long tag) {
        List<Long> id = LongStream.range(0, n).boxed().toList();
        List<Long> tags = LongStream.range(0, n).map(i -> tag).boxed().toList();
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("id", id);
        columns.put("tag", tags);
        return floe.fromColumns(columns);
    }

    private static void write(DataFrame df, String dir, WriteMode mode) {
        try (Table t = df.writeParquet(dir, mode).toTable()) {
            assertThat(t.numRows()).isPositive();
        }
    }

    /** Runs both writes at once (released together) and waits for both; either failing fails the test. */
    private static void race(Runnable a, Runnable b) {
        CountDownLatch start = new CountDownLatch(1);
        Function<Runnable, CompletableFuture<Void>> go = w -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            w.run();
        });
        CompletableFuture<Void> fa = go.apply(a);
        CompletableFuture<Void> fb = go.apply(b);
        start.countDown();
        CompletableFuture.allOf(fa, fb).join();
    }

    /** The (tag, count) pairs Floe reads back, and the same from DuckDB over the directory's *.parquet files. */
    private static List<List<Object>> tags(Floe floe, String dir) {
        List<List<Object>> floeRows;
        try (Table t = floe.readParquet(dir).groupBy("tag").agg(col("id").count().alias("n")).sort("tag").toTable()) {
            floeRows = t.toRows();
        }
        List<List<Object>> duckRows = duck.query("SELECT tag, count(id) FROM read_parquet('" + dir
                + "/**/*.parquet') GROUP BY tag ORDER BY tag");
        assertThat(floeRows).as("Floe's read and DuckDB's listing of %s", dir).isEqualTo(duckRows);
        return floeRows;
    }

    private static List<Object> row(long tag, long n) {
        return List.of(tag, n);
    }

    @Test
    void racingOverwritesLeaveExactlyOneOfTheWrites(@TempDir Path tmp) throws Exception {
        try (Floe floe = SharedCluster.floe(2)) {
            for (int run = 0; run < 4; run++) {
                String dir = tmp.resolve("o" + run).toString();
                write(ids(floe, 4, 4), dir, WriteMode.OVERWRITE);
                race(() -> write(ids(floe, 3, 3), dir, WriteMode.OVERWRITE),
                        () -> write(ids(floe, 5, 5), dir, WriteMode.OVERWRITE));
                assertThat(tags(floe, dir)).as("run %d", run).isIn(List.of(row(3, 3)), List.of(row(5, 5)));
                assertThat(stagingLeft(tmp)).isEmpty();
            }
        }
    }

    @Test
    void racingAppendsKeepEveryRowAndAnAppendRacingAnOverwriteIsOrdered(@TempDir Path tmp) throws Exception {
        try (Floe floe = SharedCluster.floe(2)) {
            for (int run = 0; run < 2; run++) {
                String dir = tmp.resolve("a" + run).toString();
                write(ids(floe, 4, 4), dir, WriteMode.OVERWRITE);
                race(() -> write(ids(floe, 3, 3), dir, WriteMode.APPEND),
                        () -> write(ids(floe, 5, 5), dir, WriteMode.APPEND));
                assertThat(tags(floe, dir)).containsExactly(row(3, 3), row(4, 4), row(5, 5));

                String mixed = tmp.resolve("m" + run).toString();
                write(ids(floe, 4, 4), mixed, WriteMode.APPEND);
                race(() -> write(ids(floe, 3, 3), mixed, WriteMode.APPEND),
                        () -> write(ids(floe, 5, 5), mixed, WriteMode.OVERWRITE));
                // the append committed after the overwrite, or before it and was replaced
                assertThat(tags(floe, mixed)).isIn(List.of(row(3, 3), row(5, 5)), List.of(row(5, 5)));
            }
            assertThat(stagingLeft(tmp)).isEmpty();
        }
    }

    @Test
    void directoriesOfOtherToolsAreReadByListingAndAFirstOverwriteReplacesThem(@TempDir Path tmp) throws Exception {
        try (Floe floe = SharedCluster.floe(2)) {
            Path dir = tmp.resolve("plain");
            Files.createDirectories(dir);
            duck.execute("COPY (SELECT 7::BIGINT AS id, 7::BIGINT AS tag) TO '" + dir.resolve("x.parquet") + "'");
            duck.execute("COPY (SELECT 8::BIGINT AS id, 8::BIGINT AS tag) TO '" + dir.resolve("y.parquet") + "'");
            try (Table t = floe.readParquet(dir.resolve("y.parquet").toString()).toTable()) {
                assertThat(t.toRows()).containsExactly(List.of(8L, 8L));
            }
            write(ids(floe, 2, 2), dir.toString(), WriteMode.APPEND);
            try (Table t = floe.readParquet(dir.toString()).select("tag").sort("tag").toTable()) {
                assertThat(t.toRows()).containsExactly(List.of(2L), List.of(2L), List.of(7L), List.of(8L));
            }
            write(ids(floe, 3, 3), dir.toString(), WriteMode.OVERWRITE);
            assertThat(tags(floe, dir.toString())).containsExactly(row(3, 3));
            assertThat(dir.resolve("x.parquet")).doesNotExist();
        }
    }

    private static List<Path> stagingLeft(Path root) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.getFileName().toString().startsWith(".floe-")).forEach(out::add);
        }
        return out;
    }
}
