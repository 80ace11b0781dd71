package dev.floe.jobs;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;

import dev.floe.Floe;
import dev.floe.api.CsvOptions;
import dev.floe.api.JobReport;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A TPC-H style report over the {@code orders} table: orders, revenue and price statistics per
 * priority and status (a two-phase aggregation over a hash exchange, then a range-partitioned sort).
 *
 * <pre>{@code flink-conf/bin/flink run jobs/target/floe-jobs.jar tpch --data examples/data/orders.csv}</pre>
 */
@Command(name = "tpch", mixinStandardHelpOptions = true,
        description = "Orders per priority and status (TPC-H orders columns: o_orderpriority, o_orderstatus, "
                + "o_totalprice) over CSV files, sorted by priority and status.")
final class TpchJob implements Callable<Integer> {
    @Option(names = {"-d", "--data"}, required = true, split = ",", paramLabel = "PATH",
            description = "orders CSV files, directories or globs (any Flink path: file://, s3://, hdfs://)")
    List<String> data;

    @Option(names = "--delimiter", defaultValue = ",", description = "field delimiter (`|` for dbgen .tbl files with a header row), default: ${DEFAULT-VALUE}")
    char delimiter;

    @Option(names = "--format", defaultValue = "table", description = "table or csv, default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--explain", description = "print the logical, optimized and physical plans first")
    boolean explain;

    @Option(names = "--figures", description = "print what each step did (floe.lastJob()) after the result")
    boolean figures;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        try (Floe floe = Floe.fromEnvironment()) {
            DataFrame report = ordersByPriority(floe, CsvOptions.builder().delimiter(delimiter).build(),
                    data.toArray(String[]::new));
            if (explain) {
                System.out.println(report.explain(true));
            }
            try (Table result = report.toTable()) {
                System.out.print(Output.format(result, format));
            }
            if (figures) {
                System.out.print(figures(floe.lastJob()));
            }
        }
        System.out.printf("tpch: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** One line per step of every stage: {@code figures: <step>: rows_in=N rows_out=N subtasks=N}. */
    static String figures(JobReport job) {
        StringBuilder sb = new StringBuilder();
        for (JobReport.Stage stage : job.stages()) {
            for (JobReport.Step step : stage.steps()) {
                sb.append("figures: ").append(step.name()).append(": rows_in=").append(step.rowsIn())
                        .append(" rows_out=").append(step.rowsOut()).append(" subtasks=").append(stage.parallelism())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** The report's plan; public so that tests and other jobs can reuse it. */
    static DataFrame ordersByPriority(Floe floe, CsvOptions options, String... paths) {
        return floe.readCsv(options, paths)
                .groupBy("o_orderpriority", "o_orderstatus")
                .agg(count().alias("order_count"),
                        col("o_totalprice").sum().alias("revenue"),
                        col("o_totalprice").mean().alias("avg_price"),
                        col("o_totalprice").max().alias("max_price"))
                .sort("o_orderpriority", "o_orderstatus");
    }
}
