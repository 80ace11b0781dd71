package dev.floe.translator.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;

/**
 * Draws a job's progress in place on a terminal through JLine's {@link Display} (which redraws
 * only what changed, with the terminal's own capabilities): a header with the job, the elapsed time,
 * stages done / total and rows read of the rows the scans will read ({@link RowEstimate}), then one
 * line per stage, a bar of finished subtasks for each running one.
 *
 * <pre>{@code
 * ProgressDisplay d = new ProgressDisplay(terminal, "Floe collect at MyJob.java:42", RowEstimate.of(plan));
 * d.show(snapshot, elapsedMillis);   // as often as the job is polled
 * d.end(last, elapsedMillis);        // leaves the final state on screen, cursor below it
 * }</pre>
 */
public final class ProgressDisplay {
    private static final int BAR = 24;
    private final Terminal terminal;
    private final Display display;
    private final String title;
    private final RowEstimate estimate;

    /** @param estimate the rows the job's scans will read, or null when nobody can tell */
    public ProgressDisplay(Terminal terminal, String title, RowEstimate estimate) {
        this.terminal = terminal;
        this.display = new Display(terminal, false);
        this.title = title;
        this.estimate = estimate;
    }

    /** Redraws the display for this state of the job. */
    public void show(JobStatus.Snapshot s, long elapsedMillis) {
        int width = Math.max(40, terminal.getWidth() <= 0 ? 100 : terminal.getWidth());
        display.resize(Math.max(1, terminal.getHeight()), width);
        display.update(lines(title, s, estimate, elapsedMillis, width), -1);
        terminal.flush();
    }

    /** The last redraw, then the cursor moves below it so that later output starts on a fresh line. */
    public void end(JobStatus.Snapshot s, long elapsedMillis) {
        if (s != null) {
            show(s, elapsedMillis);
        }
        terminal.writer().println();
        terminal.flush();
    }

    /** The lines for one state of the job, each at most {@code width} columns. */
    static List<AttributedString> lines(String title, JobStatus.Snapshot s, RowEstimate estimate, long elapsedMillis,
            int width) {
        List<AttributedString> lines = new ArrayList<>();
        AttributedStringBuilder head = new AttributedStringBuilder();
        head.style(AttributedStyle.BOLD).append(title).style(AttributedStyle.DEFAULT)
                .append(String.format(Locale.ROOT, "  %s  stages %d/%d done  %s  %s", elapsed(elapsedMillis),
                        s.stagesDone(), s.stages().size(), rowsRead(s.rowsRead(), estimate),
                        s.state().toLowerCase(Locale.ROOT)));
        lines.add(cut(head.toAttributedString(), width));
        for (JobStatus.Stage st : s.stages()) {
            AttributedStringBuilder b = new AttributedStringBuilder().append("  ");
            if (st.done()) {
                b.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)).append("done    ");
            } else if (st.running() > 0 || st.finished() > 0) {
                int filled = st.parallelism() == 0 ? 0 : BAR * st.finished() / st.parallelism();
                b.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)).append("[")
                        .append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                        .append(st.finished() + "/" + st.parallelism()).append("  ");
            } else {
                b.style(AttributedStyle.DEFAULT.faint()).append("waiting ");
            }
            b.style(AttributedStyle.DEFAULT).append(st.name());
            lines.add(cut(b.toAttributedString(), width));
        }
        return lines;
    }

    /**
     * {@code 1,200,000 of 6,001,215 rows read (20%)}; without the total when there is none, or when
     * a guessed total was passed.
     */
    static String rowsRead(long read, RowEstimate estimate) {
        if (estimate == null || estimate.rows() <= 0 || (!estimate.exact() && read > estimate.rows())) {
            return String.format(Locale.ROOT, "%,d rows read", read);
        }
        return String.format(Locale.ROOT, "%,d of %s rows read (%d%%)", read, estimate.display(),
                Math.min(100, read * 100 / estimate.rows()));
    }

    private static AttributedString cut(AttributedString s, int width) {
        return s.columnLength() <= width ? s : s.columnSubSequence(0, width - 1);
    }

    static String elapsed(long millis) {
        long s = millis / 1000;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
