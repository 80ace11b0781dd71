package dev.floe.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.floe.Floe;
import dev.floe.api.CloseableIterator;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The client JVM's heap while it reads a large result (issue 15 item 1): a cluster JVM
 * ({@code Floe.local}) runs the jobs, and one fresh client JVM per way of reading submits over REST
 * and reads {@code --rows} rows of lineitem's columns, so the figures are the client's alone.
 * Per client: the sum of the heap pools' peaks (what a heap graph's top shows), the most the heap
 * held right before a collection, the most it kept right after one (the live peak: what the
 * reading itself retains), and the process's peak resident set.
 *
 * <pre>{@code bench/run-tpch collect-heap --data data/tpch-sf1 --rows 3000000 [--client-heap 6g] [--threshold 64mb]}</pre>
 */
public final class CollectHeap {
    private static final List<String> COLUMNS = List.of("l_orderkey", "l_partkey", "l_suppkey", "l_quantity",
            "l_extendedprice", "l_discount", "l_shipdate", "l_returnflag");

    private CollectHeap() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        switch (args.length == 0 ? "" : args[0]) {
            case "cluster" -> cluster(Integer.parseInt(opts.getOrDefault("--slots", "2")));
            case "client" -> client(Integer.parseInt(opts.get("--port")), opts.get("--data"),
                    Long.parseLong(opts.get("--rows")), opts.get("--mode"), opts.get("--threshold"));
            default -> harness(opts);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i], args[++i]);
            }
        }
        return opts;
    }

    /** Starts the cluster JVM, one client JVM per way of reading, and prints the table. */
    private static void harness(Map<String, String> opts) throws Exception {
        String data = opts.getOrDefault("--data", "data/tpch-sf1");
        String rows = opts.getOrDefault("--rows", "3000000");
        String clientHeap = opts.get("--client-heap");
        String threshold = opts.getOrDefault("--threshold", "64mb");
        Process cluster = java(opts.getOrDefault("--cluster-heap", "4g"), "cluster", "--slots",
                opts.getOrDefault("--slots", "2"));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8));
            String port = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("port ")) {
                    port = line.substring(5).trim();
                    break;
                }
            }
            if (port == null) {
                throw new IllegalStateException("The cluster JVM ended before it printed its REST port");
            }
            System.out.println("| reading " + rows + " rows | client -Xmx | sum of heap pool peaks | heap before GC, max "
                    + "| live heap after GC, max | peak RSS | seconds |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String mode : opts.getOrDefault("--modes", "collect,iterBatches").split(",")) {
                Process client = java(clientHeap, "client", "--port", port, "--data", data, "--rows", rows, "--mode", mode,
                        "--threshold", threshold);
                client.getInputStream().transferTo(System.out);
                if (client.waitFor() != 0) {
                    throw new IllegalStateException("The " + mode + " client failed (exit " + client.exitValue() + ")");
                }
            }
        } finally {
            cluster.getOutputStream().close();
            if (!cluster.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                cluster.destroy();
            }
        }
    }

    /** This JVM's java, flags and class path with another heap, running {@code args}. */
    private static Process java(String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-Xmx")) {
                cmd.add(flag);
            }
        }
        if (heap != null) {
            cmd.add("-Xmx" + heap);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CollectHeap.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** A MiniCluster until stdin ends. */
    private static void cluster(int slots) throws Exception {
        try (Floe floe = Floe.local(slots)) {
            System.out.println("port " + floe.restAddress().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // the harness closes stdin when it is done
            }
        }
    }

    private static void client(int port, String data, long rows, String mode, String threshold) throws Exception {
        AtomicLong beforeGc = new AtomicLong();
        AtomicLong afterGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
                    beforeGc.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
                    afterGc.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
                }
            }, null, null);
        }
        long start = System.nanoTime();
        long read = 0;
        try (Floe floe = Floe.builder().remote("127.0.0.1", port).parallelism(2)
                .config("floe.collect.spill-threshold", threshold).build()) {
            DataFrame df = floe.readParquet(data + "/lineitem")
                    .select(COLUMNS.stream().map(dev.floe.api.Functions::col).toArray(dev.floe.api.Expression[]::new))
                    .limit(rows);
            if (mode.equals("collect")) {
                df.collect();
                read = floe.lastJob().rows();
            } else if (mode.equals("iterBatches")) {
                try (CloseableIterator<Table> batches = df.iterBatches()) {
                    while (batches.hasNext()) {
                        try (Table t = batches.next()) {
                            read += t.numRows();
                        }
                    }
                }
            } else {
                throw new IllegalArgumentException("--mode collect or iterBatches, not " + mode);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "| %s (%,d rows) | %s | %s | %s | %s | %s | %.1f |%n", mode, read,
                mib(Runtime.getRuntime().maxMemory()), mib(EngineRunner.peakHeap()), mib(beforeGc.get()),
                mib(afterGc.get()), mib(EngineRunner.peakRss()), seconds);
    }

    /** Bytes used by the heap pools in a GC's before or after figures. */
    private static long heap(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP && pools.containsKey(p.getName())) {
                sum += pools.get(p.getName()).getUsed();
            }
        }
        return sum;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }
}
