package dev.floe.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The JVM of one engine: starts it, then for each query runs the warm-ups and the measured runs,
 * appending one tab-separated line per run to the result file (flushed as it goes, so a killed
 * engine keeps what it measured; a {@code begin} line before each query says which one was
 * running), and finally its peak memory: the process's peak resident set ({@code VmHWM}, heap and
 * native memory) and the JVM heap's peak use. A watchdog ends the JVM when one run takes longer
 * than the per-query timeout, after writing an {@code error} line for that query; the harness
 * then starts a new JVM for the queries after it ({@link TpchBench}), so a slow peer does not
 * stall the benchmark.
 *
 * With a last argument {@code plan} each query is only planned ({@link Engine#plan}): a {@code planned}
 * line per query, or its {@code error} line.
 *
 * <pre>{@code java -Xmx4g ... dev.floe.bench.EngineRunner duckdb tpch /data/tpch-sf1 2 4g 1 3 results/duckdb.tsv 1,2,3 600}</pre>
 */
public final class EngineRunner {
    /** Exit code of a JVM the watchdog ended. */
    static final int TIMED_OUT = 3;

    private EngineRunner() {
    }

    public static void main(String[] args) throws Exception {
        String engineName = args[0];
        Suite suite = Suite.of(args[1]);
        String data = args[2];
        int parallelism = Integer.parseInt(args[3]);
        String heap = args[4];
        int warmups = Integer.parseInt(args[5]);
        int runs = Integer.parseInt(args[6]);
        Path resultFile = Path.of(args[7]);
        int[] queries = java.util.Arrays.stream(args[8].split(",")).mapToInt(Integer::parseInt).toArray();
        long timeoutNanos = Long.parseLong(args[9]) * 1_000_000_000L;
        boolean planOnly = args.length > 10 && args[10].equals("plan");
        int code = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND));
             Engine engine = Engine.create(engineName, suite, data, parallelism, heap)) {
            Watchdog watchdog = new Watchdog(out, timeoutNanos);
            synchronized (out) {
                out.println("settings\t" + engine.settings());
                out.flush();
            }
            engine.start();
            watchdog.start();
            for (int q : queries) {
                synchronized (out) {
                    out.println("begin\t" + q);
                    out.flush();
                }
                try {
                    if (planOnly) {
                        watchdog.watch(q);
                        long t0 = System.nanoTime();
                        engine.plan(q);
                        double s = (System.nanoTime() - t0) / 1e9;
                        watchdog.watch(0);
                        synchronized (out) {
                            out.printf(Locale.ROOT, "planned\t%d\t%.4f%n", q, s);
                            out.flush();
                        }
                        System.out.printf(Locale.ROOT, "%s Q%02d planned: %.3f s%n", engineName, q, s);
                        continue;
                    }
                    for (int i = 0; i < warmups + runs; i++) {
                        watchdog.watch(q);
                        long t0 = System.nanoTime();
                        long rows = engine.run(q);
                        double s = (System.nanoTime() - t0) / 1e9;
                        watchdog.watch(0);
                        String phase = i < warmups ? "warmup" : "run";
                        synchronized (out) {
                            out.printf(Locale.ROOT, "%s\t%d\t%d\t%.4f\t%d%n", phase, q, i, s, rows);
                            out.flush();
                        }
                        System.out.printf(Locale.ROOT, "%s Q%02d %s %d: %.3f s, %d rows%n", engineName, q, phase, i, s, rows);
                    }
                } catch (Throwable e) {
                    watchdog.watch(0);
                    String msg = describe(e);
                    synchronized (out) {
                        out.println("error\t" + q + "\t" + msg);
                        out.flush();
                    }
                    System.out.println(engineName + " Q" + q + " failed: " + e);
                    e.printStackTrace(System.out);
                }
            }
            synchronized (out) {
                out.printf(Locale.ROOT, "memory\t%d\t%d%n", peakRss(), peakHeap());
            }
        } catch (Throwable e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    /**
     * One line of at most 400 characters saying why a query failed: the innermost cause first (Flink
     * wraps a reader's or planner's error in "Failed to fetch next result" and job exceptions), then
     * the outermost exception when it is another one.
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root == e ? String.valueOf(e) : root + " (in " + clip(String.valueOf(e), 150) + ")";
        return clip(msg.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '), 400);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }

    /** Ends the JVM when the watched query runs past the timeout, recording the timeout first. */
    private static final class Watchdog extends Thread {
        private final PrintWriter out;
        private final long timeoutNanos;
        private volatile int query;
        private volatile long since;

        Watchdog(PrintWriter out, long timeoutNanos) {
            super("bench-watchdog");
            setDaemon(true);
            this.out = out;
            this.timeoutNanos = timeoutNanos;
        }

        /** Starts the clock for query q (0 = nothing running). */
        void watch(int q) {
            since = System.nanoTime();
            query = q;
        }

        @Override
        public void run() {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                int q = query;
                if (q != 0 && System.nanoTime() - since > timeoutNanos) {
                    synchronized (out) {
                        out.printf(Locale.ROOT, "error\t%d\ttimeout: a run took longer than %d s%n", q, timeoutNanos / 1_000_000_000L);
                        out.printf(Locale.ROOT, "memory\t%d\t%d%n", peakRss(), peakHeap());
                        out.flush();
                    }
                    System.out.println("Q" + q + " timed out; ending this engine JVM");
                    Runtime.getRuntime().halt(TIMED_OUT);
                }
            }
        }
    }

    /** The peak resident set size of this process in bytes (Linux {@code VmHWM}), or -1. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The sum of the heap pools' peak use in bytes. */
    static long peakHeap() {
        long sum = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean p : pools) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
