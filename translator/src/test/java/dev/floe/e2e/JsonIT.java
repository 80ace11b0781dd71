package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.JsonOptions;
import dev.floe.api.PlanException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Newline-delimited JSON on the shared MiniCluster at parallelism 4: files Floe writes hold exactly
 * the oracle's rows when DuckDB's read_json reads them, and Floe reads them back (inferred types,
 * hints, hive partitions, filters and projections) to the same rows.
 */
class JsonIT {
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

    @Test
    void writtenJsonReadsBackInDuckDbAndInFloe(@TempDir Path dir) {
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("j").toString();
            List<List<Object>> files = run(floe.fromColumns(columns).writeJson(out));
            assertThat(files).isNotEmpty().allSatisfy(r -> assertThat((String) r.get(0)).endsWith(".json"));
            String all = "SELECT id, price, status, odate, qty, amount, flag FROM t";
            Rows.assertSameRows(duck.query("SELECT id, price, status, odate, qty, amount::DECIMAL(15,2), flag FROM "
                    + "read_json('" + out + "/*.json', format = 'newline_delimited', columns = {'id': 'BIGINT', "
                    + "'price': 'DOUBLE', 'status': 'VARCHAR', 'odate': 'DATE', 'qty': 'INTEGER', "
                    + "'amount': 'DOUBLE', 'flag': 'BOOLEAN'})"), duck.query(all));

            DataFrame back = floe.readJson(JsonOptions.builder().schemaHints(Map.of("amount", DataType.decimal(15, 2)))
                    .build(), out);
            assertThat(back.schema().find("odate").orElseThrow().type()).isEqualTo(DataType.date());
            assertThat(back.schema().find("qty").orElseThrow().type()).isEqualTo(DataType.int64());
            assertThat(back.schema().find("flag").orElseThrow().type()).isEqualTo(DataType.bool());
            Rows.assertSameRows(run(back.select(TestData.COLUMNS.toArray(new String[0]))), duck.query(all));
            Rows.assertSameRows(run(back.where(col("qty").gt(100)).select("id", "amount")),
                    duck.query("SELECT id, amount FROM t WHERE qty > 100"));
        }
    }

    @Test
    void partitionedJsonRoundTripsWithItsPartitionColumn(@TempDir Path dir) {
        try (Floe floe = SharedCluster.floe(4)) {
            String out = dir.resolve("p").toString();
            run(floe.fromColumns(columns).writeJson(out, WriteMode.OVERWRITE, "status"));
            assertThat(dir.resolve("p/status=F")).isDirectory();
            DataFrame back = floe.readJson(out);
            assertThat(back.columnNames()).endsWith("status");
            Rows.assertSameRows(run(back.select("id", "status", "odate", "qty", "flag")),
                    duck.query("SELECT id, status, odate, qty, flag FROM t"));
        }
    }

    @Test
    void duckDbWrittenJsonIsInferredAndReadLikeDuckDbReadsIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("duck.json");
        duck.execute("COPY (SELECT id, price, status, odate, flag, [qty, 1] AS pair FROM t) TO '" + file
                + "' (FORMAT JSON)");
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame df = floe.readJson(file.toString());
            assertThat(df.schema().types()).containsExactly(DataType.int64(), DataType.float64(), DataType.string(),
                    DataType.date(), DataType.bool(), DataType.list(DataType.int64()));
            Rows.assertSameRows(run(df.select("id", "price", "status", "odate", "flag", "pair")),
                    duck.query("SELECT id, price, status, odate, flag, [qty, 1] FROM t"));
        }
        Files.writeString(dir.resolve("bad.json"), "{\"a\": 1}\n{\"a\": }\n");
        try (Floe floe = SharedCluster.floe(4)) {
            assertThatThrownBy(() -> floe.readJson(dir.resolve("bad.json").toString()))
                    .isInstanceOf(PlanException.class).hasMessageContaining("bad.json:2");
        }
    }
}
