package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Subqueries.exists;
import static dev.floe.api.Subqueries.in;
import static dev.floe.api.Subqueries.notExists;
import static dev.floe.api.Subqueries.notIn;
import static dev.floe.api.Subqueries.outer;
import static dev.floe.api.Subqueries.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subqueries (issue 14 item 3) decorrelated into joins, against DuckDB on the same rows at
 * parallelism 4: every form with nulls on both sides (keys, probes, values), subqueries empty for
 * some outer rows (the count bug) or altogether, NOT IN with and without a null in the subquery, a
 * self-correlated EXISTS like TPC-H Q21, and the error of a scalar subquery with several rows.
 */
class SubqueryIT {
    private static final Expression OK = outer("ok", DataType.int64());

    private static DuckOracle duck;
    private static Map<String, List<?>> o;
    private static Map<String, List<?>> l;
    private static Map<String, List<?>> u;

    @BeforeAll
    static void setUp() {
        Random random = new Random(14);
        List<List<Object>> orows = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // keys 0..29: some without inner rows; some null
            orows.add(Arrays.asList(random.nextInt(15) == 0 ? null : (long) random.nextInt(30),
                    random.nextInt(10) == 0 ? null : (long) random.nextInt(60), (long) i));
        }
        List<List<Object>> lrows = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // keys 0..19 and 40..49
            long k = random.nextInt(3) == 0 ? 40 + random.nextInt(10) : random.nextInt(20);
            lrows.add(Arrays.asList(random.nextInt(12) == 0 ? null : k,
                    random.nextInt(10) == 0 ? null : (long) random.nextInt(60), (long) random.nextInt(60)));
        }
        List<List<Object>> urows = new ArrayList<>();
        for (long k = 0; k < 25; k++) {
            urows.add(Arrays.asList(k, k % 4 == 0 ? null : k * 10));
        }
        duck = new DuckOracle();
        duck.execute("CREATE TABLE o (ok BIGINT, oc BIGINT, oid BIGINT)");
        duck.execute("CREATE TABLE l (lk BIGINT, lq BIGINT, lc BIGINT)");
        duck.execute("CREATE TABLE u (uk BIGINT, uv BIGINT)");
        duck.insert("o", 3, orows);
        duck.insert("l", 3, lrows);
        duck.insert("u", 2, urows);
        o = columns(List.of("ok", "oc", "oid"), orows);
        l = columns(List.of("lk", "lq", "lc"), lrows);
        u = columns(List.of("uk", "uv"), urows);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static Map<String, List<?>> columns(List<String> names, List<List<Object>> rows) {
        Map<String, List<?>> out = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            List<Object> column = new ArrayList<>();
            for (List<Object> row : rows) {
                column.add(row.get(c));
            }
            out.put(names.get(c), column);
        }
        return out;
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    private static void same(DataFrame df, String sql) {
        Rows.assertSameRows(run(df), duck.query(sql));
    }

    @Test
    void existsInAndTheirNegations() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame o = floe.fromColumns(SubqueryIT.o);
            DataFrame l = floe.fromColumns(SubqueryIT.l);
            same(o.where(exists(l.where(col("lk").eq(OK).and(col("lq").gt(col("lc")))))),
                    "SELECT * FROM o WHERE EXISTS (SELECT * FROM l WHERE lk = ok AND lq > lc)");
            same(o.where(notExists(l.where(col("lk").eq(OK).and(col("lq").gt(outer("oc", DataType.int64())))))),
                    "SELECT * FROM o WHERE NOT EXISTS (SELECT * FROM l WHERE lk = ok AND lq > oc)");
            same(o.where(in(col("ok"), l.where(col("lq").gt(lit(20))).select(col("lk")))),
                    "SELECT * FROM o WHERE ok IN (SELECT lk FROM l WHERE lq > 20)");
            same(o.where(in(col("oc"), l.where(col("lk").eq(OK)).select(col("lq")))),
                    "SELECT * FROM o WHERE oc IN (SELECT lq FROM l WHERE lk = ok)");
            // uncorrelated EXISTS over a non-empty and an empty subquery
            same(o.where(exists(l.where(col("lq").gt(lit(50))))), "SELECT * FROM o WHERE EXISTS (SELECT * FROM l WHERE lq > 50)");
            same(o.where(notExists(l.where(col("lq").lt(lit(-1))))), "SELECT * FROM o");
            // TPC-H Q21's shape: correlated on the same table's columns, with an inequality
            same(l.where(exists(l.where(col("lk").eq(outer("lk", DataType.int64()))
                            .and(col("lc").neq(outer("lc", DataType.int64())))))),
                    "SELECT * FROM l l1 WHERE EXISTS (SELECT * FROM l l2 WHERE l2.lk = l1.lk AND l2.lc <> l1.lc)");
        }
    }

    @Test
    void notInHasSqlNullSemantics() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame o = floe.fromColumns(SubqueryIT.o);
            DataFrame l = floe.fromColumns(SubqueryIT.l);
            // a null among lk: no row qualifies
            List<List<Object>> none = run(o.where(notIn(col("ok"), l.select(col("lk")))));
            assertThat(duck.query("SELECT * FROM o WHERE ok NOT IN (SELECT lk FROM l)")).isEmpty();
            assertThat(none).isEmpty();
            // no null: rows without a match and with a non-null probe
            same(o.where(notIn(col("ok"), l.where(col("lk").notNull()).select(col("lk")))),
                    "SELECT * FROM o WHERE ok NOT IN (SELECT lk FROM l WHERE lk IS NOT NULL)");
            // empty subquery: every row, null probes included
            same(o.where(notIn(col("ok"), l.where(col("lq").lt(lit(-1))).select(col("lk")))),
                    "SELECT * FROM o WHERE ok NOT IN (SELECT lk FROM l WHERE lq < -1)");
            // correlated: the null (or emptiness) that counts is the outer row's own group's
            same(o.where(notIn(col("oc"), l.where(col("lk").eq(OK)).select(col("lq")))),
                    "SELECT * FROM o WHERE oc NOT IN (SELECT lq FROM l WHERE lk = ok)");
        }
    }

    @Test
    void marksUnderOrAndInSelectAreThreeValued() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame o = floe.fromColumns(SubqueryIT.o);
            DataFrame l = floe.fromColumns(SubqueryIT.l);
            same(o.where(exists(l.where(col("lk").eq(OK).and(col("lq").gt(lit(40))))).or(col("oc").gt(lit(50)))),
                    "SELECT * FROM o WHERE EXISTS (SELECT * FROM l WHERE lk = ok AND lq > 40) OR oc > 50");
            same(o.select(col("oid"), in(col("oc"), l.where(col("lk").eq(OK)).select(col("lq"))).alias("m"),
                            exists(l.where(col("lk").eq(OK))).alias("e")),
                    "SELECT oid, oc IN (SELECT lq FROM l WHERE lk = ok) AS m, EXISTS (SELECT * FROM l WHERE lk = ok) AS e FROM o");
            same(o.select(col("oid"), in(col("ok"), l.select(col("lk"))).alias("m")),
                    "SELECT oid, ok IN (SELECT lk FROM l) AS m FROM o");
        }
    }

    @Test
    void scalarSubqueries() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame o = floe.fromColumns(SubqueryIT.o);
            DataFrame l = floe.fromColumns(SubqueryIT.l);
            DataFrame u = floe.fromColumns(SubqueryIT.u);
            // the count bug: an outer key without inner rows counts 0, not null
            same(o.select(col("oid"), scalar(l.where(col("lk").eq(OK)).agg(count())).alias("n"),
                            scalar(l.where(col("lk").eq(OK)).agg(col("lq").count().alias("c")).select(col("c").add(lit(1)))).alias("c"),
                            scalar(l.where(col("lk").eq(OK)).agg(col("lq").sum())).alias("s")),
                    "SELECT oid, (SELECT count(*) FROM l WHERE lk = ok) AS n, (SELECT count(lq) + 1 FROM l WHERE lk = ok) AS c,"
                            + " (SELECT sum(lq) FROM l WHERE lk = ok) AS s FROM o");
            // TPC-H Q17's shape: a comparison with a correlated aggregate
            same(o.where(col("oc").lt(scalar(l.where(col("lk").eq(OK)).agg(col("lq").mean().alias("a")).select(col("a").mul(lit(1.2)))))),
                    "SELECT * FROM o WHERE oc < (SELECT avg(lq) * 1.2 FROM l WHERE lk = ok)");
            same(o.where(col("oc").gt(scalar(l.agg(col("lq").mean())))),
                    "SELECT * FROM o WHERE oc > (SELECT avg(lq) FROM l)");
            // HAVING (TPC-H Q11's shape)
            same(o.groupBy(col("ok")).agg(col("oc").sum().alias("s"))
                            .where(col("s").gt(scalar(l.agg(col("lq").sum().alias("t")).select(col("t").div(lit(100)))))),
                    "SELECT ok, sum(oc) AS s FROM o GROUP BY ok HAVING sum(oc) > (SELECT sum(lq) / 100 FROM l)");
            // not an aggregation: at most one row per key, checked at run time
            same(o.select(col("oid"), scalar(u.where(col("uk").eq(OK)).select(col("uv"))).alias("v")),
                    "SELECT oid, (SELECT uv FROM u WHERE uk = ok) AS v FROM o");
        }
    }

    @Test
    void aScalarSubqueryWithSeveralRowsFailsNamingIt() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame o = floe.fromColumns(SubqueryIT.o);
            DataFrame l = floe.fromColumns(SubqueryIT.l);
            assertThatThrownBy(() -> run(o.select(col("oid"), scalar(l.where(col("lk").eq(OK)).select(col("lq"))).alias("q"))))
                    .hasStackTraceContaining("The scalar subquery scalar(Project: lq) returned more than one row");
        }
    }

    @Test
    void explainShowsTheDecorrelatedPlan() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame o = floe.fromColumns(SubqueryIT.o);
            DataFrame l = floe.fromColumns(SubqueryIT.l);
            String explain = o.where(exists(l.where(col("lk").eq(OK)))).explain(true);
            assertThat(explain).contains("Subquery: EXISTS correlated on ok").contains("Join: SEMI on ok = __sq1_k0");
        }
    }
}
