package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.monotonicallyIncreasingId;
import static dev.floe.api.Functions.rand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.JoinType;
import dev.floe.api.PlanException;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code monotonicallyIncreasingId()} used as a group key, a sort key and a join key, over rows in
 * three partitions at parallelism 2: each is computed once per row in the row's partition (as a
 * select computes it), so the ids are unique and equal to those of a column computed beside them;
 * a join condition using {@code rand} is refused at the user's line. Before, sort and join keys
 * were computed where the sort or the exchange ran, as if every row were in partition 0.
 */
class NondeterministicKeysIT {
    private static final int ROWS = 3_000;

    /** Rows i = 0..ROWS-1 in three partitions, with the id a select computes for each. */
    private static DataFrame withIds(Floe floe) {
        List<Long> ids = new ArrayList<>(ROWS);
        for (long i = 0; i < ROWS; i++) {
            ids.add(i);
        }
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("i", ids);
        return floe.fromColumns(columns).intoPartitions(3).withColumn("id", monotonicallyIncreasingId());
    }

    private static List<List<Object>> rows(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void groupingByTheIdsGivesOneGroupPerRow() {
        try (Floe floe = SharedCluster.floe(2)) {
            List<List<Object>> groups = rows(withIds(floe).groupBy(monotonicallyIncreasingId()).agg(count().alias("n")));
            assertThat(groups).hasSize(ROWS);
            assertThat(groups).allSatisfy(g -> assertThat(g.get(1)).isEqualTo(1L));
            assertThat(groups.stream().map(g -> g.get(0)).distinct().count()).isEqualTo(ROWS);
        }
    }

    @Test
    void sortingByTheIdsOrdersTheRowsByTheIdsASelectComputes() {
        try (Floe floe = SharedCluster.floe(2)) {
            List<List<Object>> sorted = rows(withIds(floe).sort(monotonicallyIncreasingId()));
            assertThat(sorted).hasSize(ROWS);
            Set<Long> partitions = new HashSet<>();
            long previous = -1;
            for (List<Object> r : sorted) {
                long id = (Long) r.get(1);
                assertThat(id).as("ids in order after row %s", r.get(0)).isGreaterThan(previous);
                previous = id;
                partitions.add(id >>> 33);
            }
            assertThat(partitions).as("the rows came from three partitions").hasSize(3);
        }
    }

    @Test
    void joiningOnTheIdsMatchesEachRowWithItsOwnId() {
        try (Floe floe = SharedCluster.floe(2)) {
            // every id three partitions of ROWS rows can have: partition << 33 | position
            List<Long> keys = new ArrayList<>();
            for (long p = 0; p < 3; p++) {
                for (long position = 0; position < ROWS; position++) {
                    keys.add(p << 33 | position);
                }
            }
            Map<String, List<?>> columns = new LinkedHashMap<>();
            columns.put("k", keys);
            DataFrame all = floe.fromColumns(columns);
            List<List<Object>> joined = rows(withIds(floe).join(all, List.of(monotonicallyIncreasingId()),
                    List.of(col("k")), JoinType.INNER));
            assertThat(joined).hasSize(ROWS);
            assertThat(joined).allSatisfy(r -> assertThat(r.get(2)).as("k of row %s", r.get(0)).isEqualTo(r.get(1)));
            assertThat(joined.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(ROWS);
        }
    }

    @Test
    void aJoinConditionUsingRandIsRefusedAtTheUsersLine() {
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame l = withIds(floe);
            DataFrame r = withIds(floe).select(col("i").alias("j"));
            assertThatThrownBy(() -> l.join(r, col("i").eq(col("j")).and(rand(1).lt(0.5)), JoinType.INNER))
                    .isInstanceOf(PlanException.class)
                    .hasMessageContaining("A join condition cannot use rand")
                    .hasMessageContaining("withColumn")
                    .hasMessageContaining("NondeterministicKeysIT.java");
        }
    }
}
