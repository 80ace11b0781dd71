package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.PlanException;
import dev.floe.testing.SharedCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** floe.progress on the MiniCluster: the display polls the running job over REST and draws on a fake terminal. */
class ProgressIT {

    private static Floe session(String progress) {
        return Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.progress", progress).build();
    }

    private static Map<String, List<?>> data() {
        List<Long> k = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            k.add(i % 97);
        }
        Map<String, List<?>> m = new LinkedHashMap<>();
        m.put("k", k);
        return m;
    }

    @Test
    void aJobDrawsItsProgressOnTheTerminal() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Floe floe = session("true");
                Terminal terminal = new ExternalTerminal("fake", "xterm-256color", new ByteArrayInputStream(new byte[0]),
                        out, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(120, 40));
            floe.executor().progressTo(terminal);
            assertThat(floe.fromColumns(data()).groupBy("k").count().sort(col("k")).toTable().numRows()).isEqualTo(97);
        }
        String screen = out.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
        System.out.println(screen);
        // Redraws rewrite only what changed (a stage line going from "waiting" to "done" rewrites its
        // first word only), so the capture is checked for pieces, not whole redrawn lines (CI saw
        // "done    Source: ..." never drawn in one piece when the job ended between two polls).
        assertThat(screen).contains("Floe toTable at ProgressIT.java:").contains("of 20,000 rows read")
                .contains("Source: Scan: fromColumns (20000 rows, 2 partitions)")
                .contains("FinalAggregate: count(*) by k")
                .containsPattern("stages \\d+/\\d+ done");
    }

    @Test
    void offDrawsNothingAndABadValueNamesTheSetting() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Floe floe = session("false");
                Terminal terminal = new ExternalTerminal("fake", "xterm-256color", new ByteArrayInputStream(new byte[0]),
                        out, StandardCharsets.UTF_8)) {
            floe.executor().progressTo(terminal);
            assertThat(floe.fromColumns(data()).countRows()).isEqualTo(20_000);
        }
        assertThat(out.size()).isZero();
        assertThatThrownBy(() -> session("yes")).isInstanceOf(PlanException.class)
                .hasMessageContaining("floe.progress = 'yes' is not auto, true or false");
    }
}
