package dev.floe;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A {@code Floe.local()} session that runs many actions keeps a bounded part of its finished jobs
 * (issue 11 item 18: the fuzzer's seed 41 run filled its 2 GiB heap, every query's jobs still held
 * by the embedded cluster with their accumulators). The Web UI lists at most
 * {@code completed-application-store.max-capacity} finished jobs, and once a job is cleaned up the
 * cluster holds no result of it. Before, Flink's MiniCluster kept every job, and the overview listed
 * all eight.
 */
class EmbeddedClusterIT {

    @Test
    void finishedJobsAndTheirResultsDoNotAccumulateInALongSession() throws Exception {
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("x", List.of(1L, 2L, 3L, 4L));
        try (Floe floe = Floe.builder().parallelism(1).config("completed-application-store.max-capacity", "3").build()) {
            DataFrame df = floe.fromColumns(columns);
            for (int i = 0; i < 8; i++) {
                assertThat(df.where(col("x").gt(i % 4)).countRows()).isEqualTo(4 - i % 4);
            }
            String overview = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(floe.restAddress().resolve("/jobs/overview")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"jid\"").matcher(overview);
            int listed = 0;
            while (m.find()) {
                listed++;
            }
            assertThat(listed).as("finished jobs the Web UI lists after 8 actions: %s", overview).isEqualTo(3);
            assertThat(floe.embeddedCluster().archivedJobs()).isEqualTo(3);

            // a job's result leaves the job result store when the dispatcher has cleaned the job up
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (floe.embeddedCluster().jobResultsHeld() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(floe.embeddedCluster().jobResultsHeld()).as("job results held").isZero();
        }
    }
}
