package dev.floe.fuzz;

import dev.floe.Floe;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.SharedCluster;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code bench/run-fuzz --seed S --queries N [--from K] [--only K] [--print]}: runs the differential fuzzer
 * on an embedded MiniCluster and prints a reproducer (tables, the DataFrame program as Java, the
 * DuckDB SQL, the difference) for every mismatch or unexpected error ({@code --print}: for every
 * query), then the counts. Exit
 * status 1 when any query mismatched or failed unexpectedly.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        long seed = 1;
        int queries = 1000;
        int from = 0;
        boolean print = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--from" -> from = Integer.parseInt(args[++i]);
                case "--print" -> print = true;
                case "--only" -> {
                    from = Integer.parseInt(args[++i]);
                    queries = 1;
                }
                default -> {
                    System.err.println("usage: bench/run-fuzz --seed S --queries N [--from K] [--only K] [--print]");
                    System.exit(2);
                }
            }
        }
        Map<Integer, Floe> sessions = new HashMap<>();
        DifferentialFuzzer.Report total = new DifferentialFuzzer.Report();
        long start = System.nanoTime();
        try (DuckOracle duck = new DuckOracle(true)) {
            DifferentialFuzzer fuzzer = new DifferentialFuzzer(duck, p -> sessions.computeIfAbsent(p, SharedCluster::floe), seed);
            fuzzer.printEvery = print;
            int chunk = 25;
            for (int k = from; k < from + queries; k += chunk) {
                int n = Math.min(chunk, from + queries - k);
                DifferentialFuzzer.Report r = fuzzer.run(k, n, text -> {
                    System.out.println(text);
                    System.out.flush();
                });
                r.skipped.forEach(line -> System.out.println("=== SKIPPED " + line));
                System.out.flush();
                total.queries += r.queries;
                total.nonEmpty += r.nonEmpty;
                total.withSetOps += r.withSetOps;
                total.withWindows += r.withWindows;
                r.counts.forEach((o, c) -> total.counts.merge(o, c, Integer::sum));
                System.err.printf("seed %d: queries %d..%d done, %s, %.0f s%n", seed, from, k + n - 1, total,
                        (System.nanoTime() - start) / 1e9);
                if (r.count(DifferentialFuzzer.Outcome.FLOE_HUNG) > 0) {
                    break;
                }
            }
        } finally {
            sessions.values().forEach(Floe::close);
        }
        System.out.println("=== SUMMARY seed " + seed + " from " + from + ": " + total);
        System.exit(total.problems() > 0 ? 1 : 0);
    }
}
