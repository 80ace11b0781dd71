package dev.floe.jobs.tpch;

import dev.floe.Floe;
import dev.floe.arrow.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the 22 {@link TpchQueries} (the DataFrame versions, or with {@code --sql} the standard SQL
 * texts through {@code floe.sql}) over generated data and checks each result against the official
 * answer set with {@link TpchAnswers}' tolerances, printing PASS or FAIL per query; the exit code
 * is the number of failed queries (0 = all passed).
 *
 * <pre>{@code
 * java <jvm flags> -cp floe-jobs.jar:<flink jars> dev.floe.jobs.FloeJobs tpch-check \
 *     --data data/tpch-sf1 --answers ../shared/tpch-answers/sf1 [--sql]
 * }</pre>
 */
@Command(name = "tpch-check", mixinStandardHelpOptions = true,
        description = "Runs the 22 TPC-H queries over generated data (Parquet or CSV) and compares each result "
                + "with the official answers (q01.csv ... q22.csv), printing PASS/FAIL per query.")
public final class TpchCheck implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Directory with one sub-directory per table (TpchGenerator's --out).")
    Path data;

    @Option(names = "--answers", required = true, description = "Directory with q01.csv ... q22.csv ('|'-delimited, a header line).")
    Path answers;

    @Option(names = "--format", description = "parquet or csv (default: parquet when lineitem/ holds .parquet files).")
    String format;

    @Option(names = "--queries", split = ",", description = "Query numbers to run (default: 1 to 22).")
    List<Integer> queries;

    @Option(names = "--sql", description = "Run the standard SQL texts (io.trino.tpch's qN.sql, the ones the benchmark's peers"
            + " run) through floe.sql instead of the DataFrame versions.")
    boolean sql;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TpchCheck()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : detectFormat(data);
        List<Integer> numbers = queries != null ? queries : range();
        int failed = 0;
        long start = System.nanoTime();
        try (Floe floe = Floe.fromEnvironment()) {
            String dir = data.toAbsolutePath().toString();
            TpchQueries tpch = switch (fmt) {
                case "parquet" -> TpchQueries.parquet(floe, dir);
                case "csv" -> TpchQueries.csv(floe, dir);
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "--format must be parquet or csv, was '" + format + "'");
            };
            System.out.printf(Locale.ROOT, "TPC-H check of %s (%s, %s) against %s, parallelism %d%n",
                    data, fmt, sql ? "SQL texts through floe.sql" : "DataFrame API", answers, floe.parallelism());
            for (int n : numbers) {
                Path answer = answers.resolve(String.format(Locale.ROOT, "q%02d.csv", n));
                long t0 = System.nanoTime();
                List<String> problems;
                int rows = 0;
                try (Table result = (sql ? tpch.sql(floe, n) : tpch.query(n)).toTable()) {
                    List<List<Object>> actual = result.toRows();
                    rows = actual.size();
                    problems = TpchAnswers.compare(actual, TpchAnswers.read(answer));
                } catch (RuntimeException e) {
                    problems = List.of("failed: " + e);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (problems.isEmpty()) {
                    System.out.printf(Locale.ROOT, "Q%02d PASS %6d rows %7.2f s%n", n, rows, seconds);
                } else {
                    failed++;
                    System.out.printf(Locale.ROOT, "Q%02d FAIL %6d rows %7.2f s%n", n, rows, seconds);
                    for (String p : problems) {
                        System.out.println("    " + p);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d passed, %d failed (%.1f s)%n", numbers.size() - failed, failed,
                (System.nanoTime() - start) / 1e9);
        return failed;
    }

    private static List<Integer> range() {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= TpchQueries.COUNT; i++) {
            all.add(i);
        }
        return all;
    }

    static String detectFormat(Path data) throws java.io.IOException {
        Path lineitem = data.resolve("lineitem");
        if (Files.isDirectory(lineitem)) {
            try (Stream<Path> files = Files.list(lineitem)) {
                if (files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"))) {
                    return "parquet";
                }
            }
        }
        return "csv";
    }
}
