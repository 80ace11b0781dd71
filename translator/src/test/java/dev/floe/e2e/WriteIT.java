package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.api.WriteMode;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes on the shared MiniCluster at parallelism 4: the files DuckDB and Floe read back hold
 * exactly the rows written; partitions become key=value directories; OVERWRITE replaces, APPEND
 * adds; a failing write publishes nothing and leaves no staging directory behind.
 */
class WriteIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        columns = TestData.create(duck);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    private static List<Path> visibleFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.floe-staging-")).toList();
        }
    }

    private static boolean hasStaging(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(".floe-staging-"));
        }
    }

    @Test
    void parquetFilesHoldExactlyTheRowsWritten(@TempDir Path dir) throws IOException {
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("t").toString();
            List<List<Object>> written = run(floe.fromColumns(columns).writeParquet(out));
            assertThat(written).isNotEmpty();
            for (List<Object> row : written) {
                assertThat(Path.of((String) row.get(0))).exists().hasExtension("parquet");
            }
            assertThat(hasStaging(dir)).isFalse();
            String all = "SELECT id, price, status, odate, qty, amount, flag FROM t";
            Rows.assertSameRows(duck.query("SELECT * FROM read_parquet('" + out + "/*.parquet')"), duck.query(all));
            Rows.assertSameRows(run(floe.readParquet(out)), duck.query(all));
            Rows.assertSameRows(run(floe.readParquet(out).where(col("qty").gt(100)).select("id", "amount")),
                    duck.query("SELECT id, amount FROM t WHERE qty > 100"));
        }
    }

    @Test
    void partitionColumnsBecomeHiveDirectories(@TempDir Path dir) throws IOException {
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("p").toString();
            List<List<Object>> written = run(floe.fromColumns(columns).writeParquet(out, "status"));
            assertThat(written).allSatisfy(r -> assertThat((String) r.get(0)).contains("/status="));
            assertThat(dir.resolve("p/status=F")).isDirectory();
            assertThat(dir.resolve("p/status=__HIVE_DEFAULT_PARTITION__")).isDirectory();
            Rows.assertSameRows(duck.query("SELECT id, price, CASE WHEN status = '__HIVE_DEFAULT_PARTITION__' THEN NULL"
                    + " ELSE status END, odate, qty, amount, flag FROM read_parquet('" + out
                    + "/*/*.parquet', hive_partitioning = true)"),
                    duck.query("SELECT id, price, status, odate, qty, amount, flag FROM t"));
            // read back, the partition directories become a column again (hive partition discovery)
            assertThat(floe.readParquet(out).columnNames()).endsWith("status");
        }
    }

    @Test
    void csvFilesReadBackInDuckDb(@TempDir Path dir) {
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("c").toString();
            run(floe.fromColumns(columns).select("id", "status", "odate", "qty", "amount", "flag").writeCsv(out));
            Rows.assertSameRows(duck.query("SELECT * FROM read_csv('" + out + "/*.csv', header = true, columns = "
                    + "{'id': 'BIGINT', 'status': 'VARCHAR', 'odate': 'DATE', 'qty': 'INTEGER', "
                    + "'amount': 'DECIMAL(15,2)', 'flag': 'BOOLEAN'})"),
                    duck.query("SELECT id, status, odate, qty, amount, flag FROM t"));
        }
    }

    @Test
    void overwriteReplacesAppendAddsAndAFailedWritePublishesNothing(@TempDir Path dir) throws IOException {
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("w").toString();
            DataFrame t = floe.fromColumns(columns);
            run(t.writeParquet(out));
            run(t.writeParquet(out, WriteMode.APPEND));
            long n = (Long) duck.query("SELECT count(*) FROM t").get(0).get(0);
            assertThat(floe.readParquet(out).countRows()).isEqualTo(2 * n);
            run(t.where(col("qty").gt(0)).writeParquet(out, WriteMode.OVERWRITE));
            assertThat(floe.readParquet(out).countRows())
                    .isEqualTo((Long) duck.query("SELECT count(*) FROM t WHERE qty > 0").get(0).get(0));
            List<Path> before = visibleFiles(dir);

            // 'F' does not cast to a number: the job fails after some files were staged
            assertThatThrownBy(() -> run(t.withColumn("bad", col("status").cast(DataType.int64()))
                    .writeParquet(out, WriteMode.OVERWRITE)))
                    .isInstanceOf(ExecutionException.class);
            assertThat(visibleFiles(dir)).containsExactlyInAnyOrderElementsOf(before);
            assertThat(hasStaging(dir)).isFalse();
            assertThat(floe.readParquet(out).countRows())
                    .isEqualTo((Long) duck.query("SELECT count(*) FROM t WHERE qty > 0").get(0).get(0));
        }
    }

    @Test
    void aWriteWhoseTaskFailsOnceAndRestartsWritesEveryRowExactlyOnce(@TempDir Path dir) throws IOException {
        // the write runs after a shuffle, in an operator the test hook fails once (attempt 0 of subtask 0)
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(4)
                .config("floe.test.fail-once-in-operator", "Write: parquet").build()) {
            String out = dir.resolve("r").toString();
            run(floe.fromColumns(columns).repartition(4, col("id")).writeParquet(out));
            assertThat(hasStaging(dir)).isFalse();
            Rows.assertSameRows(run(floe.readParquet(out)),
                    duck.query("SELECT id, price, status, odate, qty, amount, flag FROM t"));
        }
    }

    /** Issue 11 item 14: no rows still leave one file with the schema, so the directory reads back (failed before: "No files found"). */
    @Test
    void anEmptyWriteLeavesOneFileWithTheSchema(@TempDir Path tmp) throws IOException {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame empty = floe.fromColumns(Map.of("id", List.of(1L, 2L, 3L), "name", List.of("a", "b", "c")))
                    .where(col("id").gt(10L));
            String parquet = tmp.resolve("p").toString();
            run(empty.writeParquet(parquet, WriteMode.OVERWRITE));
            assertThat(visibleFiles(Path.of(parquet))).filteredOn(p -> p.toString().endsWith(".parquet")).hasSize(1);
            DataFrame back = floe.readParquet(parquet);
            assertThat(back.schema()).isEqualTo(empty.schema());
            try (Table t = back.toTable()) {
                assertThat(t.numRows()).isZero();
            }
            String csv = tmp.resolve("c").toString();
            run(empty.writeCsv(csv, WriteMode.OVERWRITE));
            assertThat(visibleFiles(Path.of(csv))).filteredOn(p -> p.toString().endsWith(".csv")).hasSize(1);
            assertThat(floe.readCsv(csv).schema().names()).isEqualTo(empty.schema().names());
        }
    }
}
