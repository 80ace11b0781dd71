package dev.floe.translator.progress;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a running job's state from Flink's REST API: each vertex's subtasks by state
 * ({@code /jobs/<id>}) and the rows the scans decoded so far (the sum over subtasks of each scan's
 * {@code step.0.rows_in} gauge, {@code /jobs/<id>/vertices/<v>/subtasks/metrics}; Flink's REST
 * metrics lag by its {@code metrics.fetcher.update-interval}).
 *
 * <pre>{@code JobStatus.Snapshot s = new JobStatus(URI.create("http://127.0.0.1:8081"), jobId).poll();}</pre>
 */
public final class JobStatus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI rest;
    private final String jobId;
    /** Per scan vertex, the id of its rows-read gauge ("" = it has none). */
    private final Map<String, String> rowsMetric = new HashMap<>();

    public JobStatus(URI rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
    }

    /** One stage (Flink vertex): its name, subtasks, and how many finished and run. */
    public record Stage(String name, int parallelism, int finished, int running, String status) {
        public boolean done() {
            return "FINISHED".equals(status);
        }
    }

    /** The job at one moment. */
    public record Snapshot(String state, List<Stage> stages, long rowsRead) {
        public long stagesDone() {
            return stages.stream().filter(Stage::done).count();
        }
    }

    /** The job's state now; throws when the REST API does not answer. */
    public Snapshot poll() throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        List<Stage> stages = new ArrayList<>();
        long rows = 0;
        for (JsonNode v : job.path("vertices")) {
            JsonNode tasks = v.path("tasks");
            String name = v.path("name").asText();
            stages.add(new Stage(name, v.path("parallelism").asInt(), tasks.path("FINISHED").asInt(),
                    tasks.path("RUNNING").asInt() + tasks.path("INITIALIZING").asInt(), v.path("status").asText()));
            if (name.contains("Scan:") && !"CREATED".equals(v.path("status").asText())) {
                rows += rowsRead(v.path("id").asText());
            }
        }
        return new Snapshot(job.path("state").asText(), stages, rows);
    }

    private long rowsRead(String vertex) throws IOException, InterruptedException {
        String base = "/jobs/" + jobId + "/vertices/" + vertex + "/subtasks/metrics";
        String id = rowsMetric.get(vertex);
        if (id == null || id.isEmpty()) {
            id = "";
            for (JsonNode m : get(base)) {
                String name = m.path("id").asText();
                // the source operator's scan step: the first step.0.rows_in of the vertex's head operator
                if (name.endsWith(".step.0.rows_in") && name.startsWith("Source")) {
                    id = name;
                    break;
                }
            }
            if (id.isEmpty()) {
                return 0; // metrics not fetched yet: ask again on the next poll
            }
            rowsMetric.put(vertex, id);
        }
        long sum = 0;
        for (JsonNode m : get(base + "?agg=sum&get=" + URLEncoder.encode(id, StandardCharsets.UTF_8))) {
            sum += (long) m.path("sum").asDouble();
        }
        return sum;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
