package dev.floe.translator.explain;

import dev.floe.api.Format;
import dev.floe.api.JobReport;
import dev.floe.operators.runtime.SubtaskFigures;
import dev.floe.translator.physical.Exchange;
import dev.floe.translator.physical.PhysicalPlan;
import dev.floe.translator.physical.RangeExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a physical plan as indented text, a Mermaid flowchart or a Graphviz digraph, optionally with
 * what a finished job did ({@link StageFigures}): per stage its subtasks and skew, per step rows,
 * batches, time, memory and spilling, and on each exchange (an edge in the diagrams) the rows,
 * batches and bytes that crossed it.
 *
 * <pre>{@code
 * PlanDrawing.draw(physical, Format.MERMAID, null, null);         // the plan only
 * PlanDrawing.draw(physical, Format.TEXT, figures, job);          // explainAnalyze()
 * }</pre>
 */
public final class PlanDrawing {
    private final PhysicalPlan plan;
    private final StageFigures figures;
    private final JobReport job;

    private PlanDrawing(PhysicalPlan plan, StageFigures figures, JobReport job) {
        this.plan = plan;
        this.figures = figures;
        this.job = job;
    }

    /** @param figures what the job did, or null for the plan alone; {@code job} then too */
    public static String draw(PhysicalPlan plan, Format format, StageFigures figures, JobReport job) {
        PlanDrawing d = new PlanDrawing(plan, figures, job);
        return switch (format) {
            case TEXT -> d.text();
            case MERMAID -> d.graph(new Mermaid());
            case DOT -> d.graph(new Dot());
        };
    }

    // ---- text ------------------------------------------------------------------------------------

    private String text() {
        StringBuilder sb = new StringBuilder("== Physical Plan (analyzed) ==\n");
        if (job != null) {
            sb.append("Job ").append(job.jobId()).append(" '").append(job.jobName()).append("' ran in ")
                    .append(millis(job.duration().toNanos())).append(", returned ").append(job.rows())
                    .append(job.rows() == 1 ? " row" : " rows");
            if (job.webUi() != null) {
                sb.append("; ").append(job.webUi());
            }
            sb.append('\n');
        }
        sb.append("Collect  [parallelism 1]");
        if (job != null) {
            sb.append("  rows=").append(job.rows());
        }
        sb.append('\n');
        text(plan, 1, sb);
        return sb.toString();
    }

    private void text(PhysicalPlan node, int depth, StringBuilder sb) {
        String indent = "  ".repeat(depth);
        sb.append(indent).append(node.explainLine());
        if (node instanceof Exchange e && figures != null) {
            sb.append("  ").append(crossing(e.input()));
        }
        sb.append('\n');
        if (figures != null) {
            for (JobReport.Stage s : figures.of(node)) {
                stageText(s, node instanceof RangeExchange, indent + "  | ", sb);
            }
        }
        for (PhysicalPlan c : node.children()) {
            text(c, depth + 1, sb);
        }
    }

    private static void stageText(JobReport.Stage s, boolean named, String prefix, StringBuilder sb) {
        if (named) {
            sb.append(prefix).append(s.name()).append('\n');
        }
        if (s.parallelism() == 0) {
            sb.append(prefix).append("(no figures: the operator did not report)\n");
            return;
        }
        sb.append(prefix).append("subtasks=").append(s.parallelism()).append(" rows per subtask min/median/max=")
                .append(s.minRows()).append('/').append(s.medianRows()).append('/').append(s.maxRows());
        if (s.batchesIn() > 0) {
            sb.append(" received=").append(s.batchesIn()).append(" batches, ").append(bytes(s.bytesIn()));
        }
        sb.append(" sent=").append(s.rowsOut()).append(" rows, ").append(s.batchesOut()).append(" batches, ")
                .append(bytes(s.bytesOut()));
        sb.append(" peak_memory=").append(bytes(s.peakMemory()));
        if (s.spillBytes() > 0 || s.spillFiles() > 0) {
            sb.append(" spilled=").append(bytes(s.spillBytes())).append(" in ").append(s.spillFiles())
                    .append(s.spillFiles() == 1 ? " file" : " files");
        }
        sb.append('\n');
        String scan = scanText(s);
        if (!scan.isEmpty()) {
            sb.append(prefix).append(scan).append('\n');
        }
        for (int i = 0; i < s.steps().size(); i++) {
            JobReport.Step st = s.steps().get(i);
            sb.append(prefix).append(i).append(' ').append(st.name()).append("  rows_in=").append(st.rowsIn())
                    .append(" rows_out=").append(st.rowsOut()).append(" batches_in=").append(st.batchesIn())
                    .append(" batches_out=").append(st.batchesOut()).append(" time=").append(millis(st.timeNanos()))
                    .append(" cpu=").append(millis(st.cpuNanos()));
            if (st.peakMemory() > 0) {
                sb.append(" peak_memory=").append(bytes(st.peakMemory()));
            }
            if (st.spillBytes() > 0) {
                sb.append(" spill_bytes=").append(st.spillBytes());
            }
            sb.append('\n');
        }
    }

    /** A file scan's pruning (from the plan) and reading (from the readers), or "". */
    private static String scanText(JobReport.Stage s) {
        List<String> parts = new ArrayList<>();
        if (s.extras().containsKey(StageFigures.FILES_TOTAL)) {
            parts.add("files skipped=" + s.extra(StageFigures.FILES_SKIPPED) + " of " + s.extra(StageFigures.FILES_TOTAL));
            if (s.extra(StageFigures.ROW_GROUPS_TOTAL) > 0) {
                parts.add("row groups skipped=" + s.extra(StageFigures.ROW_GROUPS_SKIPPED) + " of "
                        + s.extra(StageFigures.ROW_GROUPS_TOTAL));
            }
        }
        if (s.extra(SubtaskFigures.ROW_GROUPS_READ) > 0) {
            parts.add("row groups read=" + s.extra(SubtaskFigures.ROW_GROUPS_READ));
        }
        if (s.extra(SubtaskFigures.COLUMNS_DECODED) > 0) {
            parts.add("column chunks decoded=" + s.extra(SubtaskFigures.COLUMNS_DECODED));
        }
        if (s.extra(SubtaskFigures.BYTES_READ) > 0) {
            parts.add("bytes read=" + bytes(s.extra(SubtaskFigures.BYTES_READ)));
        }
        return parts.isEmpty() ? "" : "scan: " + String.join(", ", parts);
    }

    /** What left the stage(s) feeding an exchange. */
    private String crossing(PhysicalPlan input) {
        List<JobReport.Stage> in = figures.of(input);
        if (in.isEmpty()) {
            return "";
        }
        JobReport.Stage last = in.get(in.size() - 1);
        return "rows=" + last.rowsOut() + " batches=" + last.batchesOut() + " bytes=" + bytes(last.bytesOut());
    }

    // ---- diagrams ----------------------------------------------------------------------------------

    /** The syntax of one diagram language. */
    private interface Syntax {
        void begin(StringBuilder sb);

        void node(StringBuilder sb, String id, List<String> lines);

        void edge(StringBuilder sb, String from, String to, List<String> label);

        void end(StringBuilder sb);
    }

    private String graph(Syntax syntax) {
        StringBuilder sb = new StringBuilder();
        syntax.begin(sb);
        List<String> collect = new ArrayList<>(List.of("Collect  [parallelism 1]"));
        if (job != null) {
            collect.add("rows=" + job.rows() + ", " + millis(job.duration().toNanos()));
        }
        syntax.node(sb, "n0", collect);
        int[] next = {1};
        Edge top = graph(plan, syntax, sb, next);
        syntax.edge(sb, top.from(), "n0", top.label());
        syntax.end(sb);
        return sb.toString();
    }

    /** Where an edge into a consumer starts, and its label (the exchange it passes, what crossed). */
    private record Edge(String from, List<String> label) {
    }

    /** Draws the node's stages; an exchange becomes the label of the edge into its consumer. */
    private Edge graph(PhysicalPlan node, Syntax syntax, StringBuilder sb, int[] next) {
        if (node instanceof Exchange || node instanceof RangeExchange) {
            PhysicalPlan input = node.children().get(0);
            Edge in = graph(input, syntax, sb, next);
            List<String> label = new ArrayList<>(List.of(node.explainLine()));
            if (figures != null && !crossing(input).isEmpty()) {
                label.add(crossing(input));
            }
            return new Edge(in.from(), label);
        }
        String id = "n" + next[0]++;
        List<String> lines = new ArrayList<>();
        List<JobReport.Stage> stages = figures == null ? List.of() : figures.of(node);
        List<List<String>> ops = StageFigures.operators(node);
        List<String> steps = ops.isEmpty() ? List.of(node.describe()) : ops.get(0);
        for (int i = 0; i < steps.size(); i++) {
            String line = steps.get(i);
            if (!stages.isEmpty() && i < stages.get(0).steps().size()) {
                JobReport.Step st = stages.get(0).steps().get(i);
                line += "  (" + st.rowsIn() + " -> " + st.rowsOut() + " rows, " + millis(st.timeNanos()) + ", cpu "
                        + millis(st.cpuNanos()) + ")";
            }
            lines.add(line);
        }
        String footer = "[parallelism " + node.parallelism() + "]";
        if (!stages.isEmpty() && stages.get(0).parallelism() > 0) {
            JobReport.Stage s = stages.get(0);
            footer += " rows per subtask " + s.minRows() + "/" + s.medianRows() + "/" + s.maxRows() + ", peak "
                    + bytes(s.peakMemory()) + (s.spillBytes() > 0 ? ", spilled " + bytes(s.spillBytes()) : "");
        }
        lines.add(footer);
        syntax.node(sb, id, lines);
        for (PhysicalPlan c : node.children()) {
            Edge in = graph(c, syntax, sb, next);
            List<String> label = in.label();
            if (label.isEmpty() && figures != null && !crossing(c).isEmpty()) {
                label = List.of("forward", crossing(c));
            }
            syntax.edge(sb, in.from(), id, label);
        }
        return new Edge(id, List.of());
    }

    private static final class Mermaid implements Syntax {
        @Override
        public void begin(StringBuilder sb) {
            sb.append("flowchart BT\n");
        }

        @Override
        public void node(StringBuilder sb, String id, List<String> lines) {
            sb.append("  ").append(id).append("[\"").append(escape(lines)).append("\"]\n");
        }

        @Override
        public void edge(StringBuilder sb, String from, String to, List<String> label) {
            sb.append("  ").append(from).append(" -->");
            if (!label.isEmpty()) {
                sb.append("|\"").append(escape(label)).append("\"|");
            }
            sb.append(' ').append(to).append('\n');
        }

        @Override
        public void end(StringBuilder sb) {
        }

        private static String escape(List<String> lines) {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                // inside a quoted label only the quote must be escaped (Mermaid's entity syntax)
                out.add(l.replace("\"", "#quot;"));
            }
            return String.join("<br/>", out);
        }
    }

    private static final class Dot implements Syntax {
        @Override
        public void begin(StringBuilder sb) {
            sb.append("digraph floe {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\", fontsize=10];\n");
        }

        @Override
        public void node(StringBuilder sb, String id, List<String> lines) {
            sb.append("  ").append(id).append(" [label=\"").append(escape(lines)).append("\\l\"];\n");
        }

        @Override
        public void edge(StringBuilder sb, String from, String to, List<String> label) {
            sb.append("  ").append(from).append(" -> ").append(to);
            if (!label.isEmpty()) {
                sb.append(" [label=\"").append(escape(label)).append("\\l\"]");
            }
            sb.append(";\n");
        }

        @Override
        public void end(StringBuilder sb) {
            sb.append("}\n");
        }

        private static String escape(List<String> lines) {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                out.add(l.replace("\\", "\\\\").replace("\"", "\\\""));
            }
            return String.join("\\l", out);
        }
    }

    // ---- units -------------------------------------------------------------------------------------

    static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000)
                : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
