package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.monotonicallyIncreasingId;
import static dev.floe.api.Functions.rand;
import static dev.floe.api.Functions.randn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code rand(seed)}, {@code randn(seed)} and {@code monotonicallyIncreasingId()} on the shared
 * MiniCluster at parallelism 4 over 20,000 rows in several partitions: values in range and never
 * null, the same seed giving the same value per row in two runs, another seed other values, a
 * filter on the random column seeing the values shown, and ids unique across partitions, with the
 * partition in the upper 31 bits and the rows of each partition numbered 0, 1, 2, ... in order.
 */
class RowPlaceFunctionsIT {
    private static final int ROWS = 20_000;

    private static DataFrame input(Floe floe) {
        List<Long> ids = new ArrayList<>(ROWS);
        for (long i = 0; i < ROWS; i++) {
            ids.add(i);
        }
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("i", ids);
        return floe.fromColumns(columns);
    }

    /** Each row's values after column 0 (the row's i) by i. */
    private static Map<Long, List<Object>> byRow(DataFrame df) {
        Map<Long, List<Object>> out = new HashMap<>();
        try (Table t = df.toTable()) {
            for (List<Object> r : t.toRows()) {
                assertThat(out.put((Long) r.get(0), r.subList(1, r.size()))).as("row %s twice", r.get(0)).isNull();
            }
        }
        return out;
    }

    @Test
    void randIsUniformTheSameForTheSameSeedAndIdsNumberEachPartitionInOrder() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame df = input(floe).select(col("i"), rand(42).alias("r"), rand(43).alias("other"),
                    randn(5).alias("z"), monotonicallyIncreasingId().alias("id"));
            Map<Long, List<Object>> first = byRow(df);
            assertThat(first).hasSize(ROWS).isEqualTo(byRow(df));
            int below = 0;
            int same = 0;
            double sum = 0;
            double squares = 0;
            Set<Object> distinct = new HashSet<>();
            for (List<Object> row : first.values()) {
                double r = (Double) row.get(0); // never null
                assertThat(r).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
                below += r < 0.5 ? 1 : 0;
                same += r == (Double) row.get(1) ? 1 : 0;
                distinct.add(r);
                double z = (Double) row.get(2);
                sum += z;
                squares += z * z;
            }
            assertThat(below).isBetween(ROWS / 2 - 400, ROWS / 2 + 400);
            assertThat(same).as("another seed, other values").isLessThan(5);
            assertThat(distinct).hasSizeGreaterThan(ROWS - 5);
            double mean = sum / ROWS;
            assertThat(mean).as("randn mean").isBetween(-0.05, 0.05);
            assertThat(squares / ROWS - mean * mean).as("randn variance").isBetween(0.95, 1.05);

            // ids: unique; partition -> (id -> i) numbers each partition's rows 0, 1, 2, ... in input order
            Map<Long, TreeMap<Long, Long>> partitions = new TreeMap<>();
            for (Map.Entry<Long, List<Object>> e : first.entrySet()) {
                long id = (Long) e.getValue().get(3);
                assertThat(partitions.computeIfAbsent(id >>> 33, p -> new TreeMap<>()).put(id, e.getKey()))
                        .as("id %s twice", id).isNull();
            }
            assertThat(partitions).as("several partitions").hasSizeGreaterThan(1);
            for (Map.Entry<Long, TreeMap<Long, Long>> p : partitions.entrySet()) {
                long position = 0;
                long previousRow = -1;
                for (Map.Entry<Long, Long> e : p.getValue().entrySet()) {
                    assertThat(e.getKey()).isEqualTo((p.getKey() << 33) + position++);
                    assertThat(e.getValue()).as("ids increase with the input order").isGreaterThan(previousRow);
                    previousRow = e.getValue();
                }
            }

            // a filter on the random column sees the values the projection computed (it is not
            // moved below the projection, which would change the rows rand sees)
            Map<Long, List<Object>> kept = byRow(input(floe).select(col("i"), rand(42).alias("r"))
                    .where(col("r").lt(0.25)));
            long expected = first.values().stream().filter(v -> (Double) v.get(0) < 0.25).count();
            assertThat(kept).hasSize((int) expected);
            kept.forEach((i, v) -> assertThat(v.get(0)).isEqualTo(first.get(i).get(0)));

            // after a shuffle each of the 4 subtasks is a partition: still unique
            Set<Object> shuffled = new HashSet<>();
            byRow(input(floe).repartition(4, col("i")).select(col("i"), monotonicallyIncreasingId()))
                    .values().forEach(v -> shuffled.add(v.get(0)));
            assertThat(shuffled).hasSize(ROWS);
        }
    }
}
