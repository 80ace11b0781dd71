package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.cross;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.frame;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.JoinType;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Udf;
import dev.floe.api.plan.ConditionJoins;
import dev.floe.api.plan.FileFormat;
import dev.floe.api.plan.FileSource;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ReorderJoins} in isolation, and two FROM orders of one 4-table comma join through every rule. */
class ReorderJoinsTest {
    /** A Parquet scan of one file of {@code bytes} bytes whose columns are int64. */
    private static Scan table(String name, long bytes, String... columns) {
        Field[] fields = new Field[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fields[i] = Field.of(columns[i], DataType.int64());
        }
        return Scan.of(new FileSource(new FileFormat.Parquet(), List.of(name), List.of(name + ".parquet"),
                List.of(bytes), Schema.of(fields)));
    }

    private final Scan f = table("f", 1_000_000_000L, "fk1", "fk2", "fk3", "v");
    private final Scan d1 = table("d1", 1_000_000L, "k1", "a");
    private final Scan d2 = table("d2", 100_000L, "k2", "b");
    private final Scan d3 = table("d3", 10_000L, "k3", "c");

    @Test
    void theFactTableComesFirstThenTheConnectedTableGivingTheSmallestResult() {
        // d1 is the largest dimension but its filter (= : 0.1) beats d2's (> : 0.33); d3 is filtered by nothing
        LogicalPlan p = new Filter(cross(cross(cross(d3, d1), d2), f), and(eq(col("fk1"), col("k1")),
                eq(col("k2"), col("fk2")), eq(col("fk3"), col("k3")), eq(col("a"), lit(1)), gt(col("b"), lit(2))));
        assertRewrites(new ReorderJoins(), p, """
                Project: k3, c, k1, a, k2, b, fk1, fk2, fk3, v
                  Filter: fk1 = k1 AND k2 = fk2 AND fk3 = k3 AND a = 1 AND b > 2
                    CrossJoin
                      CrossJoin
                        CrossJoin
                          Scan: parquet f (1 file)
                          Scan: parquet d1 (1 file)
                        Scan: parquet d2 (1 file)
                      Scan: parquet d3 (1 file)
                """);
    }

    @Test
    void aTableNoEqualityConnectsComesLastSoNoCrossJoinComesEarlier() {
        // d3 is the smallest, but only d2 connects to d3: d1 joins before it
        LogicalPlan p = new Filter(cross(cross(d3, d1), f), and(eq(col("fk1"), col("k1")), gt(col("c"), col("v"))));
        assertRewrites(new ReorderJoins(), p, """
                Project: k3, c, k1, a, fk1, fk2, fk3, v
                  Filter: fk1 = k1 AND c > v
                    CrossJoin
                      CrossJoin
                        Scan: parquet f (1 file)
                        Scan: parquet d1 (1 file)
                      Scan: parquet d3 (1 file)
                """);
    }

    @Test
    void doesNotFireOnTwoTablesSharedNamesAUserFunctionOrAnOrderAlreadyChosen() {
        assertDoesNotFire(new ReorderJoins(), new Filter(cross(d1, f), eq(col("fk1"), col("k1"))));
        Scan sameNames = table("e", 10L, "k1", "e");
        assertDoesNotFire(new ReorderJoins(), new Filter(cross(cross(d1, f), sameNames),
                eq(col("fk1"), col("k1"))));
        Expr random = gt(new Udf("random", DataType.int64(), null, row -> 4L, List.of(col("a"))), lit(3));
        assertDoesNotFire(new ReorderJoins(), new Filter(cross(cross(d1, d2), f),
                and(eq(col("fk1"), col("k1")), eq(col("fk2"), col("k2")), random)));
        assertDoesNotFire(new ReorderJoins(), new Filter(cross(cross(f, d1), d2),
                and(eq(col("fk1"), col("k1")), eq(col("fk2"), col("k2")))));
    }

    private static DataFrame commaJoin(List<Scan> from) {
        DataFrame df = frame(from.get(0));
        for (Scan s : from.subList(1, from.size())) {
            df = df.crossJoin(frame(s));
        }
        Expression where = Functions.col("fk1").eq(Functions.col("k1")).and(Functions.col("k2").eq(Functions.col("fk2")))
                .and(Functions.col("fk3").eq(Functions.col("k3"))).and(Functions.col("a").eq(Functions.lit(1L)))
                .and(Functions.col("k3").lt(Functions.lit(5L)));
        return df.where(where).select("v", "a", "b");
    }

    @Test
    void twoFromOrdersOfOneFourTableJoinGiveOnePlan() {
        String expected = """
                Project: v, a, b
                  Join: INNER on fk2 = k2
                    Join: INNER on fk3 = k3
                      Join: INNER on fk1 = k1
                        Scan: parquet f (1 file) filters=[fk3 < 5]
                        Scan: parquet d1 (1 file) filters=[a = 1]
                      Scan: parquet d3 (1 file) columns=[k3] filters=[k3 < 5]
                    Scan: parquet d2 (1 file)
                """;
        String factFirst = PlanPrinter.print(commaJoin(List.of(f, d1, d2, d3)).optimizedPlan());
        String factLast = PlanPrinter.print(commaJoin(List.of(d3, d2, d1, f)).optimizedPlan());
        assertThat(factFirst).isEqualTo(factLast).isEqualTo(expected);
    }

    @Test
    void keyedInnerJoinsUnderALeftJoinAreOrderedWithTheFilterConjunctsOverThem() {
        // written fact first, then the dimension nothing filters; the filter sits above a LEFT join
        LogicalPlan chain = on(on(on(f, d3, eq(col("fk3"), col("k3"))), d2, eq(col("fk2"), col("k2"))), d1,
                eq(col("fk1"), col("k1")));
        LogicalPlan p = new Filter(join(chain, table("r", 1_000L, "rk", "x"), "v", "rk", JoinType.LEFT),
                and(eq(col("a"), lit(1)), gt(col("x"), lit(0)), gt(col("b"), lit(2))));
        assertRewrites(new ReorderJoins(), p, """
                Filter: x > 0
                  Join: LEFT on v = rk
                    Project: fk1, fk2, fk3, v, k3, c, k2, b, k1, a
                      Filter: a = 1 AND b > 2 AND fk3 = k3 AND fk2 = k2 AND fk1 = k1
                        CrossJoin
                          CrossJoin
                            CrossJoin
                              Scan: parquet f (1 file)
                              Scan: parquet d1 (1 file)
                            Scan: parquet d2 (1 file)
                          Scan: parquet d3 (1 file)
                    Scan: parquet r (1 file)
                """);
    }

    /** SQL's {@code l JOIN r ON condition}. */
    private static LogicalPlan on(LogicalPlan l, LogicalPlan r, Expr condition) {
        return ConditionJoins.of(l, r, condition, JoinType.INNER);
    }

    @Test
    void aKeyJoinOfTheDataFrameApiStaysWhereTheProgramPutIt() {
        LogicalPlan chain = join(join(f, d3, "fk3", "k3", JoinType.INNER), d1, "fk1", "k1", JoinType.INNER);
        assertDoesNotFire(new ReorderJoins(), new Filter(chain, eq(col("a"), lit(1))));
    }

    @Test
    void joinOnClausesInAnyOrderGiveThePlanOfTheCommaJoin() {
        Expression where = Functions.col("a").eq(Functions.lit(1L)).and(Functions.col("k3").lt(Functions.lit(5L)));
        DataFrame explicit = frame(d3)
                .join(frame(f), Functions.col("fk3").eq(Functions.col("k3")), JoinType.INNER)
                .join(frame(d2), Functions.col("k2").eq(Functions.col("fk2")), JoinType.INNER)
                .join(frame(d1), Functions.col("fk1").eq(Functions.col("k1")), JoinType.INNER)
                .where(where).select("v", "a", "b");
        assertThat(PlanPrinter.print(explicit.optimizedPlan()))
                .isEqualTo(PlanPrinter.print(commaJoin(List.of(f, d1, d2, d3)).optimizedPlan()));
    }
}
