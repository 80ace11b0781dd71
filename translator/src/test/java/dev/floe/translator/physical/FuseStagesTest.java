package dev.floe.translator.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Literal;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.operators.step.FilterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FuseStages alone: steps between exchanges become one stage; split steps join the stage that feeds them. */
class FuseStagesTest {
    private static final Schema SCHEMA = Schema.of(Field.of("k", DataType.int64()));
    private static final PhysicalNode SCAN = new PhysicalPlanner(2).nodes(
            Scan.of(new InMemorySource("t", SCHEMA, List.of(List.of()))));
    private static final FilterSpec POSITIVE = new FilterSpec(SCHEMA,
            new Binary(BinaryOp.GT, new Column("k"), new Literal(0L, DataType.int64())));

    @Test
    void stepsOnEitherSideOfAnExchangeFormTwoStages() {
        PhysicalNode nodes = new StepNode(new ExchangeNode(new StepNode(SCAN, POSITIVE),
                new Distribution.Hashed(List.of(new Column("k")), 2)), POSITIVE);
        assertThat(PhysicalPlanner.print(FuseStages.apply(nodes))).isEqualTo("""
                Filter: k > 0  [parallelism 2]
                  Exchange: hash(k) to 2 partitions (blocking)
                    Scan: t (0 rows, 1 partitions) -> Filter: k > 0 -> HashSplit: k into 2  [parallelism 2]
                """);
    }

    @Test
    void anExchangeFeedingAnExchangeOrTheResultIsReceivedByAStage() {
        PhysicalNode nodes = new ExchangeNode(new ExchangeNode(SCAN, new Distribution.RoundRobin(3)),
                new Distribution.Single());
        assertThat(PhysicalPlanner.print(FuseStages.apply(nodes))).isEqualTo("""
                Receive  [parallelism 1]
                  Exchange: gather to 1 partition (blocking)
                    Receive  [parallelism 3]
                      Exchange: round-robin to 3 partitions (blocking)
                        Scan: t (0 rows, 1 partitions) -> RoundRobinSplit: into 3  [parallelism 2]
                """);
    }

    /**
     * Issue 11 (fuzz seed 40 query 1038): an exchange right under a union is received at its own
     * partitions, never read by whatever reads the union (before: the collect sink's one subtask got
     * batches tagged for partition 4 of 5 and failed).
     */
    @Test
    void anExchangeUnderAUnionIsReceivedByAStageOfItsOwnPartitions() {
        PhysicalNode nodes = new UnionNode(List.of(new ExchangeNode(SCAN, new Distribution.RoundRobin(5)), SCAN));
        assertThat(PhysicalPlanner.print(FuseStages.apply(nodes))).isEqualTo("""
                Union: all
                  Receive  [parallelism 5]
                    Exchange: round-robin to 5 partitions (blocking)
                      Scan: t (0 rows, 1 partitions) -> RoundRobinSplit: into 5  [parallelism 2]
                  Scan: t (0 rows, 1 partitions)  [parallelism 2]
                """);
    }
}
