package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code str()} and {@code dt()} functions and date/timestamp ± period/duration against
 * DuckDB's equivalents over generated data with nulls in every column, multi-byte UTF-8
 * (ü, é, 😀), leading/trailing spaces, dates from 1960 to 2069 and timestamps from 1951 to 2077
 * (zone-less, so both engines read wall-clock time). Timestamps are compared as epoch
 * microseconds; lists as their elements joined with '|'.
 */
class ExpressionsIT {
    private static final int ROWS = 30_000;

    private static final String CREATE = """
            CREATE OR REPLACE TABLE x AS SELECT
              i::BIGINT AS id,
              CASE WHEN i % 7 = 0 THEN NULL ELSE
                (CASE i % 5 WHEN 0 THEN '  ' WHEN 1 THEN 'ü' WHEN 2 THEN 'ab' WHEN 3 THEN 'X,' ELSE '😀 ' END)
                || ((i * 31) % 1000)::VARCHAR
                || (CASE i % 3 WHEN 0 THEN 'éa,b' WHEN 1 THEN ' Zz ' ELSE '' END) END AS s,
              CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 10)::VARCHAR END AS p,
              CASE WHEN i % 13 = 0 THEN NULL ELSE DATE '1960-01-01' + ((i * 7919) % 40000)::INTEGER END AS d,
              CASE WHEN i % 17 = 0 THEN NULL
                   ELSE make_timestamp(((i * 104729) % 4000000000)::BIGINT * 1000003 - 600000000000000) END AS ts
            FROM range(0, ROWS) r(i)
            """.replace("ROWS", Integer.toString(ROWS));

    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute(CREATE);
        List<Object> id = new ArrayList<>();
        List<Object> s = new ArrayList<>();
        List<Object> p = new ArrayList<>();
        List<Object> d = new ArrayList<>();
        List<Object> ts = new ArrayList<>();
        for (List<Object> r : duck.query("SELECT id, s, p, d, epoch_us(ts) FROM x")) {
            id.add(r.get(0));
            s.add(r.get(1));
            p.add(r.get(2));
            d.add(r.get(3));
            Long micros = (Long) r.get(4);
            ts.add(micros == null ? null : LocalDateTime.ofInstant(Instant.EPOCH.plus(Duration.of(micros,
                    java.time.temporal.ChronoUnit.MICROS)), ZoneOffset.UTC));
        }
        columns = new LinkedHashMap<>();
        columns.put("id", id);
        columns.put("s", s);
        columns.put("p", p);
        columns.put("d", d);
        columns.put("ts", ts);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    @Test
    void stringAndTemporalFunctionsMatchDuckDb() {
        String re = "([0-9]+)([a-zé]*)";
        List<Expression> floe = List.of(
                col("id"),
                col("s").str().contains("a"),
                col("s").str().contains(col("p")),
                col("s").str().startsWith("ab"),
                col("s").str().endsWith(" "),
                col("s").str().like("%a_b%"),
                col("s").str().like("ü%"),
                col("s").str().like("%_Zz_"),
                col("s").str().length(),
                col("s").str().upper(),
                col("s").str().lower(),
                col("s").str().substr(1, 3),
                col("s").str().replace("a", "XY"),
                col("s").str().split(","),
                col("s").str().match("[0-9]{3}"),
                col("s").str().extract(re, 2),
                col("s").str().strip(),
                col("s").str().lstrip(),
                col("s").str().rstrip(),
                col("s").str().concat(col("p")),
                col("d").dt().year(),
                col("d").dt().month(),
                col("d").dt().day(),
                col("d").dt().dayOfWeek(),
                col("d").dt().dayOfYear(),
                col("d").dt().truncate("year"),
                col("d").dt().truncate("quarter"),
                col("d").dt().truncate("month"),
                col("d").dt().truncate("week"),
                col("ts").dt().year(),
                col("ts").dt().month(),
                col("ts").dt().day(),
                col("ts").dt().hour(),
                col("ts").dt().minute(),
                col("ts").dt().second(),
                col("ts").dt().dayOfWeek(),
                col("ts").dt().dayOfYear(),
                col("ts").dt().date(),
                col("ts").dt().truncate("month").cast(DataType.int64()),
                col("ts").dt().truncate("week").cast(DataType.int64()),
                col("ts").dt().truncate("day").cast(DataType.int64()),
                col("ts").dt().truncate("hour").cast(DataType.int64()),
                col("ts").dt().truncate("second").cast(DataType.int64()),
                col("d").add(lit(Period.ofMonths(1))),
                col("d").sub(lit(Period.of(1, 2, 3))),
                col("ts").add(lit(Period.ofMonths(13))).cast(DataType.int64()),
                col("ts").add(lit(Duration.ofHours(36))).cast(DataType.int64()),
                col("d").sub(lit(Duration.ofMinutes(90))).cast(DataType.int64()));
        String sql = """
                SELECT id, contains(s, 'a'), contains(s, p), starts_with(s, 'ab'), ends_with(s, ' '),
                       s LIKE '%a_b%', s LIKE 'ü%', s LIKE '%_Zz_', length(s), upper(s), lower(s),
                       substring(s, 2, 3), replace(s, 'a', 'XY'), array_to_string(string_split(s, ','), '|'),
                       regexp_matches(s, '[0-9]{3}'),
                       CASE WHEN regexp_matches(s, 'RE') THEN regexp_extract(s, 'RE', 2) END,
                       trim(s), ltrim(s), rtrim(s), s || p,
                       year(d), month(d), day(d), isodow(d) - 1, dayofyear(d),
                       date_trunc('year', d)::DATE, date_trunc('quarter', d)::DATE, date_trunc('month', d)::DATE,
                       date_trunc('week', d)::DATE,
                       year(ts), month(ts), day(ts), hour(ts), minute(ts), second(ts), isodow(ts) - 1, dayofyear(ts),
                       ts::DATE,
                       epoch_us(date_trunc('month', ts)), epoch_us(date_trunc('week', ts)), epoch_us(date_trunc('day', ts)),
                       epoch_us(date_trunc('hour', ts)), epoch_us(date_trunc('second', ts)),
                       (d + INTERVAL 1 MONTH)::DATE, (d - INTERVAL '1 year 2 months 3 days')::DATE,
                       epoch_us(ts + INTERVAL 13 MONTH), epoch_us(ts + INTERVAL 36 HOUR),
                       epoch_us(d - INTERVAL 90 MINUTE)
                FROM x""".replace("RE", re);
        List<Expression> aliased = new ArrayList<>();
        for (int i = 0; i < floe.size(); i++) {
            aliased.add(floe.get(i).alias("c" + i));
        }
        try (Floe f = SharedCluster.floe(4)) {
            DataFrame df = f.fromColumns(columns).select(aliased.toArray(new Expression[0]));
            List<List<Object>> actual;
            try (Table t = df.toTable()) {
                actual = t.toRows();
            }
            Rows.assertSameRows(joinLists(actual), duck.query(sql));
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
