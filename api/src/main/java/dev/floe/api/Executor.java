package dev.floe.api;

import dev.floe.api.plan.LogicalPlan;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Table;

/**
 * Runs optimized logical plans. Actions on a {@link DataFrame} call it; the translator module
 * implements it on Flink (embedded MiniCluster, remote cluster, {@code flink run}).
 */
public interface Executor {

    /** Runs the plan as one job and returns every result row; the caller owns the table. */
    Table execute(LogicalPlan optimizedPlan, String action);

    /**
     * Runs the plan and hands out its result batches one at a time, each owned by the caller. This
     * default runs the whole plan first (the batches are then all in memory); executors that can
     * stream override it.
     */
    default CloseableIterator<RecordBatch> stream(LogicalPlan optimizedPlan, String action) {
        return Results.batchesOf(execute(optimizedPlan, action));
    }

    /**
     * Bytes of encoded results {@code collect()} keeps on the client heap; a larger result goes to
     * local files owned by the session. This default keeps everything in memory.
     */
    default long collectSpillThreshold() {
        return Long.MAX_VALUE;
    }

    /** The physical (Flink) plan the executor would run, as text. */
    String explainPhysical(LogicalPlan optimizedPlan);

    /** Parallelism used for jobs and for splitting in-memory data. */
    int parallelism();

    /**
     * The physical plan drawn in {@code format}; {@link Format#TEXT} is {@link #explainPhysical(LogicalPlan)}.
     */
    default String explainPhysical(LogicalPlan optimizedPlan, Format format) {
        if (format == Format.TEXT) {
            return explainPhysical(optimizedPlan);
        }
        throw new UnsupportedOperationException("This executor draws plans as text only, not " + format);
    }

    /**
     * Runs the plan as one job (its result is dropped) and returns the physical plan annotated with
     * what each stage and step did.
     */
    default String explainAnalyze(LogicalPlan optimizedPlan, Format format) {
        throw new UnsupportedOperationException("explainAnalyze needs an executor that runs jobs on Flink");
    }

    /** What the last job this executor ran did, or null before the first. */
    default JobReport lastJob() {
        return null;
    }
}
