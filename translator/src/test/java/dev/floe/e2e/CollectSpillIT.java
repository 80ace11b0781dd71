package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.CloseableIterator;
import dev.floe.api.DataFrame;
import dev.floe.api.plan.CachedSource;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Scan;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15 item 1: collect() keeps at most floe.collect.spill-threshold bytes of results on the
 * client heap; a larger result goes to local files owned by the session, which close() deletes.
 * Before, every collect held the whole result as Arrow IPC bytes on the heap (an in-memory source).
 */
class CollectSpillIT {
    private static final int ROWS = 60_000;
    private static final long THRESHOLD = 32 * 1024;

    @RegisterExtension
    static final DuckOracle DUCK = new DuckOracle();

    private static Floe session(String threshold) {
        Floe.Builder b = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2);
        return threshold == null ? b.build() : b.config("floe.collect.spill-threshold", threshold).build();
    }

    private static DataFrame numbers(Floe floe) {
        return floe.fromColumns(Map.of("x", LongStream.range(0, ROWS).boxed().toList())).withColumn("y", col("x").mul(3L));
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void aLargeCollectGoesToFilesThatCloseDeletes() {
        CachedSource spilled;
        try (Floe floe = session(THRESHOLD + "b")) {
            DataFrame kept = numbers(floe).collect();
            assertThat(((Scan) kept.plan()).source()).as(kept.explain()).isInstanceOf(CachedSource.class);
            spilled = (CachedSource) ((Scan) kept.plan()).source();
            assertThat(spilled.rows()).isEqualTo(ROWS);
            // the result is many times the threshold, and all of it went to the files
            assertThat(spilled.bytes()).isGreaterThan(8 * THRESHOLD);
            long onDisk = spilled.files().stream().mapToLong(f -> Path.of(f).toFile().length()).sum();
            assertThat(onDisk).isEqualTo(spilled.bytes());
            Rows.assertSameRows(run(kept.agg(count().alias("n"), col("x").sum().alias("sx"), col("y").sum().alias("sy"))),
                    DUCK.query("SELECT count(*), sum(range), sum(range * 3) FROM range(" + ROWS + ")"));
            Rows.assertSameRows(run(kept.where(col("x").mod(20_000L).eq(7L))),
                    DUCK.query("SELECT range, range * 3 FROM range(" + ROWS + ") WHERE range % 20000 = 7"));
            // a sorted result stays in order through the files
            List<List<Object>> sorted = run(numbers(floe).sort(col("x").desc()).collect());
            assertThat(sorted.get(0).get(0)).isEqualTo((long) ROWS - 1);
            assertThat(sorted.get(ROWS - 1).get(0)).isEqualTo(0L);
        }
        assertThat(spilled.files()).isNotEmpty().noneMatch(f -> Files.exists(Path.of(f)));
        assertThat(Path.of(spilled.files().get(0)).getParent()).doesNotExist();
    }

    /**
     * A range-partitioned sort's ranges arrive interleaved. Before, such a result was gathered whole on
     * the client before its first batch; now the first range streams and the later ones wait in files
     * past the threshold (this folder would not appear), and the batches come out in order.
     */
    @Test
    void aSortedStreamLargerThanTheThresholdComesBackInOrderThroughFiles() throws Exception {
        List<List<Object>> expected = DUCK.query("SELECT (range * 7919) % 60013 AS k, range FROM range(" + ROWS
                + ") ORDER BY k");
        try (Floe floe = session(THRESHOLD + "b")) {
            DataFrame sorted = numbers(floe).select(col("x").mul(7919L).mod(60_013L).alias("k"), col("x"))
                    .sort(col("k"));
            Set<Path> before = CancellationIT.spillFolders();
            Set<Path> seen = new HashSet<>();
            List<List<Object>> rows = new ArrayList<>();
            try (CloseableIterator<Table> batches = sorted.iterBatches()) {
                while (batches.hasNext()) {
                    try (Table t = batches.next()) {
                        rows.addAll(t.toRows());
                    }
                    seen.addAll(CancellationIT.spillFolders());
                }
                seen.removeAll(before);
                assertThat(seen).as("the folder of the later ranges while they were read").hasSize(1);
                assertThat(seen.iterator().next()).as("the folder once the stream has ended").doesNotExist();
            }
            Rows.assertSameOrderedRows(rows, expected, 1);
            assertThat(floe.lastJob().rows()).isEqualTo(ROWS);

            // closed while the later ranges wait in their files: close() deletes them
            Set<Path> open = Set.of();
            try (CloseableIterator<Table> batches = sorted.iterBatches()) {
                while (open.isEmpty() && batches.hasNext()) {
                    batches.next().close();
                    open = new HashSet<>(CancellationIT.spillFolders());
                    open.removeAll(before);
                }
                assertThat(open).as("the folder of the later ranges").hasSize(1);
            }
            assertThat(open.iterator().next()).as("the folder after close()").doesNotExist();

            // collect() of a sorted result reads the same stream and keeps its order in its own files
            DataFrame kept = sorted.collect();
            assertThat(((Scan) kept.plan()).source()).isInstanceOf(CachedSource.class);
            Rows.assertSameOrderedRows(run(kept), expected, 1);
        }
    }

    @Test
    void aSmallCollectStaysInMemory() {
        try (Floe floe = session(null)) {
            DataFrame kept = numbers(floe).where(col("x").lt(1000L)).collect();
            assertThat(((Scan) kept.plan()).source()).isInstanceOf(InMemorySource.class);
            Rows.assertSameRows(run(kept.agg(count().alias("n"))), DUCK.query("SELECT 1000"));
        }
    }
}
