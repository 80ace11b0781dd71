package dev.floe;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code Floe.local()} starts one MiniCluster per session and runs every action on it. */
class FloeLocalIT {

    @Test
    void everyActionOfASessionRunsOnItsOneEmbeddedCluster() throws Exception {
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("x", List.of(1L, 2L, 3L, 4L));
        try (Floe floe = Floe.local(2)) {
            URI rest = floe.restAddress();
            assertThat(rest.getHost()).isEqualTo("127.0.0.1");
            DataFrame df = floe.fromColumns(columns).where(col("x").gt(2));
            assertThat(df.countRows()).isEqualTo(2);
            assertThat(df.countRows()).isEqualTo(2);
            assertThat(floe.restAddress()).isEqualTo(rest);

            String overview = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(rest.resolve("/jobs/overview")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"name\":\"(Floe [^\"]*)\"").matcher(overview);
            int jobs = 0;
            while (m.find()) {
                assertThat(m.group(1)).startsWith("Floe countRows at FloeLocalIT.java:").contains(": Scan: fromColumns");
                jobs++;
            }
            assertThat(jobs).as("jobs run on the session's cluster").isEqualTo(2);
        }
    }
}
