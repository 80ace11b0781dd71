package dev.floe.sql.functions;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scalar SQL function mapping and operator rule, evaluated by Floe's kernels (no Flink) and by
 * DuckDB on the same small table with nulls: same values row by row. Each case is written once, as a
 * function name and arguments ({@code @x} a column, other strings SQL literals), and rendered both as
 * SQL text for DuckDB and as a {@link SqlFunctions#call} for Floe.
 */
class SqlFunctionsDuckDbTest {
    @RegisterExtension
    static final DuckOracle DUCK = new DuckOracle();

    static final Schema SCHEMA = Schema.of(new Field("i", DataType.int32()), new Field("j", DataType.int64()),
            new Field("d", DataType.decimal(7, 2)), new Field("e", DataType.decimal(5, 1)),
            new Field("x", DataType.float64()), new Field("s", DataType.string()), new Field("u", DataType.string()),
            new Field("dt", DataType.date()), new Field("ts", DataType.timestamp(TimeUnit.MICROSECOND, null)),
            new Field("b", DataType.bool()));

    static final List<List<Object>> ROWS = List.of(
            row(1, 10L, "12.34", "-3.5", 1.5, "Hello World", "lo", LocalDate.of(1995, 3, 15),
                    LocalDateTime.of(1995, 3, 15, 10, 30, 5), true),
            row(-7, 3L, "-0.05", "2.5", -2.5, "  padded  ", "ad", LocalDate.of(2000, 2, 29),
                    LocalDateTime.of(2000, 12, 31, 23, 59, 59), false),
            row(0, -4L, "99999.99", "0.0", 2.5, "ünïcödé", "ü", LocalDate.of(1970, 1, 1),
                    LocalDateTime.of(1970, 1, 1, 0, 0, 0), true),
            row(null, null, null, null, null, null, null, null, null, null),
            row(42, 42L, "1.00", "10.0", 1e10, "", "", LocalDate.of(1999, 12, 31),
                    LocalDateTime.of(2024, 6, 30, 12, 0, 0), null));

    static final Eval EVAL = new Eval(SCHEMA, ROWS);

    private static List<Object> row(Object... values) {
        List<Object> r = new ArrayList<>(Arrays.asList(values));
        if (r.get(2) instanceof String s) {
            r.set(2, new BigDecimal(s));
        }
        if (r.get(3) instanceof String s) {
            r.set(3, new BigDecimal(s));
        }
        return r;
    }

    @BeforeAll
    static void load() {
        DUCK.execute("CREATE TABLE t (i INTEGER, j BIGINT, d DECIMAL(7,2), e DECIMAL(5,1), x DOUBLE, s VARCHAR, "
                + "u VARCHAR, dt DATE, ts TIMESTAMP, b BOOLEAN, n INTEGER)");
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < ROWS.size(); r++) {
            List<Object> copy = new ArrayList<>(ROWS.get(r));
            copy.replaceAll(v -> v instanceof LocalDate d ? java.sql.Date.valueOf(d)
                    : v instanceof LocalDateTime t ? java.sql.Timestamp.valueOf(t) : v);
            copy.add(r);
            rows.add(copy);
        }
        DUCK.insert("t", SCHEMA.size() + 1, rows);
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                // strings
                c("substring", "@s", "2", "3"), c("substring", "@s", "0", "3"), c("substr", "@s", "3"),
                c("substring", "@s", "20", "2"), c("upper", "@s"), c("lower", "@s"), c("ucase", "@s"),
                c("trim", "@s"), c("ltrim", "@s"), c("rtrim", "@s"), c("length", "@s"), c("char_length", "@s"),
                c("concat", "@s", "'-'", "@u"), c("concat", "'store'", "@i"), c("concat", "@s", "@d", "@dt"),
                c("replace", "@s", "'l'", "'L'"), c("starts_with", "@s", "'He'"), c("ends_with", "@s", "@u"),
                c("contains", "@s", "@u"), c("regexp_matches", "@s", "'o.W'"), c("left", "@s", "4"),
                c("regexp_extract", "@s", "'([a-z]+) ([A-Z])'", "1"), c("right", "@s", "3"), c("lpad", "@s", "8", "'*'"),
                c("rpad", "@u", "3", "'.'"), c("reverse", "@s"), c("repeat", "@u", "3"), c("translate", "@s", "'lo'", "'0'"),
                c("strpos", "@s", "@u"), c("instr", "@s", "'o'"),
                c("split_part", "@s", "' '", "2"), c("split_part", "@s", "'l'", "-1"), c("concat_ws", "'-'", "@s", "@u", "@i"),
                c("regexp_replace", "@s", "'l+'", "'L'"), c("regexp_replace", "@s", "'l+'", "'L'", "'g'"),
                c("regexp_replace", "@s", "'(o)(.)'", "'<\\2\\1$>'"), c("regexp_replace", "@s", "'(o)'", "'[\\1]'", "'g'"),
                // math
                c("abs", "@i"), c("abs", "@d"), c("abs", "@x"), c("ceil", "@x"), c("ceiling", "@d"), c("floor", "@e"),
                c("floor", "@x"), c("round", "@x"), c("round", "@d", "1"), c("round", "@e"), c("round", "@x", "1"),
                c("round", "@d", "-1"), c("sqrt", "@x"), c("exp", "@x"), c("ln", "@x"), c("sign", "@i"),
                c("sign", "@x"), c("mod", "@i", "3"), c("mod", "@i", "@j"), c("pi"), c("power", "@x", "2"),
                c("pow", "@i", "@e"), c("log", "@x"), c("log10", "@j"), c("log2", "@x"), c("log", "2", "@x"),
                c("cbrt", "@x"), c("sin", "@x"), c("atan2", "@x", "@i"), c("degrees", "@x"), c("isnan", "@x"),
                // conditionals
                c("coalesce", "@i", "@j", "0"), c("coalesce", "@d", "@e"), c("ifnull", "@s", "'none'"),
                c("nullif", "@i", "0"), c("greatest", "@i", "@j"), c("least", "@i", "@j", "5"),
                c("greatest", "@d", "@e"), c("least", "@dt", "DATE '1999-01-01'"),
                // dates
                c("year", "@dt"), c("month", "@dt"), c("day", "@dt"), c("quarter", "@dt"), c("dayofweek", "@dt"),
                c("isodow", "@dt"), c("dayofyear", "@dt"), c("dayofmonth", "@ts"), c("hour", "@ts"),
                c("minute", "@ts"), c("second", "@ts"), c("year", "@ts"), c("date_part", "'year'", "@dt"),
                c("date_part", "'doy'", "@ts"), c("date_part", "'dow'", "@ts"), c("date_part", "'quarter'", "@ts"),
                c("week", "@dt"), c("weekofyear", "@ts"), c("date_part", "'week'", "@dt"),
                c("date", "'1994-01-01'"), c("date", "@ts"), c("date_diff", "'day'", "@dt", "DATE '1996-07-04'"),
                c("date_diff", "'month'", "@dt", "DATE '1996-07-04'"), c("date_diff", "'year'", "DATE '1996-07-04'", "@dt"),
                c("date_diff", "'quarter'", "@dt", "DATE '1996-07-04'"), c("date_diff", "'week'", "@dt", "DATE '1996-07-04'"),
                c("datediff", "'hour'", "@ts", "TIMESTAMP '1999-06-30 07:45:10'"),
                c("date_diff", "'minute'", "TIMESTAMP '1999-06-30 07:45:10'", "@ts"),
                c("date_diff", "'second'", "@ts", "TIMESTAMP '1999-06-30 07:45:10'"),
                c("date_diff", "'day'", "@ts", "TIMESTAMP '1999-06-30 07:45:10'"),
                c("date_add", "@dt", "INTERVAL '40' DAY"), c("last_day", "@dt"), c("last_day", "@ts"),
                c("dayname", "@dt"), c("monthname", "@ts"), c("trunc", "@x"), c("trunc", "@e"), c("trunc", "@i"),
                c("if", "@b", "@i", "@j"), c("if", "@b", "@s", "'no'"));
    }

    static Stream<Arguments> operators() {
        return Stream.of(
                o("+", "@i", "@j"), o("-", "@d", "@e"), o("*", "@d", "@e"), o("/", "@i", "@j"), o("/", "@d", "@e"),
                o("/", "@i", "2"), o("//", "@j", "3"), o("%", "@j", "3"), o("+", "@d", "1"), o("*", "@d", "1.0000"),
                o("+", "@x", "@d"), o("||", "@s", "@u"), o("||", "@s", "@i"), o("+", "@dt", "5"), o("-", "@dt", "30"),
                o("+", "@dt", "@i"), o("-", "@dt", "DATE '1995-01-01'"), o("+", "@dt", "INTERVAL '3' MONTH"),
                o("-", "@dt", "INTERVAL '1' YEAR"), o("+", "@dt", "INTERVAL '30 days'"),
                o("+", "@ts", "INTERVAL '2' HOUR"), o("<", "@dt", "'1999-02-01'"), o(">=", "@ts", "'2000-01-01'"),
                o("=", "@i", "'42'"), o("<>", "@d", "12.34"), o(">", "@d", "1e3"), o("<", "@x", "1.5"),
                o("IS NOT DISTINCT FROM", "@i", "@j"), o("IS DISTINCT FROM", "@s", "@u"), o("//", "@i", "@j"), o("//", "@x", "2"));
    }

    static Stream<Arguments> casts() {
        return Stream.of(
                k("@d", "INTEGER"), k("@d", "BIGINT"), k("@d", "DOUBLE"), k("@d", "DECIMAL(8,1)"), k("@d", "DECIMAL(9,0)"), k("2.675", "DECIMAL(5,2)"), k("-0.125", "DECIMAL(5,2)"), k("@d", "VARCHAR"),
                k("@e", "DECIMAL(9,3)"), k("@x", "DECIMAL(14,2)"), k("@x", "DECIMAL(14,1)"), k("@i", "DECIMAL(7,2)"),
                k("@i", "DOUBLE"), k("@i", "VARCHAR"), k("@i", "BOOLEAN"), k("@i", "SMALLINT"), k("@j", "INTEGER"),
                k("@dt", "VARCHAR"), k("@dt", "TIMESTAMP"), k("@ts", "DATE"), k("@ts", "VARCHAR"), k("@b", "VARCHAR"),
                k("@b", "INTEGER"), k("'12'", "INTEGER"), k("'1.5'", "DECIMAL(5,2)"), k("'2000-03-11'", "DATE"),
                k("'2000-03-11 10:00:00'", "TIMESTAMP"), k("'true'", "BOOLEAN"), k("'-7'", "BIGINT"),
                k("1.5", "INTEGER"), k("2.5", "INTEGER"), k("-2.5", "INTEGER"), k("@x", "REAL"));
    }

    static Stream<Arguments> tryCasts() {
        return Stream.of(k("@x", "SMALLINT"), k("@x", "INTEGER"), k("@s", "INTEGER"), k("@s", "DATE"), k("@x", "BIGINT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casts")
    void castMatchesDuckDb(String label, String[] c) {
        Expression floe = SqlTypes.cast(floeArg(c[0]), SqlTypes.parse(c[1], "1:1"), false, "1:1", SCHEMA);
        assertSame(floe, "CAST(" + sqlArg(c[0]) + " AS " + c[1] + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tryCasts")
    void tryCastMatchesDuckDb(String label, String[] c) {
        Expression floe = SqlTypes.cast(floeArg(c[0]), SqlTypes.parse(c[1], "1:1"), true, "1:1", SCHEMA);
        assertSame(floe, "TRY_CAST(" + sqlArg(c[0]) + " AS " + c[1] + ")");
    }

    @org.junit.jupiter.api.Test
    void betweenAndInConvertStringConstantsAndKeepSqlNulls() {
        assertSame(SqlArithmetic.between(col("dt"), floeArg("'1995-01-01'"), SqlLiterals.date("2000-01-01"), "1:1",
                SCHEMA), "dt BETWEEN '1995-01-01' AND DATE '2000-01-01'");
        assertSame(SqlArithmetic.between(col("d"), floeArg("-1"), floeArg("'100'"), "1:1", SCHEMA),
                "d BETWEEN -1 AND '100'");
        assertSame(SqlArithmetic.in(col("i"), List.of(floeArg("1"), floeArg("'42'"), floeArg("5")), "1:1", SCHEMA),
                "i IN (1, '42', 5)");
        assertSame(SqlArithmetic.in(col("i"), List.of(floeArg("1"), SqlLiterals.nullValue()), "1:1", SCHEMA),
                "i IN (1, NULL)");
        assertSame(SqlArithmetic.in(col("i"), List.of(floeArg("1"), SqlLiterals.nullValue()), "1:1", SCHEMA).not(),
                "i NOT IN (1, NULL)");
        assertSame(SqlArithmetic.in(col("j"), List.of(col("i"), floeArg("3")), "1:1", SCHEMA), "j IN (i, 3)");
        assertSame(SqlArithmetic.in(col("dt"), List.of(floeArg("'1995-03-15'"), floeArg("'1970-01-01'")), "1:1",
                SCHEMA), "dt IN ('1995-03-15', '1970-01-01')");
    }

    private static Arguments k(String value, String type) {
        return Arguments.of("CAST(" + sqlArg(value) + " AS " + type + ")", new String[] {value, type});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionMatchesDuckDb(String label, String[] c) {
        List<Expression> args = new ArrayList<>();
        List<String> sqlArgs = new ArrayList<>();
        for (int k = 1; k < c.length; k++) {
            args.add(floeArg(c[k]));
            sqlArgs.add(sqlArg(c[k]));
        }
        Expression floe = SqlFunctions.call(c[0], args, false, "1:8", SCHEMA);
        assertSame(floe, c[0] + "(" + String.join(", ", sqlArgs) + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void operatorMatchesDuckDb(String label, String[] c) {
        Expression floe = SqlArithmetic.binary(c[1], floeArg(c[2]), floeArg(c[3]), "1:8", SCHEMA);
        assertSame(floe, sqlArg(c[2]) + " " + c[1] + " " + sqlArg(c[3]));
    }

    private static void assertSame(Expression floe, String sql) {
        List<Object> actual = EVAL.values(floe);
        List<List<Object>> expected = DUCK.query("SELECT " + sql + " FROM t ORDER BY n");
        List<List<Object>> actualRows = new ArrayList<>();
        for (Object v : actual) {
            actualRows.add(new ArrayList<>(Arrays.asList(comparable(v))));
        }
        List<List<Object>> expectedRows = new ArrayList<>();
        for (List<Object> r : expected) {
            expectedRows.add(new ArrayList<>(Arrays.asList(comparable(r.get(0)))));
        }
        String diff = null;
        for (int i = 0; i < actualRows.size() && diff == null; i++) {
            if (!Rows.rowEquals(Rows.normalizeAll(List.of(actualRows.get(i))).get(0),
                    Rows.normalizeAll(List.of(expectedRows.get(i))).get(0))) {
                diff = "row " + i + ": Floe " + actualRows.get(i) + ", DuckDB " + expectedRows.get(i);
            }
        }
        assertThat(diff).as(sql + " as " + floe + "\n Floe:   " + actualRows + "\n DuckDB: " + expectedRows).isNull();
    }

    /**
     * Values both engines print alike: a date and the midnight timestamp DuckDB gives for date ± interval
     * compare equal, as do a Period and the interval DuckDB returns.
     */
    private static Object comparable(Object v) {
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        return v;
    }

    static Expression floeArg(String a) {
        if (a.startsWith("@")) {
            return col(a.substring(1));
        }
        if (a.startsWith("'")) {
            return SqlLiterals.string(a.substring(1, a.length() - 1));
        }
        if (a.startsWith("TIMESTAMP ")) {
            return SqlLiterals.timestamp(a.substring(11, a.length() - 1));
        }
        if (a.startsWith("DATE ")) {
            return SqlLiterals.date(a.substring(6, a.length() - 1));
        }
        if (a.startsWith("INTERVAL ")) {
            String rest = a.substring(9);
            int close = rest.lastIndexOf('\'');
            String unit = rest.substring(close + 1).trim();
            return SqlLiterals.interval(rest.substring(1, close), unit.isEmpty() ? null : unit);
        }
        if (a.startsWith("-")) {
            return SqlArithmetic.negate(SqlLiterals.number(a.substring(1)), "1:1");
        }
        return SqlLiterals.number(a);
    }

    static String sqlArg(String a) {
        return a.startsWith("@") ? a.substring(1) : a;
    }

    private static Arguments c(String name, String... args) {
        String[] out = new String[args.length + 1];
        out[0] = name;
        System.arraycopy(args, 0, out, 1, args.length);
        return Arguments.of(name + "(" + String.join(", ", args).replace("@", "") + ")", out);
    }

    private static Arguments o(String op, String l, String r) {
        String label = sqlArg(l) + " " + op + " " + sqlArg(r);
        return Arguments.of(label, new String[] {label, op, l, r});
    }
}
