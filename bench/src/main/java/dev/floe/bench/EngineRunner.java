package dev.floe.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The JVM of one engine: starts it, then for each query runs the warm-ups and the measured runs,
 * appending one tab-separated line per run to the result file (flushed as it goes, so a killed
 * engine keeps what it measured), and finally its peak memory: the process's peak resident set
 * ({@code VmHWM}, heap and native memory) and the JVM heap's peak use.
 *
 * <pre>{@code java -Xmx4g ... dev.floe.bench.EngineRunner duckdb /data/tpch-sf1 2 4g 1 3 results/duckdb.tsv 1,2,3}</pre>
 */
public final class EngineRunner {
    private EngineRunner() {
    }

    public static void main(String[] args) throws Exception {
        String engineName = args[0];
        String data = args[1];
        int parallelism = Integer.parseInt(args[2]);
        String heap = args[3];
        int warmups = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        Path resultFile = Path.of(args[6]);
        int[] queries = java.util.Arrays.stream(args[7].split(",")).mapToInt(Integer::parseInt).toArray();
        int code = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8));
             Engine engine = Engine.create(engineName, data, parallelism, heap)) {
            out.println("settings\t" + engine.settings());
            out.flush();
            engine.start();
            for (int q : queries) {
                try {
                    for (int i = 0; i < warmups + runs; i++) {
                        long t0 = System.nanoTime();
                        long rows = engine.run(q);
                        double s = (System.nanoTime() - t0) / 1e9;
                        String phase = i < warmups ? "warmup" : "run";
                        out.printf(Locale.ROOT, "%s\t%d\t%d\t%.4f\t%d%n", phase, q, i, s, rows);
                        out.flush();
                        System.out.printf(Locale.ROOT, "%s Q%02d %s %d: %.3f s, %d rows%n", engineName, q, phase, i, s, rows);
                    }
                } catch (Throwable e) {
                    String msg = String.valueOf(e).replace('\n', ' ').replace('\t', ' ');
                    out.println("error\t" + q + "\t" + (msg.length() > 400 ? msg.substring(0, 400) : msg));
                    out.flush();
                    System.out.println(engineName + " Q" + q + " failed: " + e);
                    e.printStackTrace(System.out);
                }
            }
            out.printf(Locale.ROOT, "memory\t%d\t%d%n", peakRss(), peakHeap());
        } catch (Throwable e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
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
