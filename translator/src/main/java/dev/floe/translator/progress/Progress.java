package dev.floe.translator.progress;

import dev.floe.api.PlanException;
import java.io.IOException;
import java.net.URI;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The live progress display of one running job: a daemon thread polls the job's REST status every
 * {@link #POLL_MILLIS} ms and redraws a {@link ProgressDisplay}; {@link #close()} draws the final
 * state. Whether it runs is the session setting {@code floe.progress}: {@code auto} (the default: on
 * when the JVM has a console, so never in tests, CI or {@code flink run} logs), {@code true},
 * {@code false}.
 *
 * <pre>{@code
 * try (Progress p = Progress.start(terminal, restAddress, jobId, "Floe collect at MyJob.java:42",
 *         RowEstimate.of(physicalPlan))) {
 *     ... collect the results ...
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    /** How often the job's status is read (a REST request or two per scan stage each time). */
    public static final long POLL_MILLIS = 500;
    public static final String SETTING = "floe.progress";
    private static final java.util.Set<String> TERMINAL = java.util.Set.of("FINISHED", "FAILED", "CANCELED");
    /** The setting as a Flink option (Floe's settings are checked against the known ones). */
    public static final org.apache.flink.configuration.ConfigOption<String> OPTION = org.apache.flink.configuration
            .ConfigOptions.key(SETTING).stringType().defaultValue("auto")
            .withDescription("auto (on when the JVM has a console) | true | false: a live progress display of each job");

    private static Terminal system;

    private final JobStatus status;
    private final ProgressDisplay display;
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;
    private JobStatus.Snapshot last;

    private Progress(JobStatus status, ProgressDisplay display) {
        this.status = status;
        this.display = display;
        this.thread = new Thread(this::run, "floe-progress");
        this.thread.setDaemon(true);
    }

    /** Whether the setting's value turns the display on; fails naming the setting for other values. */
    public static boolean enabled(String setting) {
        String v = setting == null ? "auto" : setting.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "auto" -> System.console() != null;
            case "true" -> true;
            case "false" -> false;
            default -> throw new PlanException("Setting " + SETTING + " = '" + setting + "' is not auto, true or false");
        };
    }

    /** The terminal of this JVM (created once), where the display draws unless a test gives its own. */
    public static synchronized Terminal systemTerminal() throws IOException {
        if (system == null) {
            system = TerminalBuilder.builder().system(true).build();
        }
        return system;
    }

    /**
     * Starts polling {@code jobId} at {@code rest} and drawing on {@code terminal}; {@code estimate}
     * (or null) is the rows the job's scans will read.
     */
    public static Progress start(Terminal terminal, URI rest, String jobId, String title, RowEstimate estimate) {
        Progress p = new Progress(new JobStatus(rest, jobId), new ProgressDisplay(terminal, title, estimate));
        p.thread.start();
        return p;
    }

    private long elapsed() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void run() {
        while (!stopped) {
            try {
                JobStatus.Snapshot s = status.poll();
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    last = s;
                    display.show(s, elapsed());
                }
            } catch (IOException e) {
                // the REST API did not answer this time (the job may be just starting or ending): try again
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops polling and draws the job's final state (one last poll), leaving the cursor below it. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        JobStatus.Snapshot end = null;
        try {
            // the job has ended; Flink's REST API may answer from a cache of a few seconds before
            for (int i = 0; i < 20 && (end == null || !TERMINAL.contains(end.state())); i++) {
                if (end != null) {
                    Thread.sleep(200);
                }
                end = status.poll();
            }
        } catch (IOException e) {
            // draw the last state seen
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            display.end(end != null ? end : last, elapsed());
        }
    }
}
