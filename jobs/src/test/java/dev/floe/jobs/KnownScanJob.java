package dev.floe.jobs;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;

/**
 * A user job for {@code floe-jobs.jar run --class}: prints {@code explainAnalyze()} of three known
 * scans, so that a test can check a {@code flink run} job's pruning and spill figures against
 * DuckDB's reading of the same files: the Parquet file args[0] filtered on {@code id < 3000}
 * (row groups skipped), the hive-partitioned folder args[1] filtered on {@code p = 2} (files
 * skipped), and args[0] sorted by {@code v} (spilled under a lowered floe.operator.memory-budget).
 */
public final class KnownScanJob implements FloeJob {
    @Override
    public void run(Floe floe, String[] args) {
        System.out.println(floe.readParquet(args[0]).where(col("id").lt(lit(3000L))).explainAnalyze());
        System.out.println(floe.readParquet(args[1]).where(col("p").eq(lit(2L))).explainAnalyze());
        System.out.println(floe.readParquet(args[0]).sort(col("v"), col("id")).explainAnalyze());
    }
}
