package dev.floe.api.eval;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.udf;
import static dev.floe.api.Functions.udfRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.ExecutionException;
import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Series;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vectorized and row-wise UDFs: results with nulls and on empty batches, ownership of the
 * returned Series (no leak, whether built with Series.of or returned from the inputs), Java
 * serialization of a capturing lambda, and failures that name the UDF and the row's values.
 */
class UdfTest {

    /** x (int64) = 1, 2, null, 4; s (string) = "a", null, "ccc", "dd". */
    private static RecordBatch batch(LeakCheckingAllocator a, int rows) {
        Object[] x = Arrays.copyOf(new Object[] {1L, 2L, null, 4L}, rows);
        Object[] s = Arrays.copyOf(new Object[] {"a", null, "ccc", "dd"}, rows);
        return Batches.with(a.get()).col("x", DataType.int64(), x).col("s", DataType.string(), s).build();
    }

    /** A vectorized x + k built with Series.of (boxing is fine in a test). */
    private static Series plus(Series in, long k) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < in.length(); i++) {
            out.add(in.isNull(i) ? null : in.getLong(i) + k);
        }
        return Series.of("out", DataType.int64(), out);
    }

    static Stream<Arguments> cases() {
        long captured = 10;
        return Stream.of(
                Arguments.of("vectorized plus captured local", udf("plus10", DataType.int64(),
                        in -> plus(in[0], captured), col("x")), DataType.int64(), Arrays.asList(11L, 12L, null, 14L)),
                Arguments.of("vectorized returning its input", udf("same", DataType.string(), in -> in[0], col("s")),
                        DataType.string(), Arrays.asList("a", null, "ccc", "dd")),
                Arguments.of("vectorized with a literal argument", udf("second", DataType.int64(),
                        in -> in[1], col("x"), lit(7L)), DataType.int64(), Arrays.asList(7L, 7L, 7L, 7L)),
                Arguments.of("row-wise with nulls", udfRow("describe", DataType.string(),
                        row -> row[0] + "/" + row[1], col("x"), col("s")), DataType.string(),
                        Arrays.asList("1/a", "2/null", "null/ccc", "4/dd")),
                Arguments.of("row-wise returning null", udfRow("len", DataType.int32(),
                        row -> row[0] == null ? null : ((String) row[0]).length(), col("s")), DataType.int32(),
                        Arrays.asList(1, null, 3, 2)),
                Arguments.of("row-wise without arguments", udfRow("one", DataType.int64(), row -> 1L),
                        DataType.int64(), Arrays.asList(1L, 1L, 1L, 1L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String what, Expression e, DataType type, List<Object> expected) throws Exception {
        Expr shipped = roundTrip(e.node());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("udf");
                RecordBatch in = batch(a, 4);
                RecordBatch empty = batch(a, 0)) {
            for (Expr expr : List.of(e.node(), shipped)) {
                CompiledExpr compiled = ExprCompiler.compile(expr, in.schema());
                assertThat(compiled.type()).isEqualTo(type);
                try (FieldVector out = compiled.evaluate(in, a.get());
                        FieldVector none = compiled.evaluate(empty, a.get())) {
                    assertThat(Batches.values(out, type)).as(what).isEqualTo(expected);
                    assertThat(none.getValueCount()).as(what + " on an empty batch").isZero();
                }
            }
        }
    }

    @Test
    void rowWiseFailureNamesTheUdfRowAndValues() {
        Expression e = udfRow("parse", DataType.int64(), row -> Long.parseLong((String) row[0]), col("s"), col("x"));
        assertThatThrownBy(() -> run(e))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("UDF 'parse' failed on the row (s='a', x=1)")
                .hasMessageNotContaining("at row")
                .hasMessageContaining("NumberFormatException");
    }

    @Test
    void rowWiseResultOfTheWrongClassIsNamed() {
        Expression e = udfRow("bad", DataType.int64(), row -> "text", col("x"));
        assertThatThrownBy(() -> run(e))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("UDF 'bad' returned 'text' (String) on the row (x=1), which is not a int64 value");
    }

    @Test
    void vectorizedFailureNamesTheUdfAndTheFirstRow() {
        Expression e = udf("boom", DataType.int64(), in -> {
            throw new IllegalStateException("model not loaded");
        }, col("x"), col("s"));
        assertThatThrownBy(() -> run(e))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("UDF 'boom' failed on a batch of 4 rows (first row: (x=1, s='a'))")
                .hasMessageContaining("model not loaded");
    }

    @Test
    void vectorizedResultMustHaveTheDeclaredTypeAndLength() {
        Expression wrongType = udf("f", DataType.float64(), in -> plus(in[0], 1), col("x"));
        assertThatThrownBy(() -> run(wrongType)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("UDF 'f' declares float64 but returned a int64 series");
        Expression wrongLength = udf("g", DataType.int64(), in -> Series.of("o", DataType.int64(), List.of(1L)),
                col("x"));
        assertThatThrownBy(() -> run(wrongLength)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("UDF 'g' returned 1 values for a batch of 4 rows");
    }

    @Test
    void udfsAreNotFoldedAtPlanningTime() {
        Expression e = udfRow("now", DataType.int64(), row -> System.nanoTime(), lit(1));
        assertThat(ConstantEvaluator.tryFold(e.node())).isEmpty();
    }

    @Test
    void nameIsRequired() {
        assertThatThrownBy(() -> udfRow(" ", DataType.int64(), row -> 1L))
                .isInstanceOf(PlanException.class).hasMessageContaining("non-blank name");
        assertThat(udfRow("twice", DataType.int64(), row -> 1L, col("x")).toString()).isEqualTo("twice(x)");
    }

    private static void run(Expression e) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("udf-failure");
                RecordBatch in = batch(a, 4)) {
            CompiledExpr compiled = ExprCompiler.compile(e.node(), in.schema());
            compiled.evaluate(in, a.get()).close();
        }
    }

    private static Expr roundTrip(Expr e) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Expr) in.readObject();
        }
    }
}
