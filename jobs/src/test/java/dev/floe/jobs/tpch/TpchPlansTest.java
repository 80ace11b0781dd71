package dev.floe.jobs.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.api.DataFrame;
import dev.floe.api.plan.FileFormat;
import dev.floe.api.plan.FileSource;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.translator.FlinkExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden {@code explain(true)} text of the 22 TPC-H queries, planned (never run) over CSV sources
 * that state the sizes of the SF 1 {@code .tbl} files, at parallelism 4 with the default broadcast
 * threshold, so the plans choose joins and exchanges as they would at SF 1. A change to any
 * planner shows up here as a diff of plan text; after a deliberate one, regenerate the files with
 * {@code mvn -o -pl jobs -am test -Dtest=TpchPlansTest -Dfloe.golden.update=true} and review the
 * diff before committing it.
 */
class TpchPlansTest {
    private static final Path GOLDEN = Path.of("src/test/resources/tpch-plans");
    private static final boolean UPDATE = Boolean.getBoolean("floe.golden.update");
    private static final int PARALLELISM = 4;
    /** Bytes of each table's {@code .tbl} file at scale factor 1 (dbgen 3.0.1). */
    private static final Map<String, Long> SF1_BYTES = Map.of("region", 389L, "nation", 2_224L,
            "supplier", 1_409_184L, "customer", 24_346_144L, "part", 24_135_125L, "partsupp", 118_984_616L,
            "orders", 171_952_161L, "lineitem", 759_863_287L);

    /** Planning only: an action on these DataFrames would fail at once. */
    private static final FlinkExecutor PLANNER = new FlinkExecutor(conf -> {
        throw new IllegalStateException("TpchPlansTest plans queries and never runs them");
    }, PARALLELISM, new Configuration());

    private static final TpchQueries QUERIES = new TpchQueries(TpchPlansTest::table);

    private static DataFrame table(String name) {
        List<Field> fields = new ArrayList<>();
        TpchSchema.columns(name).forEach((column, type) -> fields.add(Field.of(column, type)));
        String dir = "sf1/" + name;
        FileSource source = new FileSource(new FileFormat.Csv(TpchSchema.csvOptions(name)), List.of(dir),
                List.of(dir + "/" + name + ".tbl"), List.of(SF1_BYTES.get(name)), new Schema(fields));
        return DataFrame.of(PLANNER, Scan.of(source));
    }

    static List<Integer> queries() {
        List<Integer> q = new ArrayList<>();
        for (int i = 1; i <= TpchQueries.COUNT; i++) {
            q.add(i);
        }
        return q;
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void explainMatchesTheGoldenFile(int query) throws IOException {
        String actual = QUERIES.query(query).explain(true);
        Path file = GOLDEN.resolve(String.format("q%02d.txt", query));
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("No golden plan " + file.toAbsolutePath() + ": run with -Dfloe.golden.update=true to write it");
        }
        assertThat(actual)
                .as("explain(true) of TPC-H Q%d differs from %s (after a deliberate change, rerun with "
                        + "-Dfloe.golden.update=true and review the diff)", query, file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
