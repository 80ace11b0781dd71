package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.JobReport;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * What Floe's own loggers say about actions (issue 16, logs): one INFO line per action with its job
 * name, job id, duration, rows and Web UI link, and nothing at WARN or with a stack trace when the
 * user's expression fails (the exception the action throws says it).
 */
class ActionLogIT {
    private static final String FLOE_LOGGERS = "dev.floe";

    private static Map<String, List<?>> ints(int n) {
        List<Integer> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(i);
        }
        return Map.of("v", v);
    }

    @Test
    void eachActionLogsOneInfoLineWithJobIdDurationRowsAndWebUi() {
        List<LogEvent> events = new CopyOnWriteArrayList<>();
        try (Capture ignored = new Capture(events); Floe floe = SharedCluster.floe(2)) {
            try (Table t = floe.fromColumns(ints(1_000)).where(col("v").ge(lit(900))).toTable()) {
                assertThat(t.numRows()).isEqualTo(100);
            }
            JobReport job = floe.lastJob();
            List<String> lines = events.stream().map(e -> e.getMessage().getFormattedMessage())
                    .filter(m -> m.contains(job.jobId())).toList();
            assertThat(lines).as("Floe's log lines of job %s", job.jobId()).hasSize(1);
            assertThat(lines.get(0)).startsWith(job.jobName() + ": job " + job.jobId() + " finished in "
                    + job.duration().toMillis() + " ms, 100 rows; " + job.webUi());
            assertThat(job.jobName()).startsWith("Floe toTable at ActionLogIT.java:");
            assertThat(events.stream().filter(e -> e.getMessage().getFormattedMessage().contains(job.jobId())))
                    .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
        }
    }

    @Test
    void aFailingExpressionLogsNoWarningAndNoStackTrace() {
        List<LogEvent> events = new CopyOnWriteArrayList<>();
        try (Capture ignored = new Capture(events); Floe floe = SharedCluster.floe(2)) {
            // 999 * 10,000,000 overflows an int: the action fails with the kernel's message
            assertThatThrownBy(() -> floe.fromColumns(ints(1_000)).select(col("v").mul(lit(10_000_000)).alias("big"))
                    .toTable().close()).hasStackTraceContaining("overflow");
        }
        assertThat(events).as("Floe's log events while an action failed on the user's expression")
                .allSatisfy(e -> {
                    assertThat(e.getLevel().isLessSpecificThan(Level.INFO)).as(e.getMessage().getFormattedMessage())
                            .isTrue();
                    assertThat(e.getThrown()).as(e.getMessage().getFormattedMessage()).isNull();
                });
    }

    /** Routes every event of Floe's loggers at INFO and above to a list while open (and not to the console). */
    private static final class Capture extends AbstractAppender implements AutoCloseable {
        private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        private final LoggerConfig previous;
        private final List<LogEvent> events;

        Capture(List<LogEvent> events) {
            super("action-log-it", null, null, true, Property.EMPTY_ARRAY);
            this.events = events;
            start();
            previous = ctx.getConfiguration().getLoggers().get(FLOE_LOGGERS);
            LoggerConfig config = new LoggerConfig(FLOE_LOGGERS, Level.INFO, false);
            config.addAppender(this, Level.INFO, null);
            ctx.getConfiguration().addLogger(FLOE_LOGGERS, config);
            ctx.updateLoggers();
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }

        @Override
        public void close() {
            ctx.getConfiguration().removeLogger(FLOE_LOGGERS);
            if (previous != null) {
                ctx.getConfiguration().addLogger(FLOE_LOGGERS, previous);
            }
            ctx.updateLoggers();
            stop();
        }
    }
}
