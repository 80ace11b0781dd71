package dev.floe.api.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.SortKey;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts each node states about itself: columns read, order kept, size. */
class LogicalPlanFactsTest {
    private static final Schema SCHEMA = Schema.of(Field.of("a", DataType.int64()), Field.of("b", DataType.int64()),
            Field.of("l", DataType.list(DataType.int64())));
    private static final Scan SCAN = Scan.of(new InMemorySource("t", SCHEMA, List.of()));

    @Test
    void eachNodeReadsWhatItsOutputNeedsPlusWhatItEvaluates() {
        Filter filter = new Filter(SCAN, new Binary(BinaryOp.GT, new Column("b"), new Literal(0L, DataType.int64())));
        assertThat(filter.requiredColumns(Set.of("a"))).containsExactly(Set.of("a", "b"));
        assertThat(Explode.of(SCAN, List.of("l")).requiredColumns(Set.of("a"))).containsExactly(Set.of("a", "l"));
        assertThat(new Sort(SCAN, List.of(SortKey.of(new Column("b")))).requiredColumns(Set.of("a")))
                .containsExactly(Set.of("a", "b"));
        assertThat(Project.of(SCAN, List.of(new Column("a"), new Column("b"))).requiredColumns(Set.of("b")))
                .containsExactly(Set.of("b"));
        assertThat(SCAN.requiredColumns(Set.of("a"))).isEmpty();
    }

    @Test
    void orderSurvivesRowWiseNodesOnly() {
        Sort sort = new Sort(SCAN, List.of(SortKey.of(new Column("a"))));
        assertThat(sort.establishesOrder()).isTrue();
        assertThat(new Limit(sort, 3).maintainsInputOrder()).isTrue();
        assertThat(Explode.of(sort, List.of("l")).maintainsInputOrder()).isTrue();
        assertThat(new Repartition(sort, 4, List.of()).maintainsInputOrder()).isFalse();
        assertThat(SCAN.establishesOrder() || SCAN.maintainsInputOrder()).isFalse();
    }

    @Test
    void sizeEstimatesComeFromTheSourceWithoutOverflow() {
        Scan scan = Scan.of(new InMemorySource("t", SCHEMA, List.of(List.of(new EncodedBatch(new byte[300], 10)))));
        long source = scan.source().estimatedBytes();
        assertThat(SizeEstimates.bytes(scan.withProjection(List.of("a")))).isEqualTo(source / 3);
        assertThat(SizeEstimates.bytes(Explode.of(scan, List.of("l")))).isEqualTo(2 * source);
        assertThat(SizeEstimates.bytes(new Limit(scan, Long.MAX_VALUE))).isEqualTo(source);
    }
}
