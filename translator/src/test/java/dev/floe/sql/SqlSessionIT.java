package dev.floe.sql;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.sqlExpr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session side of SQL: register / unregister / tables, files as tables, views, DESCRIBE, SHOW
 * TABLES, sqlExpr in the DataFrame API, and a SQL result used as a DataFrame.
 */
class SqlSessionIT {
    private static Floe floe;

    @BeforeAll
    static void start() {
        floe = SharedCluster.floe(2);
    }

    @AfterAll
    static void stop() {
        floe.close();
    }

    private static DataFrame people() {
        Map<String, List<?>> m = new LinkedHashMap<>();
        m.put("id", List.of(1L, 2L, 3L, 4L));
        m.put("name", List.of("ann", "bob", "cid", "dee"));
        m.put("age", List.of(31L, 25L, 47L, 25L));
        return floe.fromColumns(m);
    }

    private static List<List<Object>> rows(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void registeredTablesAreCaseInsensitiveAndResultsAreDataFrames() {
        floe.register("People", people());
        try {
            assertThat(floe.tables()).contains("People");
            DataFrame df = floe.sql("SELECT NAME, age FROM people WHERE Age > 24 ORDER BY age DESC, name");
            assertThat(df.columnNames()).isEqualTo(List.of("name", "age"));
            assertThat(rows(df.where(col("age").lt(40L)))).isEqualTo(List.of(
                    Arrays.asList("ann", 31L), Arrays.asList("bob", 25L), Arrays.asList("dee", 25L)));
            assertThat(rows(floe.sql("SHOW TABLES"))).contains(List.of("People"));
            assertThat(rows(floe.sql("DESCRIBE people"))).isEqualTo(List.of(List.of("id", "int64"),
                    List.of("name", "string"), List.of("age", "int64")));
        } finally {
            assertThat(floe.unregister("PEOPLE")).isTrue();
        }
        assertThat(floe.tables()).doesNotContain("People");
        assertThatThrownBy(() -> floe.sql("SELECT * FROM people")).isInstanceOf(PlanException.class)
                .hasMessageContaining("table 'people' not found");
    }

    @Test
    void viewsAndQueryLocalTables() {
        DataFrame view = floe.sql("CREATE OR REPLACE TEMP VIEW young AS SELECT name FROM p WHERE age < 30",
                Map.of("p", people()));
        try {
            assertThat(view.columnNames()).isEqualTo(List.of("name"));
            assertThat(rows(floe.sql("SELECT count(*) AS n FROM young"))).isEqualTo(List.of(List.of(2L)));
            assertThat(rows(floe.sql("DESCRIBE SELECT name, 1 AS one FROM young"))).isEqualTo(
                    List.of(List.of("name", "string"), List.of("one", "int32")));
        } finally {
            floe.sql("DROP VIEW young");
        }
    }

    @Test
    void filesAsTables(@TempDir Path dir) {
        people().writeParquet(dir.resolve("people").toString());
        String glob = dir.resolve("people") + "/*.parquet";
        assertThat(rows(floe.sql("SELECT sum(age) AS s FROM '" + glob + "'"))).isEqualTo(List.of(List.of(128L)));
        assertThat(rows(floe.sql("SELECT p.name FROM read_parquet('" + glob + "') p WHERE p.id = 3")))
                .isEqualTo(List.of(List.of("cid")));
    }

    @Test
    void sqlExpressionsInTheDataFrameApi() {
        DataFrame df = people().where(sqlExpr("name LIKE '%e%' OR id BETWEEN 1 AND 1"))
                .select(col("id"), sqlExpr("age * 2 + 1 AS x"), sqlExpr("CASE WHEN age > 30 THEN 'old' ELSE 'young' END AS y"))
                .sort(col("id"));
        List<List<Object>> expected = new ArrayList<>();
        expected.add(Arrays.asList(1L, 63L, "old"));
        expected.add(Arrays.asList(4L, 51L, "young"));
        assertThat(rows(df)).isEqualTo(expected);
    }
}
