package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.PlanException;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL names of the list and map functions through {@code floe.sql} against DuckDB on the same
 * text (DuckDB's names; Spark's names where DuckDB has none run on DuckDB spelled its way), over a
 * table with empty lists, null lists and null elements. Each query selects many functions at once
 * (one job each).
 */
class SqlListAndMapFunctionsIT {
    private static Floe floe;
    private static DuckOracle duck;

    @BeforeAll
    static void setUp() {
        floe = SharedCluster.floe(2);
        duck = new DuckOracle();
        duck.execute("CREATE TABLE l (id BIGINT, xs BIGINT[], ss VARCHAR[], xss BIGINT[][], ks VARCHAR[], vs BIGINT[])");
        duck.execute("""
                INSERT INTO l VALUES
                  (1, [3, 1, 2], ['b', 'a', 'b'], [[1, 2], [3]], ['x', 'y'], [10, 20]),
                  (2, [], [], [], [], []),
                  (3, NULL, NULL, NULL, NULL, NULL),
                  (4, [5, NULL, 5, -1], ['c', NULL], [[4], NULL, []], ['z'], [NULL]),
                  (5, [7], ['a'], [[]], ['x', 'y', 'w'], [1, 2, 3])""");
        List<String> names = List.of("id", "xs", "ss", "xss", "ks", "vs");
        Map<String, List<?>> columns = new LinkedHashMap<>();
        for (String n : names) {
            columns.put(n, new ArrayList<>());
        }
        for (List<Object> row : duck.query("SELECT * FROM l ORDER BY id")) {
            for (int c = 0; c < names.size(); c++) {
                @SuppressWarnings("unchecked")
                List<Object> column = (List<Object>) columns.get(names.get(c));
                column.add(row.get(c));
            }
        }
        floe.register("l", floe.fromColumns(columns));
    }

    @AfterAll
    static void tearDown() throws Exception {
        floe.unregister("l");
        floe.close();
        duck.close();
    }

    private static List<List<Object>> floeRows(String sql) {
        try (Table t = floe.sql(sql).toTable()) {
            return t.toRows();
        }
    }

    private static void sameAsDuckDb(String sql) {
        sameAs(sql, sql);
    }

    private static void sameAs(String floeSql, String duckSql) {
        Rows.assertSameRows(floeRows(floeSql), duck.query(duckSql));
    }

    @Test
    void listFunctionsUnderDuckDbsNames() {
        sameAsDuckDb("""
                SELECT id, len(xs), length(ss), array_length(xs), list_contains(xs, 5), array_contains(ss, 'a'),
                  list_has(xs, 1), array_has(ss, NULL), list_sort(xs), array_sort(ss), list_sort(xs, 'DESC'),
                  list_reverse_sort(xs), list_sort(list_distinct(xs)), array_sort(array_distinct(ss)),
                  list_slice(xs, 2, 3), array_slice(xs, -2, -1), list_slice(xs, 1, -2), list_slice(xs, 0, 2),
                  flatten(xss), list_count(xs), list_sum(xs), list_min(xs), list_max(xs), list_avg(xs),
                  list_extract(xs, 1), list_element(ss, -1), array_extract(xs, 2), list_extract(xs, 9)
                FROM l""");
    }

    @Test
    void subscripts() {
        sameAsDuckDb("""
                SELECT id, xs[1], xs[-1], ss[2], xss[1], list_contains(xs, xs[1]) FROM l""");
        assertThat(floe.sql("SELECT xs[1], m['x'] FROM (SELECT xs, map(ks, vs) AS m FROM l)").columnNames())
                .containsExactly("xs[1]", "m['x']");
    }

    @Test
    void mapFunctionsOverMapsBuiltFromLists() {
        sameAsDuckDb("""
                SELECT id, map_keys(m), map_values(m), cardinality(m), map_extract_value(m, 'x'), m['y'],
                  map_contains(m, 'x')
                FROM (SELECT id, map(ks, vs) AS m FROM l)""");
    }

    @Test
    void sparksNamesMeanWhatDuckDbsSpellingsMean() {
        sameAs("""
                SELECT id, element_at(xs, 1), element_at(xs, -1), slice(xs, 2, 2), slice(xs, -2, 2), size(xs),
                  array_min(xs), array_max(xs), element_at(map_from_arrays(ks, vs), 'y'),
                  map_contains_key(map_from_arrays(ks, vs), 'w'), cardinality(xs)
                FROM l""", """
                SELECT id, xs[1], xs[-1], list_slice(xs, 2, 3), list_slice(xs, -2, -1), len(xs),
                  list_min(xs), list_max(xs), map_extract_value(map(ks, vs), 'y'),
                  map_contains(map(ks, vs), 'w'), len(xs)
                FROM l""");
        assertThatThrownBy(() -> floe.sql("SELECT element_at(xs, 0) FROM l"))
                .isInstanceOf(PlanException.class).hasMessageContaining("counts positions from 1");
    }

    @Test
    void unnestInTheSelectListGivesOneRowPerElement() {
        sameAsDuckDb("SELECT id, unnest(xs) AS x, len(ss) FROM l");
        // DISTINCT and WHERE see the elements and the rows before unnest
        sameAsDuckDb("SELECT DISTINCT unnest(list_sort(xs)) AS x FROM l WHERE id <> 5");
        assertThatThrownBy(() -> floe.sql("SELECT unnest(xs) + 1 FROM l"))
                .isInstanceOf(PlanException.class).hasMessageContaining("whole item of the SELECT list");
        assertThat(floe.sql("SELECT id, unnest(xs) FROM l").columnNames()).containsExactly("id", "unnest(xs)");
    }
}
