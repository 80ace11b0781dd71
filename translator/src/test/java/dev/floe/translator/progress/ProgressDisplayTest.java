package dev.floe.translator.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/**
 * The progress display drawn on a fake terminal (JLine's external terminal of type xterm over a byte
 * stream): what a user sees, and that redraws move the cursor instead of repeating the whole display.
 */
class ProgressDisplayTest {
    private static final JobStatus.Snapshot RUNNING = new JobStatus.Snapshot("RUNNING", List.of(
            new JobStatus.Stage("Source: Scan: parquet lineitem -> Filter: l_shipdate <= 1998-09-02", 4, 4, 0, "FINISHED"),
            new JobStatus.Stage("FinalAggregate: sum(l_quantity) AS sum_qty by l_returnflag", 4, 2, 2, "RUNNING"),
            new JobStatus.Stage("Sort: l_returnflag ASC", 1, 0, 0, "CREATED")), 6_001_215);

    private static JobStatus.Snapshot finished() {
        return new JobStatus.Snapshot("FINISHED", RUNNING.stages().stream()
                .map(s -> new JobStatus.Stage(s.name(), s.parallelism(), s.parallelism(), 0, "FINISHED")).toList(),
                6_001_215);
    }

    private static Terminal fake(ByteArrayOutputStream out) throws Exception {
        Terminal t = new ExternalTerminal("fake", "xterm-256color", new ByteArrayInputStream(new byte[0]), out,
                StandardCharsets.UTF_8);
        t.setSize(new Size(100, 30));
        return t;
    }

    @Test
    void linesShowStagesDoneRowsReadAndABarPerRunningStage() {
        List<String> lines = ProgressDisplay.lines("Floe collect at Q1.java:42", RUNNING, null, 75_000, 100).stream()
                .map(a -> a.toString()).toList();
        assertThat(lines).containsExactly(
                "Floe collect at Q1.java:42  01:15  stages 1/3 done  6,001,215 rows read  running",
                "  done    Source: Scan: parquet lineitem -> Filter: l_shipdate <= 1998-09-02",
                "  [############------------] 2/4  FinalAggregate: sum(l_quantity) AS sum_qty by l_returnflag",
                "  waiting Sort: l_returnflag ASC");
        assertThat(ProgressDisplay.lines("x", RUNNING, null, 0, 40)).allSatisfy(l -> assertThat(l.columnLength()).isLessThan(40));
    }

    @Test
    void rowsReadAreShownAgainstTheRowsTheScansWillRead() {
        JobStatus.Snapshot partway = new JobStatus.Snapshot("RUNNING", RUNNING.stages(), 1_500_000);
        assertThat(ProgressDisplay.lines("Floe collect at Q1.java:42", partway, new RowEstimate(6_001_215, true),
                75_000, 120).get(0).toString())
                .isEqualTo("Floe collect at Q1.java:42  01:15  stages 1/3 done  1,500,000 of 6,001,215 rows read (24%)"
                        + "  running");
        assertThat(ProgressDisplay.rowsRead(1_500_000, new RowEstimate(5_987_654, false)))
                .isEqualTo("1,500,000 of ~6,000,000 rows read (25%)");
        assertThat(ProgressDisplay.rowsRead(7_000_000, new RowEstimate(5_987_654, false)))
                .as("a guess that fell short is dropped").isEqualTo("7,000,000 rows read");
        assertThat(ProgressDisplay.rowsRead(0, new RowEstimate(0, true))).isEqualTo("0 rows read");
    }

    @Test
    void aFakeTerminalReceivesTheDisplayAndItsRedraws() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = fake(out)) {
            ProgressDisplay d = new ProgressDisplay(terminal, "Floe collect at Q1.java:42", null);
            d.show(RUNNING, 75_000);
            int first = out.size();
            d.end(finished(), 76_000);
            String screen = out.toString(StandardCharsets.UTF_8);
            System.out.println(screen.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", ""));
            assertThat(screen).contains("stages 1/3 done").contains("[############------------] 2/4")
                    .contains("waiting").contains("stages 3/3 done").contains("finished");
            // the redraw rewrites what changed, through the terminal's cursor movement, not a second copy
            String redraw = screen.substring(first);
            assertThat(redraw).contains("\u001b[").doesNotContain("Source: Scan: parquet lineitem");
        }
    }
}
