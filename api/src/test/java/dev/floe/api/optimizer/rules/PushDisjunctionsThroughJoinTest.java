package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.frame;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.JoinType;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Expr;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushDisjunctionsThroughJoin} in isolation, and TPC-H Q19 written naturally through every rule. */
class PushDisjunctionsThroughJoinTest {
    private final Scan l = scan("l", "k", "a");
    private final Scan r = scan("r", "id", "b");

    private static Expr or(Expr left, Expr right) {
        return new Binary(BinaryOp.OR, left, right);
    }

    @Test
    void eachSideOfAnInnerJoinTakesItsOwnDisjunctionAndTheOriginalStaysAbove() {
        LogicalPlan p = new Filter(join(l, r, "k", "id", JoinType.INNER), or(
                and(eq(col("a"), lit(1)), eq(col("b"), lit(2)), gt(col("a"), col("b"))),
                and(eq(col("a"), lit(3)), eq(col("b"), lit(4)))));
        assertRewrites(new PushDisjunctionsThroughJoin(), p, """
                Filter: a = 1 AND b = 2 AND a > b OR a = 3 AND b = 4
                  Join: INNER on k = id
                    Filter: a = 1 OR a = 3
                      Scan: l (0 rows, 0 partitions)
                    Filter: b = 2 OR b = 4
                      Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void onlyASideWithAConjunctInEveryBranchAndNotPaddedWithNullsTakesOne() {
        // the second branch says nothing about b alone: r takes nothing
        LogicalPlan inner = new Filter(join(l, r, "k", "id", JoinType.INNER), or(
                and(eq(col("a"), lit(1)), eq(col("b"), lit(2))), and(eq(col("a"), lit(3)), gt(col("a"), col("b")))));
        assertRewrites(new PushDisjunctionsThroughJoin(), inner, """
                Filter: a = 1 AND b = 2 OR a = 3 AND a > b
                  Join: INNER on k = id
                    Filter: a = 1 OR a = 3
                      Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
        // the right side of a LEFT join is padded with nulls: filtering it would change the padding
        LogicalPlan left = new Filter(join(l, r, "k", "id", JoinType.LEFT), or(
                and(eq(col("a"), lit(1)), eq(col("b"), lit(2))), and(eq(col("a"), lit(3)), eq(col("b"), lit(4)))));
        assertRewrites(new PushDisjunctionsThroughJoin(), left, """
                Filter: a = 1 AND b = 2 OR a = 3 AND b = 4
                  Join: LEFT on k = id
                    Filter: a = 1 OR a = 3
                      Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
        LogicalPlan outer = new Filter(join(l, r, "k", "id", JoinType.OUTER), ((Filter) left).predicate());
        assertDoesNotFire(new PushDisjunctionsThroughJoin(), outer);
    }

    @Test
    void doesNotFireOnADisjunctionOfOneSide() {
        assertDoesNotFire(new PushDisjunctionsThroughJoin(), new Filter(join(l, r, "k", "id", JoinType.INNER),
                or(eq(col("a"), lit(1)), eq(col("a"), lit(3)))));
    }

    private static final Schema LINEITEM = Schema.of(
            Field.of("l_partkey", DataType.int64()), Field.of("l_quantity", DataType.float64()),
            Field.of("l_extendedprice", DataType.float64()), Field.of("l_discount", DataType.float64()),
            Field.of("l_shipmode", DataType.string()), Field.of("l_shipinstruct", DataType.string()),
            Field.of("l_comment", DataType.string()));
    private static final Schema PART = Schema.of(
            Field.of("p_partkey", DataType.int64()), Field.of("p_brand", DataType.string()),
            Field.of("p_size", DataType.int32()), Field.of("p_container", DataType.string()),
            Field.of("p_comment", DataType.string()));

    private static Expression q19Branch(String brand, String size, int quantity, int maxSize) {
        return Functions.col("p_brand").eq(Functions.lit(brand))
                .and(Functions.col("p_container").isIn(size + " CASE", size + " BOX", size + " PACK", size + " PKG"))
                .and(Functions.col("l_quantity").between(Functions.lit(quantity), Functions.lit(quantity + 10)))
                .and(Functions.col("p_size").between(Functions.lit(1), Functions.lit(maxSize)))
                .and(Functions.col("l_shipmode").isIn("AIR", "AIR REG"))
                .and(Functions.col("l_shipinstruct").eq(Functions.lit("DELIVER IN PERSON")));
    }

    /** TPC-H Q19 as its SQL text reads: join, then the three branches, each repeating the shipping predicates. */
    static DataFrame naturalQ19(DataFrame lineitem, DataFrame part) {
        return lineitem.join(part, List.of(Functions.col("l_partkey")), List.of(Functions.col("p_partkey")), JoinType.INNER)
                .where(q19Branch("Brand#12", "SM", 1, 5).or(q19Branch("Brand#23", "MED", 10, 10))
                        .or(q19Branch("Brand#34", "LG", 20, 15)))
                .agg(Functions.col("l_extendedprice").mul(Functions.lit(1).sub(Functions.col("l_discount"))).sum()
                        .alias("revenue"));
    }

    @Test
    void naturalQ19FiltersBothScansBeforeTheJoin() {
        DataFrame lineitem = frame(Scan.of(new InMemorySource("lineitem", LINEITEM, List.of())));
        DataFrame part = frame(Scan.of(new InMemorySource("part", PART, List.of())));
        assertThat(PlanPrinter.print(naturalQ19(lineitem, part).optimizedPlan())).isEqualTo("""
                Aggregate: sum(l_extendedprice * (1 - l_discount)) AS revenue
                  Filter: p_brand = 'Brand#12' AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG') \
                AND l_quantity BETWEEN 1 AND 11 AND p_size BETWEEN 1 AND 5 OR p_brand = 'Brand#23' \
                AND p_container IN ('MED CASE', 'MED BOX', 'MED PACK', 'MED PKG') AND l_quantity BETWEEN 10 AND 20 \
                AND p_size BETWEEN 1 AND 10 OR p_brand = 'Brand#34' AND p_container IN ('LG CASE', 'LG BOX', 'LG PACK', \
                'LG PKG') AND l_quantity BETWEEN 20 AND 30 AND p_size BETWEEN 1 AND 15
                    Join: INNER on l_partkey = p_partkey
                      Scan: lineitem (0 rows, 0 partitions) columns=[l_partkey, l_quantity, l_extendedprice, \
                l_discount] filters=[l_shipmode IN ('AIR', 'AIR REG'), l_shipinstruct = 'DELIVER IN PERSON', \
                l_quantity BETWEEN 1 AND 11 OR l_quantity BETWEEN 10 AND 20 OR l_quantity BETWEEN 20 AND 30]
                      Scan: part (0 rows, 0 partitions) columns=[p_partkey, p_brand, p_size, p_container] \
                filters=[p_brand = 'Brand#12' AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG') \
                AND p_size BETWEEN 1 AND 5 OR p_brand = 'Brand#23' AND p_container IN ('MED CASE', 'MED BOX', \
                'MED PACK', 'MED PKG') AND p_size BETWEEN 1 AND 10 OR p_brand = 'Brand#34' AND p_container IN \
                ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG') AND p_size BETWEEN 1 AND 15]
                """);
    }
}
