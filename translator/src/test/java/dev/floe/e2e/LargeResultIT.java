package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Results far larger than one collect buffer come back whole: Flink's collect sink hands them over
 * in chunks while the job runs instead of one accumulator at the end (which the REST client cannot
 * parse past 20 MB).
 */
class LargeResultIT {

    @Test
    void aSortedResultOfAbout25MegabytesArrivesCompleteAndInOrder() {
        int rows = 600_000;
        List<Long> ids = new ArrayList<>(rows);
        List<String> names = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            ids.add((i * 7919L) % rows);
            names.add("customer-name-" + i);
        }
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("id", ids);
        columns.put("name", names);
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame sorted = floe.fromColumns(columns).sort(col("id"));
            try (Table t = sorted.toTable()) {
                assertThat(t.numRows()).isEqualTo(rows);
                for (int i = 0; i < rows; i += 9973) {
                    assertThat(t.column("id").getLong(i)).isEqualTo(i);
                }
                assertThat(t.column("id").getLong(rows - 1)).isEqualTo(rows - 1);
            }
        }
    }
}
