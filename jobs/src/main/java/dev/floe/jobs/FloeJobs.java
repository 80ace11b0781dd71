package dev.floe.jobs;

import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The main class of {@code floe-jobs.jar}: one subcommand per job. The same jar runs locally on an
 * embedded MiniCluster and under {@code flink run} on the cluster the client points at.
 *
 * <pre>{@code
 * flink-conf/bin/flink run jobs/target/floe-jobs.jar tpch --data examples/data/orders.csv
 * java <jvm flags> -cp jobs/target/floe-jobs.jar:<flink jars> dev.floe.jobs.FloeJobs --help
 * }</pre>
 */
@Command(name = "floe-jobs.jar", mixinStandardHelpOptions = true, version = "Floe jobs 0.1.0",
        description = "Floe jobs: each subcommand runs as Flink batch jobs, locally or under `flink run`.",
        subcommands = {TpchJob.class, RunJob.class, dev.floe.jobs.tpch.TpchGenerator.class,
                dev.floe.jobs.tpch.TpchCheck.class, dev.floe.jobs.tpcds.TpcdsGenerator.class,
                dev.floe.jobs.tpcds.TpcdsCheck.class, CommandLine.HelpCommand.class})
public final class FloeJobs implements Runnable {

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing subcommand: tpch, run, tpch-generate, tpch-check, tpcds-generate or tpcds-check");
    }

    public static void main(String[] args) {
        exit(new CommandLine(new FloeJobs()).execute(args));
    }

    /**
     * Ends a job's {@code main}: inside {@code flink run} a failure is thrown (the client reports it
     * and keeps running); in a plain JVM the process exits so that no Flink or S3 thread keeps it alive.
     */
    static void exit(int code) {
        if (underFlinkRun()) {
            if (code != 0) {
                throw new IllegalStateException("The Floe job failed (exit code " + code + "); see the output above");
            }
            return;
        }
        System.exit(code);
    }

    /** True inside {@code flink run}, where the client installed its context environment. */
    static boolean underFlinkRun() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
    }
}
