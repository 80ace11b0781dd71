package dev.floe.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the last job of a session did, as {@code floe.lastJob()} returns it after every action
 * (Spark's SQL tab or Daft's {@code df.metrics} in one value): the Flink job, how long it took, and
 * per stage (one Flink operator, steps fused between exchanges) its parallelism, rows per subtask
 * and each step's figures. {@link DataFrame#explainAnalyze()} prints the same figures on the plan.
 *
 * <pre>{@code
 * df.collect();
 * JobReport job = floe.lastJob();
 * System.out.println(job.jobId() + " took " + job.duration().toMillis() + " ms: " + job.webUi());
 * JobReport.Step filter = job.step("Filter:");
 * filter.rowsIn(); filter.rowsOut();
 * }</pre>
 *
 * @param jobId    the Flink job id
 * @param jobName  the Flink job name ({@code Floe collect at MyJob.java:42: ...})
 * @param action   the action that ran it ({@code collect}, {@code toTable}, {@code writeParquet}, ...)
 * @param webUi    the job's page in the Flink Web UI, or null (inside {@code flink run})
 * @param duration the job's run time on the cluster
 * @param rows     rows the action returned to the client
 * @param stages   every stage in the order the physical plan prints them (the collect first, scans last)
 */
public record JobReport(String jobId, String jobName, String action, String webUi, Duration duration, long rows,
        List<Stage> stages) {

    public JobReport {
        stages = List.copyOf(stages);
    }

    /** The first stage whose name contains {@code text}; fails naming the stages when none does. */
    public Stage stage(String text) {
        for (Stage s : stages) {
            if (s.name().contains(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("No stage of job " + jobId + " contains '" + text + "'; stages: "
                + stages.stream().map(Stage::name).toList());
    }

    /** The first step (of any stage) whose name starts with {@code prefix}; fails naming the steps when none does. */
    public Step step(String prefix) {
        List<String> names = new ArrayList<>();
        for (Stage s : stages) {
            for (Step st : s.steps()) {
                if (st.name().startsWith(prefix)) {
                    return st;
                }
                names.add(st.name());
            }
        }
        throw new IllegalArgumentException("No step of job " + jobId + " starts with '" + prefix + "'; steps: " + names);
    }

    /** Bytes all stages spilled to local disk. */
    public long spillBytes() {
        return stages.stream().mapToLong(Stage::spillBytes).sum();
    }

    /**
     * One Flink operator: steps fused between exchanges. Sums are over subtasks, peaks are the
     * highest of any subtask.
     *
     * @param name            the operator's name (its steps' one-line descriptions joined by {@code ->})
     * @param parallelism     subtasks that reported figures
     * @param rowsPerSubtask  rows that entered the stage's first step, per subtask in index order (the skew)
     * @param bytesIn         encoded bytes received over exchanges
     * @param bytesOut        encoded bytes sent on
     * @param peakMemory      the most Arrow memory one subtask held at once
     * @param extras          figures only some stages have, summed: a scan's {@code row_groups_read},
     *                        {@code bytes_read}, {@code columns_decoded}; from the plan its
     *                        {@code files_total}, {@code files_skipped}, {@code row_groups_total},
     *                        {@code row_groups_skipped}
     * @param steps           the stage's steps in order, figures summed over subtasks
     */
    public record Stage(String name, int parallelism, List<Long> rowsPerSubtask, long rowsOut, long batchesIn,
            long batchesOut, long bytesIn, long bytesOut, long spillBytes, long spillFiles, long peakMemory,
            Map<String, Long> extras, List<Step> steps) {

        public Stage {
            rowsPerSubtask = List.copyOf(rowsPerSubtask);
            extras = Map.copyOf(extras);
            steps = List.copyOf(steps);
        }

        public long minRows() {
            return rowsPerSubtask.stream().mapToLong(Long::longValue).min().orElse(0);
        }

        /** The median of rows per subtask (the lower middle for an even count). */
        public long medianRows() {
            List<Long> sorted = rowsPerSubtask.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
        }

        public long maxRows() {
            return rowsPerSubtask.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        /** An extra figure, or 0 when the stage has none of that name. */
        public long extra(String name) {
            return extras.getOrDefault(name, 0L);
        }
    }

    /**
     * One step of a stage, summed over the stage's subtasks ({@code peakMemory}: the highest).
     *
     * @param timeNanos the step's own wall time (what the steps after it took inside its calls is not counted)
     * @param cpuNanos  the CPU time the step's threads used in it, counted the same way (0 where the JVM
     *                  cannot measure thread CPU time); wall time minus CPU time is what it waited
     */
    public record Step(String name, long rowsIn, long rowsOut, long batchesIn, long batchesOut, long timeNanos,
            long cpuNanos, long spillBytes, long peakMemory) {
    }
}
