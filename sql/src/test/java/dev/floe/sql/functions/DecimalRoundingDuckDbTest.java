package dev.floe.sql.functions;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.Expression;
import dev.floe.api.eval.ConstantEvaluator;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * floor, ceil and round of decimals (issue 11, fuzz seed 40 query 118: {@code lit(-9.59).floor()} was
 * typed decimal(3, 2) but held -10.00) against DuckDB, without Flink: over columns of several
 * precisions (negative values, .5 ties, carries into a new digit, 38 digits, values at the 64-bit
 * edges, nulls) and over each value as a literal, evaluated and constant-folded. Through the
 * DataFrame API (API.md: they keep the input type) a value DuckDB computes that fits the input
 * decimal(p, s) is Floe's value at scale s, and one that does not is an error naming the expression,
 * the row and the value; through SQL, which widens for the carry, every value equals DuckDB's.
 */
class DecimalRoundingDuckDbTest {
    @RegisterExtension
    static final DuckOracle DUCK = new DuckOracle();

    private static final String NINES = "99999999999999999999999999999999999999";
    private static final Schema SCHEMA = Schema.of(new Field("a", DataType.decimal(3, 2)),
            new Field("b", DataType.decimal(4, 3)), new Field("c", DataType.decimal(38, 0)),
            new Field("e", DataType.decimal(38, 10)), new Field("f", DataType.decimal(2, 0)));
    private static final String[][] COLUMNS = {
        {"-9.59", "9.59", "9.99", "-9.99", "0.50", "-0.50", "2.50", "-2.50", "1.25", "-1.25", "0.00", "0.01", "-0.01", null},
        {"9.995", "-9.995", "0.005", "-0.005", "9.999", "-9.999", "0.125", "-0.125", "1.500", "-1.500", "0.000", "0.001",
            "5.555", null},
        {"49999999999999999999999999999999999995", "-49999999999999999999999999999999999995",
            "12345678901234567890123456789012345678", "-9223372036854775808", "9223372036854775807", "15", "-15", "5",
            "-5", "0", "94", "-95", "50", null},
        {"9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999", "0.5000000000",
            "-0.5000000000", "123.4567890123", "-123.4550000000", "922337203.6854775807", "-922337203.6854775808",
            "0.0000000001", "-0.0000000001", "99.9950000000", "-0.0049999999", "1.0000000000", null},
        {"95", "-95", "94", "-94", "5", "-5", "99", "-99", "0", "50", "-50", "10", "1", null}};
    private static final int ROWS = COLUMNS[0].length;
    private static Eval eval;

    @BeforeAll
    static void load() {
        DUCK.execute("CREATE TABLE t (n INTEGER, a DECIMAL(3,2), b DECIMAL(4,3), c DECIMAL(38,0), e DECIMAL(38,10),"
                + " f DECIMAL(2,0))");
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (" + r);
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < COLUMNS.length; c++) {
                String v = COLUMNS[c][r];
                sql.append(", ").append(v == null ? "NULL" : "'" + v + "'");
                row.add(v == null ? null : new BigDecimal(v));
            }
            DUCK.execute(sql.append(")").toString());
            rows.add(row);
        }
        eval = new Eval(SCHEMA, rows);
    }

    /** Column, function (floor, ceil, round) and places (round only; null: round(x)). */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Field f : SCHEMA.fields()) {
            out.add(Arguments.of(f.name(), "floor", null));
            out.add(Arguments.of(f.name(), "ceil", null));
            out.add(Arguments.of(f.name(), "round", null));
            for (int places : new int[] {2, 1, 0, -1, -2}) {
                out.add(Arguments.of(f.name(), "round", places));
            }
        }
        return out.stream();
    }

    private static Expression floe(Expression x, String fn, Integer places) {
        return switch (fn) {
            case "floor" -> x.floor();
            case "ceil" -> x.ceil();
            default -> places == null ? x.round() : x.round(places);
        };
    }

    private static String sql(String x, String fn, Integer places) {
        return fn + "(" + x + (places == null ? "" : ", " + places) + ")";
    }

    @ParameterizedTest(name = "{1}({0}, {2}) through the DataFrame API")
    @MethodSource("cases")
    void dataFrameApiKeepsTheInputTypeAndFailsWhereTheCarryDoesNotFit(String column, String fn, Integer places) {
        Expression e = floe(col(column), fn, places);
        DataType type = SCHEMA.field(SCHEMA.indexOf(column)).type();
        assertThat(eval.type(e)).as("type of " + e).isEqualTo(type);
        List<Object> expected = duckValues(sql(column, fn, places));
        int firstMisfit = -1;
        for (int r = 0; r < ROWS - 1 && firstMisfit < 0; r++) {
            firstMisfit = fits((BigDecimal) expected.get(r), type) ? -1 : r;
        }
        if (firstMisfit < 0) {
            List<Object> actual = eval.values(e);
            assertSameValues(e + " as " + type, actual, expected);
            assertFits(e.toString(), actual, type);
        } else {
            int row = firstMisfit;
            assertThatThrownBy(() -> eval.values(e)).as(e + " at row " + row)
                    .hasMessageContaining(overflow(e, row, (BigDecimal) expected.get(row), type));
        }
        List<Object> inputs = eval.values(col(column));
        for (int r = 0; r < ROWS; r++) {
            BigDecimal v = (BigDecimal) inputs.get(r);
            if (v == null) {
                continue;
            }
            Expression constant = floe(lit(v), fn, places);
            DataType constantType = Eval.constant().type(constant);
            assertThat(constantType).as("type of " + constant).isEqualTo(lit(v).node().type(Schema.empty()));
            Optional<Literal> folded = ConstantEvaluator.tryFold(constant.node());
            BigDecimal duck = (BigDecimal) expected.get(r);
            if (!fits(duck, constantType)) {
                // not folded: it fails at run time, as the column does
                assertThatThrownBy(() -> Eval.constant().value(constant)).as(constant.toString())
                        .hasMessageContaining(overflow(constant, 0, duck, constantType));
                assertThat(folded).as("folding " + constant + ", which does not fit").isEmpty();
                continue;
            }
            Object value = Eval.constant().value(constant);
            assertSameValues(constant.toString(), Arrays.asList(value), Arrays.asList(duck));
            assertFits(constant.toString(), Arrays.asList(value), constantType);
            assertThat(folded).as("folding " + constant).isPresent();
            assertThat(folded.get().type()).as("folded type of " + constant).isEqualTo(constantType);
            assertSameValues("folded " + constant, Arrays.asList(folded.get().value()), Arrays.asList(duck));
            assertFits("folded " + constant, Arrays.asList(folded.get().value()), constantType);
        }
    }

    /** The error of a carry that does not fit, as MathKernels words it. */
    private static String overflow(Expression e, int row, BigDecimal duck, DataType type) {
        return "decimal overflow in " + e.node().display() + " at row " + row + ": "
                + duck.setScale(((DataType.Decimal) type).scale()).toPlainString() + " does not fit " + type
                + "; cast to a wider decimal first";
    }

    private static boolean fits(BigDecimal v, DataType type) {
        DataType.Decimal d = (DataType.Decimal) type;
        return v == null || v.setScale(d.scale()).unscaledValue().abs().toString().length() <= d.precision();
    }

    @ParameterizedTest(name = "{1}({0}, {2}) through SQL")
    @MethodSource("cases")
    void sqlFunctionsMatchDuckDb(String column, String fn, Integer places) {
        Expression e = sqlCall(fn, column, places, SCHEMA);
        List<Object> actual = eval.values(e);
        assertSameValues(e.toString(), actual, duckValues(sql(column, fn, places)));
        assertFits(e.toString(), actual, eval.type(e));
    }

    @Test
    void theDataFrameApiKeepsTheInputTypeAndSqlWidensAsDuckDb() {
        Schema s = Schema.of(new Field("p", DataType.decimal(3, 2)), new Field("q", DataType.decimal(38, 0)),
                new Field("r", DataType.decimal(38, 10)), new Field("i", DataType.int32()));
        for (String c : List.of("p", "q", "r", "i")) {
            DataType t = s.field(s.indexOf(c)).type();
            assertThat(col(c).floor().node().type(s)).as("floor(" + c + ")").isEqualTo(t);
            assertThat(col(c).ceil().node().type(s)).as("ceil(" + c + ")").isEqualTo(t);
            for (int d = 3; d >= -3; d--) {
                assertThat(col(c).round(d).node().type(s)).as("round(" + c + ", " + d + ")").isEqualTo(t);
            }
        }
        assertThat(lit(new BigDecimal("-9.59")).floor().node().type(Schema.empty())).isEqualTo(DataType.decimal(3, 2));
        // SQL: DuckDB's types, wide enough for the carry
        assertThat(sqlType("floor", "p", null, s)).isEqualTo(DataType.decimal(2, 0));
        assertThat(sqlType("ceil", "r", null, s)).isEqualTo(DataType.decimal(29, 0));
        assertThat(sqlType("round", "p", 1, s)).isEqualTo(DataType.decimal(3, 1));
        assertThat(sqlType("round", "p", 2, s)).isEqualTo(DataType.decimal(3, 2));
        assertThat(sqlType("round", "r", 3, s)).isEqualTo(DataType.decimal(38, 3));
        assertThat(sqlType("floor", "q", null, s)).isEqualTo(DataType.decimal(38, 0));
        assertThat(sqlType("round", "i", -1, s)).isEqualTo(DataType.int32());
    }

    private static DataType sqlType(String fn, String column, Integer places, Schema s) {
        return sqlCall(fn, column, places, s).node().type(s);
    }

    private static Expression sqlCall(String fn, String column, Integer places, Schema s) {
        List<Expression> args = new ArrayList<>(List.of(col(column)));
        if (places != null) {
            args.add(places < 0 ? SqlArithmetic.negate(SqlLiterals.number(Integer.toString(-places)), "1:1")
                    : SqlLiterals.number(Integer.toString(places)));
        }
        return SqlFunctions.call(fn, args, false, "1:8", s);
    }

    @Test
    void roundingPastThirtyEightDigitsIsAnErrorNamingTheExpressionAndRow() {
        Schema s = Schema.of(new Field("c", DataType.decimal(38, 0)));
        Eval wide = new Eval(s, List.of(List.of(new BigDecimal("5")), List.of(new BigDecimal(NINES))));
        Expression e = col("c").round(-1);
        assertThatThrownBy(() -> wide.values(e))
                .hasMessageContaining("round(c, -1)")
                .hasMessageContaining("row 1")
                .hasMessageContaining("does not fit decimal(38, 0)");
        assertThatThrownBy(() -> wide.values(sqlCall("round", "c", -1, s)))
                .hasMessageContaining("row 1")
                .hasMessageContaining("does not fit decimal(38, 0)");
        assertThat(ConstantEvaluator.tryFold(lit(new BigDecimal(NINES)).round(-1).node())).as("left for run time").isEmpty();
    }

    private static List<Object> duckValues(String expression) {
        List<Object> out = new ArrayList<>();
        for (List<Object> r : DUCK.query("SELECT " + expression + " FROM t ORDER BY n")) {
            out.add(r.get(0));
        }
        return out;
    }

    private static void assertSameValues(String what, List<Object> actual, List<Object> expected) {
        assertThat(actual).as(what + ": row count").hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            if (actual.size() == ROWS && i == ROWS - 1) {
                // the last row is all nulls: null in, null out. DuckDB answers 0 for round(NULL::DECIMAL(3,2), -2)
                // (rounding past the type's digits is folded to the constant 0), which is not SQL's null rule
                assertThat(actual.get(i)).as(what + " of null").isNull();
                continue;
            }
            assertThat(Rows.normalize(actual.get(i))).as(what + " at row " + i + ": Floe " + actual + ", DuckDB " + expected)
                    .isEqualTo(Rows.normalize(expected.get(i)));
        }
    }

    /** Every value has at most the type's digits at its scale (what a DECIMAL(p, s) column may hold). */
    private static void assertFits(String what, List<Object> values, DataType type) {
        if (!(type instanceof DataType.Decimal d)) {
            return;
        }
        for (Object v : values) {
            if (v != null) {
                BigDecimal x = ((BigDecimal) v).setScale(d.scale());
                assertThat(x.unscaledValue().abs().toString().length()).as(what + ": " + x + " must fit " + type)
                        .isLessThanOrEqualTo(d.precision());
            }
        }
    }
}
