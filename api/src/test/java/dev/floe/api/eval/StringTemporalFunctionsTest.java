package dev.floe.api.eval;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code str()} and {@code dt()} expressions compiled with {@link ExprCompiler} over a batch:
 * result types, values with a null row, scalar inputs, an empty batch, names and display text,
 * and the PlanExceptions for wrong input types and bad arguments.
 */
class StringTemporalFunctionsTest {
    private static final DataType UTC_US = DataType.timestamp(TimeUnit.MICROSECOND, "UTC");
    private static final DataType NAIVE_MS = DataType.timestamp(TimeUnit.MILLISECOND, null);

    /** s (string), p (string patterns), d (date), t (timestamp us UTC), w (timestamp ms, no zone), x (int64). */
    private static RecordBatch batch(LeakCheckingAllocator a, int rows) {
        Object[] s = Arrays.copyOf(new Object[] {" Grüße, Welt ", "abc", null}, rows);
        Object[] p = Arrays.copyOf(new Object[] {"Welt", null, "a"}, rows);
        Object[] d = Arrays.copyOf(new Object[] {LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 28), null}, rows);
        Object[] t = Arrays.copyOf(new Object[] {Instant.parse("2024-02-29T23:59:58.5Z"),
                Instant.parse("1969-12-31T00:00:01Z"), null}, rows);
        Object[] w = Arrays.copyOf(new Object[] {LocalDateTime.of(2021, 3, 28, 2, 30, 15),
                LocalDateTime.of(2000, 1, 1, 0, 0), null}, rows);
        Object[] x = Arrays.copyOf(new Object[] {1L, 2L, null}, rows);
        return Batches.with(a.get()).col("s", DataType.string(), s).col("p", DataType.string(), p)
                .col("d", DataType.date(), d).col("t", UTC_US, t).col("w", NAIVE_MS, w)
                .col("x", DataType.int64(), x).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(col("s").str().contains("Welt"), DataType.bool(), Arrays.asList(true, false, null)),
                Arguments.of(col("s").str().contains(col("p")), DataType.bool(), Arrays.asList(true, null, null)),
                Arguments.of(col("s").str().startsWith(" G"), DataType.bool(), Arrays.asList(true, false, null)),
                Arguments.of(col("s").str().endsWith("bc"), DataType.bool(), Arrays.asList(false, true, null)),
                Arguments.of(col("s").str().like("%ü_e%"), DataType.bool(), Arrays.asList(true, false, null)),
                Arguments.of(col("s").str().length(), DataType.int64(), Arrays.asList(13L, 3L, null)),
                Arguments.of(col("s").str().upper(), DataType.string(), Arrays.asList(" GRÜSSE, WELT ", "ABC", null)),
                Arguments.of(col("s").str().lower(), DataType.string(), Arrays.asList(" grüße, welt ", "abc", null)),
                Arguments.of(col("s").str().substr(3, 3), DataType.string(), Arrays.asList("üße", "", null)),
                Arguments.of(col("s").str().substr(1), DataType.string(), Arrays.asList("Grüße, Welt ", "bc", null)),
                Arguments.of(col("s").str().replace("e", "E"), DataType.string(), Arrays.asList(" GrüßE, WElt ", "abc", null)),
                Arguments.of(col("s").str().strip().str().split(", "), DataType.list(DataType.string()),
                        Arrays.asList(List.of("Grüße", "Welt"), List.of("abc"), null)),
                Arguments.of(col("s").str().match("W.lt"), DataType.bool(), Arrays.asList(true, false, null)),
                Arguments.of(col("s").str().extract("(\\p{L}+), (\\p{L}+)", 2), DataType.string(),
                        Arrays.asList("Welt", null, null)),
                Arguments.of(col("s").str().strip(), DataType.string(), Arrays.asList("Grüße, Welt", "abc", null)),
                Arguments.of(col("s").str().lstrip(), DataType.string(), Arrays.asList("Grüße, Welt ", "abc", null)),
                Arguments.of(col("s").str().rstrip(), DataType.string(), Arrays.asList(" Grüße, Welt", "abc", null)),
                Arguments.of(col("s").str().concat(col("p")), DataType.string(), Arrays.asList(" Grüße, Welt Welt", null, null)),
                Arguments.of(lit("<").str().concat(col("p")), DataType.string(), Arrays.asList("<Welt", null, "<a")),
                Arguments.of(lit("ab").str().upper(), DataType.string(), Arrays.asList("AB", "AB", "AB")),
                Arguments.of(lit(null).str().upper(), DataType.string(), Arrays.asList(null, null, null)),
                Arguments.of(col("d").dt().year(), DataType.int32(), Arrays.asList(2024, 1969, null)),
                Arguments.of(col("d").dt().month(), DataType.int32(), Arrays.asList(2, 12, null)),
                Arguments.of(col("d").dt().day(), DataType.int32(), Arrays.asList(29, 28, null)),
                Arguments.of(col("d").dt().dayOfWeek(), DataType.int32(), Arrays.asList(3, 6, null)),
                Arguments.of(col("d").dt().dayOfYear(), DataType.int32(), Arrays.asList(60, 362, null)),
                Arguments.of(col("d").dt().truncate("month"), DataType.date(),
                        Arrays.asList(LocalDate.of(2024, 2, 1), LocalDate.of(1969, 12, 1), null)),
                Arguments.of(col("d").dt().truncate("week"), DataType.date(),
                        Arrays.asList(LocalDate.of(2024, 2, 26), LocalDate.of(1969, 12, 22), null)),
                Arguments.of(col("t").dt().hour(), DataType.int32(), Arrays.asList(23, 0, null)),
                Arguments.of(col("t").dt().minute(), DataType.int32(), Arrays.asList(59, 0, null)),
                Arguments.of(col("t").dt().second(), DataType.int32(), Arrays.asList(58, 1, null)),
                Arguments.of(col("t").dt().date(), DataType.date(),
                        Arrays.asList(LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 31), null)),
                Arguments.of(col("t").dt().truncate("hour"), UTC_US,
                        Arrays.asList(Instant.parse("2024-02-29T23:00:00Z"), Instant.parse("1969-12-31T00:00:00Z"), null)),
                Arguments.of(col("w").dt().hour(), DataType.int32(), Arrays.asList(2, 0, null)),
                Arguments.of(col("w").dt().truncate("year"), NAIVE_MS,
                        Arrays.asList(LocalDateTime.of(2021, 1, 1, 0, 0), LocalDateTime.of(2000, 1, 1, 0, 0), null)),
                Arguments.of(col("d").add(lit(Period.ofMonths(1))), DataType.date(),
                        Arrays.asList(LocalDate.of(2024, 3, 29), LocalDate.of(1970, 1, 28), null)),
                Arguments.of(lit(Period.ofDays(3)).add(col("d")), DataType.date(),
                        Arrays.asList(LocalDate.of(2024, 3, 3), LocalDate.of(1969, 12, 31), null)),
                Arguments.of(col("d").sub(lit(Duration.ofHours(1))), DataType.timestamp(TimeUnit.MICROSECOND, null),
                        Arrays.asList(LocalDateTime.of(2024, 2, 28, 23, 0), LocalDateTime.of(1969, 12, 27, 23, 0), null)),
                Arguments.of(col("t").add(lit(Duration.ofMillis(1500))), UTC_US,
                        Arrays.asList(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("1969-12-31T00:00:02.5Z"), null)),
                Arguments.of(col("d").lt(col("w")), DataType.bool(), Arrays.asList(false, true, null)),
                Arguments.of(col("t").dt().date().eq(col("d")), DataType.bool(), Arrays.asList(true, false, null)),
                Arguments.of(col("w").sub(lit(Period.ofYears(1))), NAIVE_MS,
                        Arrays.asList(LocalDateTime.of(2020, 3, 28, 2, 30, 15), LocalDateTime.of(1999, 1, 1, 0, 0), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(Expression e, DataType type, List<Object> expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("str-dt");
                RecordBatch in = batch(a, 3);
                RecordBatch empty = batch(a, 0)) {
            CompiledExpr compiled = ExprCompiler.compile(e.node(), in.schema());
            assertThat(compiled.type()).as(e.toString()).isEqualTo(type);
            assertThat(e.node().type(in.schema())).isEqualTo(type);
            try (FieldVector out = compiled.evaluate(in, a.get());
                    FieldVector none = compiled.evaluate(empty, a.get())) {
                assertThat(Batches.values(out, type)).as(e.toString()).isEqualTo(expected);
                assertThat(none.getValueCount()).as(e + " on an empty batch").isZero();
            }
        }
    }

    @Test
    void namesAndDisplay() {
        assertThat(col("name").str().upper().node().display()).isEqualTo("upper(name)");
        assertThat(col("name").str().upper().node().name()).isEqualTo("name");
        assertThat(col("s").str().substr(0, 3).toString()).isEqualTo("substr(s, 0, 3)");
        assertThat(col("s").str().substr(2).toString()).isEqualTo("substr(s, 2)");
        assertThat(col("s").str().like("it's%").toString()).isEqualTo("like(s, 'it''s%')");
        assertThat(col("s").str().contains(col("p")).toString()).isEqualTo("contains(s, p)");
        assertThat(col("d").dt().truncate("Months").toString()).isEqualTo("truncate(d, 'month')");
        assertThat(col("d").dt().dayOfWeek().node().name()).isEqualTo("d");
    }

    @Test
    void wrongInputTypesNameTheExpression() {
        Schema schema = Schema.of(new dev.floe.api.types.Field("x", DataType.int64()),
                new dev.floe.api.types.Field("d", DataType.date()), new dev.floe.api.types.Field("s", DataType.string()));
        assertThatThrownBy(() -> col("x").str().upper().node().type(schema)).isInstanceOf(PlanException.class)
                .hasMessageContaining("upper(x)").hasMessageContaining("int64").hasMessageContaining("string");
        assertThatThrownBy(() -> col("s").str().contains(col("x")).node().type(schema)).isInstanceOf(PlanException.class)
                .hasMessageContaining("contains(s, x)").hasMessageContaining("int64");
        assertThatThrownBy(() -> col("s").dt().year().node().type(schema)).isInstanceOf(PlanException.class)
                .hasMessageContaining("year(s)").hasMessageContaining("a date or timestamp");
        assertThatThrownBy(() -> col("d").dt().hour().node().type(schema)).isInstanceOf(PlanException.class)
                .hasMessageContaining("hour(d)").hasMessageContaining("needs a timestamp");
        assertThatThrownBy(() -> col("d").mul(lit(Period.ofDays(1))).node().type(schema)).isInstanceOf(PlanException.class);
    }

    @Test
    void badArgumentsFailWhenBuilt() {
        assertThatThrownBy(() -> col("s").str().match("(")).isInstanceOf(PlanException.class)
                .hasMessageContaining("Invalid regular expression").hasMessageContaining("match(s)");
        assertThatThrownBy(() -> col("s").str().extract("(a)", 2)).isInstanceOf(PlanException.class)
                .hasMessageContaining("has 1 group(s)");
        assertThatThrownBy(() -> col("s").str().substr(-1, 2)).isInstanceOf(PlanException.class)
                .hasMessageContaining("0-based");
        assertThatThrownBy(() -> col("s").str().substr(0, -2)).isInstanceOf(PlanException.class);
        assertThatThrownBy(() -> col("d").dt().truncate("fortnight")).isInstanceOf(PlanException.class)
                .hasMessageContaining("fortnight").hasMessageContaining("quarter");
    }
}
