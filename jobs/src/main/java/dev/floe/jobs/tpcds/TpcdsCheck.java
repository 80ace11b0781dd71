package dev.floe.jobs.tpcds;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the 99 TPC-DS queries (the texts shipped in this jar, {@link TpcdsSchema#query}) through
 * {@code floe.sql} over data written by {@link TpcdsGenerator} and compares each result with the
 * SF 1 answers by {@link TpcdsAnswers}' rules. Per query it prints one line: {@code PASS},
 * {@code FAIL} with the first difference, or {@code ERROR} with the first line of the error, split
 * into {@code does not parse/bind} (the DataFrame could not be built from the SQL) and
 * {@code does not run} (execution failed); then a summary. The exit code is the number of
 * queries that did not pass.
 *
 * <pre>{@code
 * java <jvm flags> -cp floe-jobs.jar:<flink jars> dev.floe.jobs.FloeJobs tpcds-check \
 *     --data data/tpcds-sf1 --answers ../shared/tpcds/answers-sf1 [--queries 3,7,42]
 * }</pre>
 */
@Command(name = "tpcds-check", mixinStandardHelpOptions = true,
        description = "Runs the 99 TPC-DS queries through floe.sql over generated Parquet data and compares each "
                + "result with the SF 1 answers (01.csv ... 99.csv), printing PASS/FAIL/ERROR per query.")
public final class TpcdsCheck implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Directory with one sub-directory per table (tpcds-generate's --out).")
    Path data;

    @Option(names = "--answers", description = "Directory with 01.csv ... 99.csv (default ${DEFAULT-VALUE}).")
    Path answers = Path.of("../shared/tpcds/answers-sf1");

    @Option(names = "--queries", split = ",", description = "Query numbers to run (default: 1 to 99).")
    List<Integer> queries;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TpcdsCheck()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(answers)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--answers: no directory " + answers.toAbsolutePath()
                    + "; pass the directory holding 01.csv ... 99.csv");
        }
        List<Integer> numbers = queries != null ? queries : range();
        int passed = 0;
        int failed = 0;
        int unbound = 0;
        int crashed = 0;
        long start = System.nanoTime();
        try (Floe floe = Floe.fromEnvironment()) {
            TpcdsQueries tpcds = TpcdsQueries.parquet(floe, data.toAbsolutePath().toString());
            System.out.printf(Locale.ROOT, "TPC-DS check of %s against %s, parallelism %d%n", data, answers, floe.parallelism());
            for (int n : numbers) {
                long t0 = System.nanoTime();
                DataFrame df;
                try {
                    df = tpcds.query(n);
                } catch (RuntimeException e) {
                    unbound++;
                    report(n, "ERROR", t0, "does not parse/bind: " + firstLine(e));
                    continue;
                }
                List<List<Object>> rows;
                try (Table result = df.toTable()) {
                    rows = result.toRows();
                } catch (RuntimeException e) {
                    crashed++;
                    report(n, "ERROR", t0, "does not run: " + firstLine(e));
                    continue;
                }
                String difference = TpcdsAnswers.firstDifference(rows,
                        TpcdsAnswers.read(answers.resolve(String.format(Locale.ROOT, "%02d.csv", n))));
                if (difference == null) {
                    passed++;
                    report(n, "PASS", t0, rows.size() + " rows");
                } else {
                    failed++;
                    report(n, "FAIL", t0, difference);
                }
            }
        }
        System.out.printf(Locale.ROOT, "TPC-DS: %d passed, %d failed, %d do not parse/bind, %d do not run, of %d (%.1f s)%n",
                passed, failed, unbound, crashed, numbers.size(), (System.nanoTime() - start) / 1e9);
        return numbers.size() - passed;
    }

    private static void report(int n, String verdict, long t0, String detail) {
        System.out.printf(Locale.ROOT, "Q%02d %-5s %7.2f s  %s%n", n, verdict, (System.nanoTime() - t0) / 1e9, detail);
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static List<Integer> range() {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= TpcdsSchema.QUERIES; i++) {
            all.add(i);
        }
        return all;
    }
}
