package dev.floe.jobs;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;

/**
 * A user job for {@code floe-jobs.jar run --class}: prints {@code explainAnalyze()} of the rows of
 * the CSV files in args[0] whose {@code id} is below args[1], so that a test can check the figures
 * a {@code flink run} job brings back against the rows it wrote.
 */
public final class KnownFilterJob implements FloeJob {
    @Override
    public void run(Floe floe, String[] args) {
        System.out.println(floe.readCsv(args[0]).where(col("id").lt(lit(Long.parseLong(args[1])))).explainAnalyze());
    }
}
