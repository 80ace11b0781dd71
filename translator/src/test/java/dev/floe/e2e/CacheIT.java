package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.udf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.JoinType;
import dev.floe.api.plan.Cache;
import dev.floe.api.plan.CachedSource;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Series;
import dev.floe.arrow.Table;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 7: a cached DataFrame is computed once. A UDF counts the rows it sees (the shared
 * MiniCluster runs in this JVM), so a second action that computed the plan again would raise the
 * count; results over the cache equal the results without it.
 */
class CacheIT {
    /** Rows the UDF has seen, over every task. */
    static final AtomicLong SEEN = new AtomicLong();

    private static DataFrame data(Floe floe) {
        Map<String, List<?>> columns = new LinkedHashMap<>();
        List<Long> k = new ArrayList<>();
        List<Long> v = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            k.add(i % 7);
            v.add(i);
        }
        columns.put("k", k);
        columns.put("v", v);
        return floe.fromColumns(columns).withColumn("w", udf("counted", DataType.int64(), CacheIT::counted, col("v")));
    }

    private static Series counted(Series[] in) {
        SEEN.addAndGet(in[0].length());
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < in[0].length(); i++) {
            out.add(in[0].getLong(i) * 2);
        }
        return Series.of("w", DataType.int64(), out);
    }

    private static List<List<Object>> rows(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void theSecondActionReadsTheCacheInsteadOfComputingAgain() throws Exception {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame plain = data(floe);
            List<List<Object>> expected = rows(plain);
            List<List<Object>> expectedGroups = rows(plain.groupBy("k").agg(col("w").sum()));

            DataFrame cached = plain.where(col("v").ge(0)).cache();
            assertThat(cached.explain()).contains("Cache #").contains("not computed yet");
            SEEN.set(0);
            assertThat(cached.countRows()).isEqualTo(1000);
            assertThat(SEEN.get()).as("the first action computes the cache once").isEqualTo(1000);

            Rows.assertSameRows(rows(cached), expected);
            Rows.assertSameRows(rows(cached.groupBy("k").agg(col("w").sum())), expectedGroups);
            Rows.assertSameRows(rows(cached.join(cached.select("k").distinct(), col("k").eq(col("right.k")),
                    JoinType.SEMI)), expected);
            assertThat(SEEN.get()).as("later actions read the kept result").isEqualTo(1000);
            assertThat(cached.explain(true)).contains("1000 rows in").contains("Scan: cache #");

            Path folder = Path.of(((CachedSource) ((Cache) cached.plan()).entry().source()).files().get(0)).getParent();
            assertThat(folder).exists();
            cached.unpersist();
            assertThat(folder).doesNotExist();
            assertThat(cached.countRows()).isEqualTo(1000);
            assertThat(SEEN.get()).as("after unpersist() each action computes the plan").isEqualTo(2000);
        }
    }

    @Test
    void closingTheSessionDeletesItsCaches() {
        Path folder;
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame cached = data(floe).sort(col("v").desc()).limit(10).cache();
            assertThat(rows(cached).get(0)).containsExactly(5L, 999L, 1998L);
            List<String> files = ((Cache) cached.plan()).entry().source().files();
            assertThat(files).as("a sorted result is kept in one file, read in order").hasSize(1);
            assertThat(rows(cached.limit(3))).extracting(r -> r.get(1)).containsExactly(999L, 998L, 997L);
            folder = Path.of(files.get(0)).getParent();
            assertThat(Files.exists(folder)).isTrue();
        }
        assertThat(folder).doesNotExist();
    }
}
