package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.arrow.Table;
import dev.floe.operators.spill.SpillDirectory;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking operators past their memory budget: the budget is lowered to 1–2 MiB (the operators'
 * Arrow allocators get a hard limit of twice that) while each operator's input is about four times
 * larger; the results must equal DuckDB's, spill files must have been written, and none may remain.
 */
class SpillIT {
    private static final String BUDGET = "2mb";
    private static final int ROWS = 400_000;
    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute("""
                CREATE OR REPLACE TABLE big AS SELECT
                  i AS id,
                  CASE WHEN i % 31 = 0 THEN NULL ELSE (i * 7919) % 50000 END::BIGINT AS k,
                  CASE WHEN i % 17 = 0 THEN NULL ELSE ((i * 104729) % 1000003) / 7.0 END::DOUBLE AS v,
                  'name-' || ((i * 13) % 90001)::VARCHAR AS s
                FROM range(0, ROWS) r(i)""".replace("ROWS", Integer.toString(ROWS)));
        List<List<Object>> rows = duck.query("SELECT id, k, v, s FROM big");
        String[] names = {"id", "k", "v", "s"};
        columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                values.add(r.get(c));
            }
            columns.put(names[c], values);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static Floe session(int parallelism) {
        return session(parallelism, BUDGET);
    }

    private static Floe session(int parallelism, String budget) {
        return Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(parallelism)
                .config("floe.operator.memory-budget", budget).build();
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    private static long spillFilesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("floe-spill-")).count();
        }
    }

    /** Runs the check and asserts it spilled and cleaned up after itself. */
    private static void assertSpills(String what, Runnable check) throws IOException {
        long files = SpillDirectory.totalFilesCreated();
        long bytes = SpillDirectory.totalBytesWritten();
        check.run();
        long spilledFiles = SpillDirectory.totalFilesCreated() - files;
        long spilledBytes = SpillDirectory.totalBytesWritten() - bytes;
        System.out.printf("%s spilled %d files, %d bytes%n", what, spilledFiles, spilledBytes);
        assertThat(spilledFiles).as("spill files written").isPositive();
        assertThat(spilledBytes).as("bytes spilled").isGreaterThan(2L << 20);
        assertThat(SpillDirectory.liveFiles()).as("spill files left behind").isZero();
        assertThat(spillFilesIn(Paths.get(System.getProperty("java.io.tmpdir")))).isZero();
    }

    @Test
    void sortLargerThanItsBudgetMergesSortedRuns() throws IOException {
        assertSpills("sort", () -> {
            // three numeric columns, ~4.8 MiB per subtask, against 1 MiB (the whole result also has to fit
            // through Flink's collect accumulator, which parses at most 20 MB of JSON)
            try (Floe floe = session(2, "1mb")) {
                List<List<Object>> actual = run(floe.fromColumns(columns).select("v", "id", "k")
                        .sort(col("v").desc(), col("id")));
                Rows.assertSameOrderedRows(actual,
                        duck.query("SELECT v, id, k FROM big ORDER BY v DESC NULLS FIRST, id"), 2);
            }
        });
    }

    @Test
    void groupByWithManyGroupsSpillsNewGroups() throws IOException {
        assertSpills("group-by", () -> {
            try (Floe floe = session(2)) {
                DataFrame df = floe.fromColumns(columns).groupBy("s")
                        .agg(col("v").sum().alias("sv"), count(), col("k").countDistinct().alias("dk"));
                Rows.assertSameRows(run(df),
                        duck.query("SELECT s, sum(v), count(*), count(DISTINCT k) FROM big GROUP BY s"));
            }
        });
    }

    @Test
    void joinWhoseBuildSideExceedsTheBudgetBecomesAGraceHashJoin() throws IOException {
        assertSpills("join", () -> {
            try (Floe floe = session(2)) {
                DataFrame t = floe.fromColumns(columns);
                DataFrame right = t.select(col("k").alias("rk"), col("s").alias("rs"), col("v").alias("rv"),
                        col("id").alias("rid"));
                for (JoinType type : List.of(JoinType.INNER, JoinType.OUTER, JoinType.ANTI)) {
                    DataFrame joined = t.select("id", "k").where(col("id").mod(10).eq(0))
                            .join(right, List.of(col("k")), List.of(col("rk")), type, JoinStrategy.HASH)
                            .agg(count(), col("k").sum().alias("sk"));
                    String sql = switch (type) {
                        case INNER -> "SELECT count(*), sum(l.k)::BIGINT FROM (SELECT id, k FROM big WHERE id % 10 = 0) l"
                                + " JOIN big r ON l.k = r.k";
                        case OUTER -> "SELECT count(*), sum(l.k)::BIGINT FROM (SELECT id, k FROM big WHERE id % 10 = 0) l"
                                + " FULL JOIN big r ON l.k = r.k";
                        default -> "SELECT count(*), sum(l.k)::BIGINT FROM (SELECT id, k FROM big WHERE id % 10 = 0) l"
                                + " WHERE NOT EXISTS (SELECT 1 FROM big r WHERE r.k = l.k)";
                    };
                    Rows.assertSameRows(run(joined), duck.query(sql));
                }
            }
        });
    }
}
