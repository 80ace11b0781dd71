package dev.floe.jobs;

import dev.floe.Floe;

/**
 * A user program that builds DataFrames on the session it is given; {@code floe-jobs.jar run
 * --class <name>} runs it locally or under {@code flink run} with the same code.
 *
 * <pre>{@code
 * public final class Top10 implements FloeJob {
 *     public void run(Floe floe, String[] args) {
 *         floe.readCsv(args[0]).sort(col("o_totalprice").desc()).limit(10).show();
 *     }
 * }
 * // flink-conf/bin/flink run -C file:///path/to/classes/ jobs/target/floe-jobs.jar run --class Top10 data.csv
 * }</pre>
 *
 * Implementations need a public no-argument constructor.
 */
@FunctionalInterface
public interface FloeJob {
    /** Runs the job; {@code floe} is a session on the cluster this program was started on. */
    void run(Floe floe, String[] args) throws Exception;
}
