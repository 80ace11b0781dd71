package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11 item 0: after an OUTER or RIGHT join the null-extended rows of the left key sit in the
 * partition of their right key, so grouping or distinct on the left key must shuffle again (all
 * nulls form one group, API.md). Compared with DuckDB at parallelism 1 and 4.
 */
class OuterJoinNullKeysIT {
    private static DuckOracle duck;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute("CREATE TABLE l AS SELECT * FROM (VALUES (1, 10), (NULL, 20), (2, 30)) v(a, x)");
        duck.execute("CREATE TABLE r AS SELECT * FROM (VALUES (1, 100), (NULL, 400)) v(b, y)"
                + " UNION ALL SELECT i, i * 100 FROM range(3, 41) t(i)");
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

    @ParameterizedTest(name = "{0} join at parallelism {1}")
    @CsvSource({"OUTER, 1", "OUTER, 4", "RIGHT, 1", "RIGHT, 4", "LEFT, 4", "INNER, 4"})
    void nullKeysOfTheLeftKeyFormOneGroupAfterTheJoin(JoinType type, int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            Map<String, List<?>> l = new LinkedHashMap<>();
            l.put("a", Arrays.asList(1L, null, 2L));
            l.put("x", List.of(10L, 20L, 30L));
            Map<String, List<?>> r = new LinkedHashMap<>();
            // unmatched right rows in every partition: their null left keys must still meet
            List<Long> b = new ArrayList<>(Arrays.asList(1L, null));
            List<Long> y = new ArrayList<>(List.of(100L, 400L));
            for (long i = 3; i < 41; i++) {
                b.add(i);
                y.add(i * 100);
            }
            r.put("b", b);
            r.put("y", y);
            DataFrame j = floe.fromColumns(l).join(floe.fromColumns(r), List.of(col("a")), List.of(col("b")), type,
                    JoinStrategy.HASH);
            String sqlJoin = type == JoinType.OUTER ? "FULL OUTER" : type.name();
            String from = " FROM l " + sqlJoin + " JOIN r ON a = b";
            Rows.assertSameRows(run(j.groupBy("a").agg(count())), duck.query("SELECT a, count(*)" + from + " GROUP BY a"));
            Rows.assertSameRows(run(j.select("a").distinct()), duck.query("SELECT DISTINCT a" + from));
            Rows.assertSameRows(run(j.groupBy("b").agg(col("x").sum())),
                    duck.query("SELECT b, sum(x)" + from + " GROUP BY b"));
            Rows.assertSameRows(run(j.select("b").distinct()), duck.query("SELECT DISTINCT b" + from));
        }
    }
}
