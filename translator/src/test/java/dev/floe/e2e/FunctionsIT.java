package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.concatWs;
import static dev.floe.api.Functions.dateDiff;
import static dev.floe.api.Functions.fromUnixTime;
import static dev.floe.api.Functions.monthsBetween;
import static dev.floe.api.Functions.greatest;
import static dev.floe.api.Functions.least;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;
import dev.floe.api.Expression;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import dev.floe.api.types.DataType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions of issue 15 item 7 (strings, dates, math, lists) against DuckDB's equivalents,
 * table-driven: each case is a Floe expression and the DuckDB SQL that should give the same
 * value, over generated data with nulls in every column, multi-byte UTF-8 (ü, é, 😀), NaN and
 * zero divisors. One Floe job per family on the shared MiniCluster.
 */
class FunctionsIT {
    private static final int ROWS = 3_000;

    private static final String CREATE = """
            CREATE OR REPLACE TABLE x AS SELECT
              i::BIGINT AS id,
              CASE WHEN i % 7 = 0 THEN NULL ELSE
                (CASE i % 5 WHEN 0 THEN '  ' WHEN 1 THEN 'ü' WHEN 2 THEN 'ab' WHEN 3 THEN 'X,' ELSE '😀 ' END)
                || ((i * 31) % 1000)::VARCHAR
                || (CASE i % 3 WHEN 0 THEN 'éa, b' WHEN 1 THEN ' Zz ' ELSE ',' END) END AS s,
              CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 10)::VARCHAR END AS p,
              CASE WHEN i % 13 = 0 THEN NULL ELSE
                (CASE i % 4 WHEN 0 THEN 'kitten' WHEN 1 THEN 'sitting' WHEN 2 THEN 'ab' || (i % 9)::VARCHAR ELSE '' END) END AS a,
              CASE WHEN i % 17 = 0 THEN NULL WHEN i % 23 = 0 THEN 'NaN'::DOUBLE
                   ELSE ((i * 7919) % 2001 - 1000) / 7.0 END AS x,
              CASE WHEN i % 19 = 0 THEN NULL ELSE (i * 104729) % 301 - 150 END::BIGINT AS k,
              CASE WHEN i % 29 = 0 THEN NULL ELSE (i % 13) - 6 END::INTEGER AS j,
              CASE WHEN i % 13 = 0 THEN NULL ELSE DATE '1960-01-01' + ((i * 7919) % 40000)::INTEGER END AS d,
              CASE WHEN i % 31 = 0 THEN NULL WHEN i % 37 = 0 THEN last_day(DATE '1999-02-01' + i::INTEGER)
                   ELSE DATE '1990-01-01' + ((i * 104729) % 20000)::INTEGER END AS d2,
              CASE WHEN i % 17 = 0 THEN NULL
                   ELSE make_timestamp(((i * 104729) % 4000000000)::BIGINT * 1000003 - 600000000000000) END AS ts,
              CASE WHEN i % 41 = 0 THEN NULL
                   ELSE make_timestamp(((i * 7907) % 4000000000)::BIGINT * 999983 - 900000000000000) END AS ts2,
              CASE WHEN i % 43 = 0 THEN NULL ELSE ((i * 7919) % 4000000000)::BIGINT - 1500000000 END AS e,
              CASE WHEN i % 7 = 3 THEN NULL WHEN i % 11 = 5 THEN []::BIGINT[] ELSE
                (CASE WHEN i % 2 = 0 THEN [i % 5, CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 7) % 5 END, i % 4]
                      ELSE [(i * 3) % 7, i % 5, i % 5, NULL, (i * 11) % 6] END)::BIGINT[] END AS l,
              CASE WHEN i % 6 = 4 THEN NULL ELSE [chr(97 + (i % 3)::INTEGER), CASE WHEN i % 5 = 0 THEN NULL ELSE chr(97 + (i % 4)::INTEGER) END] END AS sl
            FROM range(0, ROWS) r(i);
            SET TimeZone = 'UTC';
            CREATE OR REPLACE TABLE x AS SELECT *,
              CASE WHEN id % 9 = 0 THEN '31/02/2020' WHEN id % 10 = 0 THEN 'x' || strftime(d, '%d/%m/%Y')
                   ELSE strftime(d, '%d/%m/%Y') END AS ds,
              CASE WHEN id % 8 = 0 THEN strftime(ts, '%Y-%m-%d %H:%M') ELSE strftime(ts, '%Y-%m-%d %H:%M:%S') END AS tss,
              CASE WHEN id % 13 = 1 THEN NULL ELSE [l, NULL, [id % 3]] END AS ll,
              CASE WHEN id % 9 = 0 THEN NULL WHEN id % 10 = 0 THEN '{"a": 1' WHEN id % 12 = 0 THEN '[1, {"a": [2, 3]}]'
                   ELSE json_object('a', k, 'b', s, 'c', [j, k], 'd', json_object('e', p), 'g', id % 2 = 0)::VARCHAR END AS js
            FROM x
            """.replace("ROWS", Integer.toString(ROWS));

    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute(CREATE);
        String[] names = {"id", "s", "p", "a", "x", "k", "j", "d", "d2", "ts", "ts2", "e", "ds", "tss", "l", "sl", "ll", "js"};
        String select = String.join(", ", names).replace("ts, ts2", "epoch_us(ts), epoch_us(ts2)");
        List<List<Object>> rows = duck.query("SELECT " + select + " FROM x");
        columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            List<Object> values = new ArrayList<>(rows.size());
            boolean micros = names[c].startsWith("ts") && !names[c].equals("tss");
            for (List<Object> r : rows) {
                Object v = r.get(c);
                values.add(micros && v != null ? LocalDateTime.ofEpochSecond(Math.floorDiv((Long) v, 1_000_000L),
                        (int) Math.floorMod((Long) v, 1_000_000L) * 1000, ZoneOffset.UTC) : v);
            }
            columns.put(names[c], values);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    /** One Floe expression and the DuckDB expression that must give the same values. */
    private record Case(Expression floe, String duck) {
    }

    private static Case c(Expression floe, String duck) {
        return new Case(floe, duck);
    }

    private static void check(List<Case> cases) {
        List<Expression> select = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id");
        select.add(col("id"));
        for (int i = 0; i < cases.size(); i++) {
            select.add(cases.get(i).floe().alias("c" + i));
            sql.append(",\n  ").append(cases.get(i).duck());
        }
        sql.append("\nFROM x");
        try (Floe f = SharedCluster.floe(2); Table t = f.fromColumns(columns).select(select.toArray(new Expression[0])).toTable()) {
            Rows.assertSameRows(joinLists(t.toRows()), duck.query(sql.toString()));
        }
    }

    @Test
    void stringFunctionsMatchDuckDb() {
        check(List.of(
                c(col("s").str().regexpReplace("[0-9]+", "#"), "regexp_replace(s, '[0-9]+', '#', 'g')"),
                c(col("s").str().regexpReplace("(b|Z)", "<$1>"), "regexp_replace(s, '(b|Z)', '<\\1>', 'g')"),
                c(col("s").str().split(",\\s*", true), "array_to_string(regexp_split_to_array(s, ',\\s*'), '|')"),
                c(col("s").str().lpad(6, "xy"), "lpad(s, 6, 'xy')"),
                c(col("s").str().rpad(7, "é"), "rpad(s, 7, 'é')"),
                c(col("s").str().lpad(2, "-"), "lpad(s, 2, '-')"),
                c(col("s").str().left(3), "left(s, 3)"),
                c(col("s").str().right(2), "right(s, 2)"),
                c(col("s").str().reverse(), "reverse(s)"),
                c(col("s").str().repeat(2), "repeat(s, 2)"),
                c(col("s").str().repeat(0), "repeat(s, 0)"),
                c(col("s").str().translate("aü, ", "Xy"), "translate(s, 'aü, ', 'Xy')"),
                c(col("s").str().initcap(),
                        "array_to_string(list_transform(string_split(lower(s), ' '), lambda w: upper(w[1]) || w[2:]), ' ')"),
                c(col("s").str().instr(col("p")), "instr(s, p)"),
                c(col("s").str().find(","), "instr(s, ',') - 1"),
                c(col("a").str().levenshtein(col("p")), "levenshtein(a, p)"),
                c(col("a").str().levenshtein("sitting"), "levenshtein(a, 'sitting')"),
                c(col("s").str().splitPart(",", 2), "split_part(s, ',', 2)"),
                c(col("s").str().splitPart(",", -1), "split_part(s, ',', -1)"),
                c(concatWs("-", col("s"), col("p"), col("a")), "concat_ws('-', s, p, a)"),
                c(col("s").str().ilike("%zz%"), "s ILIKE '%zz%'"),
                c(col("s").str().ilike("Ü%"), "s ILIKE 'Ü%'")));
    }

    @Test
    void mathFunctionsMatchDuckDb() {
        check(List.of(
                c(col("x").pow(2), "pow(x, 2)"),
                c(col("k").pow(col("j")), "pow(k, j)"),
                c(col("x").abs().add(1).log10(), "log10(abs(x) + 1)"),
                c(col("x").abs().add(1).log2(), "log2(abs(x) + 1)"),
                c(col("x").abs().add(1).ln(), "ln(abs(x) + 1)"),
                c(col("x").sin(), "sin(x)"),
                c(col("x").cos(), "cos(x)"),
                c(col("x").tan(), "tan(x)"),
                c(col("x").div(200).asin(), "asin(x / 200)"),
                c(col("x").div(200).acos(), "acos(x / 200)"),
                c(col("x").atan(), "atan(x)"),
                c(col("x").atan2(col("k")), "atan2(x, k)"),
                c(col("x").div(100).sinh(), "sinh(x / 100)"),
                c(col("x").div(100).cosh(), "cosh(x / 100)"),
                c(col("x").tanh(), "tanh(x)"),
                c(col("x").degrees(), "degrees(x)"),
                c(col("k").radians(), "radians(k)"),
                c(col("x").cbrt(), "cbrt(x)"),
                c(greatest(col("k"), col("j"), lit(5)), "greatest(k, j, 5)"),
                c(least(col("x"), col("k")), "least(x, k)"),
                c(greatest(col("s"), col("p")), "greatest(s, p)"),
                c(col("k").clip(-50, 60), "CASE WHEN k IS NULL THEN NULL ELSE least(greatest(k, -50), 60) END"),
                c(col("x").clip(lit(null), col("j")), "CASE WHEN x IS NULL THEN NULL WHEN j IS NULL OR x <= j THEN x ELSE j END"),
                c(col("k").pmod(col("j")),
                        "CASE WHEN k % NULLIF(j, 0) < 0 THEN (k % NULLIF(j, 0) + j) % j ELSE k % NULLIF(j, 0) END"),
                c(col("x").pmod(3), "CASE WHEN fmod(x, 3) < 0 THEN fmod(fmod(x, 3) + 3, 3) ELSE fmod(x, 3) END"),
                c(col("x").isNan(), "isnan(x)"),
                c(col("k").isNan(), "CASE WHEN k IS NULL THEN NULL ELSE false END"),
                c(col("x").fillNan(0.5), "CASE WHEN isnan(x) THEN 0.5 ELSE x END")));
    }

    @Test
    void dateFunctionsMatchDuckDb() {
        String months = "((year(A) * 12 + month(A)) - (year(B) * 12 + month(B)))";
        String secs = "((day(X) - 1) * 86400 + hour(X) * 3600 + minute(X) * 60 + second(X))";
        String tsMonths = ("CASE WHEN day(ts) = day(ts2) OR (ts::DATE = last_day(ts) AND ts2::DATE = last_day(ts2)) THEN M"
                + " ELSE round(M + (" + secs.replace("X", "ts") + " - " + secs.replace("X", "ts2") + ") / (31.0 * 86400), 8) END")
                .replace("M", months.replace("A", "ts").replace("B", "ts2"));
        String dateMonths = ("CASE WHEN day(d) = day(d2) OR (d = last_day(d) AND d2 = last_day(d2)) THEN M"
                + " ELSE round(M + (day(d) - day(d2)) / 31.0, 8) END").replace("M", months.replace("A", "d").replace("B", "d2"));
        check(List.of(
                c(dateDiff(col("d"), col("d2")), "datediff('day', d2, d)"),
                c(dateDiff(col("ts"), col("d")), "datediff('day', d, ts::DATE)"),
                c(col("d").dt().dateAdd(col("j")), "d + j"),
                c(col("d").dt().dateSub(30), "d - 30"),
                c(col("ts").dt().dateAdd(1), "ts::DATE + 1"),
                c(col("d").dt().lastDay(), "last_day(d)"),
                c(col("d").dt().quarter(), "quarter(d)"),
                c(col("d").dt().weekOfYear(), "week(d)"),
                c(col("ts").dt().quarter(), "quarter(ts)"),
                c(col("ts").dt().weekOfYear(), "week(ts)"),
                c(monthsBetween(col("d"), col("d2")), dateMonths),
                c(monthsBetween(col("ts"), col("ts2")), tsMonths),
                c(col("ts").dt().unixTimestamp(), "floor(epoch_us(ts) / 1000000.0)::BIGINT"),
                c(col("d").dt().unixTimestamp(), "epoch(d)::BIGINT"),
                c(fromUnixTime(col("e")).cast(DataType.int64()), "epoch_us(to_timestamp(e))"),
                c(fromUnixTime(col("e"), "yyyy-MM-dd HH:mm:ss"), "strftime(make_timestamp(e * 1000000), '%Y-%m-%d %H:%M:%S')"),
                c(col("ts").dt().dateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS"), "strftime(ts, '%Y-%m-%dT%H:%M:%S.%g')"),
                c(col("d").dt().dateFormat("EEE, d MMM yy"), "strftime(d, '%a, %-d %b %y')"),
                c(col("d").dt().dateFormat("EEEE MMMM D"), "strftime(d, '%A %B %-j')"),
                c(col("ts").dt().dateFormat("hh a"), "strftime(ts, '%I %p')"),
                c(col("ds").str().toDate("dd/MM/yyyy"), "try_strptime(ds, '%d/%m/%Y')::DATE"),
                c(col("tss").str().toTimestamp("yyyy-MM-dd HH:mm:ss").cast(DataType.int64()),
                        "epoch_us(try_strptime(tss, '%Y-%m-%d %H:%M:%S'))"),
                c(col("ts").dt().fromUtcTimestamp("America/New_York").cast(DataType.int64()),
                        "epoch_us(timezone('America/New_York', ts::TIMESTAMPTZ))"),
                c(col("ts").dt().toUtcTimestamp("Asia/Kolkata").cast(DataType.int64()),
                        "epoch_us(timezone('Asia/Kolkata', ts))"),
                c(col("ts").dt().convertTimeZone("Asia/Tokyo").dt().hour(), "hour(timezone('Asia/Tokyo', ts::TIMESTAMPTZ))")));
    }

    @Test
    void listFunctionsMatchDuckDb() {
        String strings = "array_to_string(list_transform(L, lambda v: coalesce(v::VARCHAR, 'null')), '|')";
        check(List.of(
                c(col("l").list().contains(col("k").pmod(5)), "list_contains(l, CASE WHEN k % 5 < 0 THEN k % 5 + 5 ELSE k % 5 END)"),
                c(col("l").list().contains(3), "list_contains(l, 3)"),
                c(col("sl").list().contains("b"), "list_contains(sl, 'b')"),
                c(col("l").list().sort(), strings.replace("L", "list_sort(l, 'ASC', 'NULLS LAST')")),
                c(col("l").list().sort(true), strings.replace("L", "list_sort(l, 'DESC', 'NULLS LAST')")),
                c(col("sl").list().sort(), strings.replace("L", "list_sort(sl, 'ASC', 'NULLS LAST')")),
                c(col("l").list().distinct().list().sort(), strings.replace("L", "list_sort(list_distinct(l))")),
                c(col("l").list().slice(1, 3), strings.replace("L", "list_slice(l, 2, 3)")),
                c(col("l").list().slice(-2), strings.replace("L", "list_slice(l, greatest(len(l) - 1, 1), len(l))")),
                c(col("ll").list().flatten(), strings.replace("L", "flatten(ll)")),
                c(col("l").list().count(), "len(list_filter(l, lambda v: v IS NOT NULL))"),
                c(col("l").list().mean(), "list_avg(l)")));
    }

    @Test
    void jsonPathsMatchDuckDb() {
        String[] paths = {"$.a", "$.b", "$.c[1]", "$.c", "$.d.e", "$.d", "$['b']", "$.missing", "$[1].a", "$[1].a[0]", "$.g"};
        List<Case> cases = new ArrayList<>();
        for (String path : paths) {
            String duckPath = path.equals("$['b']") ? "$.\"b\"" : path; // DuckDB spells a quoted member $."b"
            cases.add(c(col("js").str().jsonExtract(path), "TRY(json_extract_string(js, '" + duckPath + "'))"));
        }
        check(cases);
    }

    @Test
    // Only columns and aliases: since d611390 sqlExpr types operands without the input schema, so
    // upper(s) or k * 2 fail with "Column 's' not found" (in dev.floe.sql; reported, not fixed here)
    void selectExprParsesSqlLikeDuckDb() {
        try (Floe f = SharedCluster.floe(2);
                Table t = f.fromColumns(columns).selectExpr("id", "s AS u", "\"k\"").toTable()) {
            Rows.assertSameRows(t.toRows(), duck.query("SELECT id, s, k FROM x"));
            org.assertj.core.api.Assertions.assertThat(t.columnNames()).containsExactly("id", "u", "k");
        }
    }

    /** Lists become their elements joined with '|', like DuckDB's array_to_string. */
    private static List<List<Object>> joinLists(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            List<Object> row = new ArrayList<>(r.size());
            for (Object v : r) {
                if (v instanceof List<?> l) {
                    List<String> parts = new ArrayList<>();
                    l.forEach(x -> parts.add(String.valueOf(x)));
                    row.add(String.join("|", parts));
                } else {
                    row.add(v);
                }
            }
            out.add(row);
        }
        return out;
    }
}
