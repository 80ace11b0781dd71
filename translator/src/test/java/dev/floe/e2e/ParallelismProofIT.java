package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Proof that parallelism 4 really spreads the work: a query with a grouped aggregation, a hash
 * join and a range-partitioned sort runs on the shared MiniCluster, then Flink's REST API is asked
 * for each job vertex's per-subtask record counts. Every scan, aggregate, join and sort vertex must
 * show records on at least two of its four subtasks.
 *
 * <p>The counts are the per-subtask I/O metrics of {@code /jobs/<id>/vertices/<vid>}
 * ({@code read-records}, Flink's {@code numRecordsIn}), which Flink keeps for finished jobs; the
 * live metric endpoints ({@code .../subtasks/metrics?get=numRecordsIn}) answer nothing once the
 * job is over. Records are Arrow batches (one stream element per batch). Floe's operators never
 * send an empty batch with columns, so a subtask that read a record received rows. Sources have
 * no input: their subtasks are judged by the records they wrote ({@code write-records}).
 */
class ParallelismProofIT {
    private static final int PARALLELISM = 4;
    private static final int ROWS = 100_000;
    private static final int KEYS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void everyScanAggregateJoinAndSortSpreadsRowsOverAtLeastTwoSubtasks() throws Exception {
        long submittedAfter = System.currentTimeMillis();
        try (Floe floe = SharedCluster.floe(PARALLELISM)) {
            Map<String, List<?>> facts = new LinkedHashMap<>();
            List<Long> id = new ArrayList<>(ROWS);
            List<Long> k = new ArrayList<>(ROWS);
            List<Double> v = new ArrayList<>(ROWS);
            for (int i = 0; i < ROWS; i++) {
                id.add((long) i);
                k.add((i * 7919L) % KEYS);
                v.add((i % 1000) * 0.5);
            }
            facts.put("id", id);
            facts.put("k", k);
            facts.put("v", v);
            Map<String, List<?>> dim = new LinkedHashMap<>();
            // as many rows as the facts, so each scan reader is busy long enough for all four to take a split
            List<Long> k2 = new ArrayList<>(ROWS);
            List<Long> w = new ArrayList<>(ROWS);
            for (int i = 0; i < ROWS; i++) {
                k2.add((long) i);
                w.add((long) (i % 7));
            }
            dim.put("k2", k2);
            dim.put("w", w);

            DataFrame perKey = floe.fromColumns(facts).groupBy("k")
                    .agg(col("v").sum().alias("sv"), count().alias("n"));
            DataFrame joined = perKey.join(floe.fromColumns(dim), List.of(col("k")), List.of(col("k2")),
                    JoinType.INNER, JoinStrategy.HASH);
            DataFrame sorted = joined.sort(col("sv").desc(), col("k"));
            try (Table result = sorted.toTable()) {
                assertThat(result.numRows()).isEqualTo(KEYS);
                List<List<Object>> rows = result.toRows();
                for (int i = 1; i < rows.size(); i++) {
                    assertThat((Double) rows.get(i - 1).get(1)).isGreaterThanOrEqualTo((Double) rows.get(i).get(1));
                }
            }
        }

        String jobId = findJob(submittedAfter);
        JsonNode job = get("/jobs/" + jobId);
        List<Vertex> vertices = new ArrayList<>();
        for (JsonNode vertex : job.get("vertices")) {
            vertices.add(vertex(jobId, vertex));
        }
        vertices.forEach(vx -> System.out.println(vx));

        assertSpread(vertices, "scan", vx -> vx.name.contains("Scan:"));
        assertSpread(vertices, "aggregate", vx -> vx.name.contains("Aggregate"));
        assertSpread(vertices, "join", vx -> vx.name.contains("Join:"));
        assertSpread(vertices, "sort", vx -> vx.name.startsWith("Sort:") || vx.name.contains("-> Sort:"));
    }

    /** One job vertex with the records each subtask received (sources: the records each sent). */
    private record Vertex(String name, int parallelism, long[] records, boolean source) {
        int subtasksWithRecords() {
            int count = 0;
            for (long r : records) {
                if (r > 0) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public String toString() {
            return name + " [parallelism " + parallelism + "] " + (source ? "records out" : "records in")
                    + " per subtask: " + java.util.Arrays.toString(records);
        }
    }

    private Vertex vertex(String jobId, JsonNode vertex) throws IOException, InterruptedException {
        String name = vertex.get("name").asText();
        boolean source = name.startsWith("Source:");
        JsonNode detail = get("/jobs/" + jobId + "/vertices/" + vertex.get("id").asText());
        JsonNode subtasks = detail.get("subtasks");
        long[] records = new long[subtasks.size()];
        for (int i = 0; i < subtasks.size(); i++) {
            JsonNode metrics = subtasks.get(i).get("metrics");
            records[i] = metrics.get(source ? "write-records" : "read-records").asLong();
        }
        return new Vertex(name, vertex.get("parallelism").asInt(), records, source);
    }

    private static void assertSpread(List<Vertex> vertices, String kind, Predicate<Vertex> isKind) {
        List<Vertex> ofKind = vertices.stream().filter(isKind).toList();
        assertThat(ofKind).as("%s vertices among %s", kind, vertices).isNotEmpty();
        for (Vertex vx : ofKind) {
            assertThat(vx.parallelism).as("parallelism of %s", vx.name).isEqualTo(PARALLELISM);
            assertThat(vx.subtasksWithRecords()).as("subtasks of the %s vertex that received rows: %s", kind, vx)
                    .isGreaterThanOrEqualTo(2);
        }
    }

    /** The finished "Floe toTable" job submitted after the given time (the newest, if several). */
    private String findJob(long submittedAfter) throws IOException, InterruptedException {
        String best = null;
        long bestStart = Long.MIN_VALUE;
        for (JsonNode j : get("/jobs/overview").get("jobs")) {
            long start = j.get("start-time").asLong();
            if (j.get("name").asText().startsWith("Floe toTable") && "FINISHED".equals(j.get("state").asText())
                    && start >= submittedAfter && start > bestStart) {
                best = j.get("jid").asText();
                bestStart = start;
            }
        }
        assertThat(best).as("a finished 'Floe toTable' job started after %d", submittedAfter).isNotNull();
        return best;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + SharedCluster.restPort() + path);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
