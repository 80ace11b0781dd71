package dev.floe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.CsvOptions;
import dev.floe.arrow.Table;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Region failover on the embedded MiniCluster: the first attempt of one final-aggregate subtask
 * throws (test hook {@code floe.test.fail-once-in-operator}), the restart strategy reruns its
 * region, and the report is still exact.
 */
class MiniClusterFailoverIT {

    @Test
    void aTaskThatFailsOnceIsRestartedAndTheResultIsExact() throws Exception {
        Path data = LocalCluster.ROOT.resolve("jobs/target/clusters/minicluster-failover");
        List<OrdersData.Group> expected = OrdersData.write(data, 50_000, 2);

        try (Floe floe = Floe.builder().parallelism(2)
                .config("floe.test.fail-once-in-operator", "FinalAggregate").build();
                Table result = TpchJob.ordersByPriority(floe, CsvOptions.defaults(), data.toString()).toTable()) {
            List<OrdersData.Group> actual = new ArrayList<>();
            for (List<Object> r : result.toRows()) {
                actual.add(new OrdersData.Group((String) r.get(0), (String) r.get(1), (Long) r.get(2),
                        (Double) r.get(3), (Double) r.get(5)));
            }
            assertThat(actual).isEqualTo(expected);

            JsonNode jobs = get(floe.restAddress(), "/jobs/overview").get("jobs");
            assertThat(jobs).hasSize(1);
            JsonNode history = get(floe.restAddress(), "/jobs/" + jobs.get(0).get("jid").asText() + "/exceptions")
                    .get("exceptionHistory").get("entries");
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("exceptionName").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(history.get(0).get("stacktrace").asText())
                    .contains("Injected failure (test hook floe.test.fail-once-in-operator) in 'FinalAggregate");
        }
    }

    private static JsonNode get(URI rest, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(rest.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
