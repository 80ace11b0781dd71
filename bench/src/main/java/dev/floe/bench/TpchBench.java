package dev.floe.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The TPC-H and TPC-DS benchmarks ({@code --suite}): for each engine (Floe, Flink SQL, Spark, DuckDB) one JVM with the same heap
 * and flags ({@link EngineRunner}) runs every query over the same Parquet files with warm-ups and
 * measured runs; this process then prints the median seconds per query and engine, the Floe/peer
 * ratios with their geometric means, the peers' settings and each engine's peak memory, and writes
 * {@code results.csv}, {@code results.json} and {@code results.md} to the output directory.
 *
 * A run longer than {@code --query-timeout-s} ends that engine's JVM with a timeout recorded for the
 * query, and a new JVM goes on with the next query; a JVM that dies otherwise is restarted the same way.
 *
 * <pre>{@code
 * bench/run-tpch bench --data data/tpch-sf1 --parallelism 2 --runs 3
 * bench/run-tpch bench --suite tpcds --data data/tpcds-sf1 --label "SF 1" --out bench/results-tpcds
 * }</pre>
 */
@Command(name = "tpch-bench", mixinStandardHelpOptions = true,
        description = "TPC-H or TPC-DS over Parquet: Floe vs Flink SQL, Spark and DuckDB, each in its own JVM.")
public final class TpchBench implements Callable<Integer> {
    static final List<String> ENGINES = List.of("floe", "flink-sql", "spark", "duckdb");
    private static final Map<String, String> TITLES = Map.of(
            "floe", "Floe", "flink-sql", "Flink SQL", "spark", "Spark", "duckdb", "DuckDB");

    /** Flags every engine JVM gets: the Java 17 opens Arrow, Flink and Spark need. */
    private static final List<String> JVM_FLAGS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true",
            "-Darrow.allocation.manager.type=Unsafe", "-XX:+UseParallelGC");

    @Option(names = "--suite", description = "tpch or tpcds (default ${DEFAULT-VALUE}).")
    String suiteName = "tpch";

    @Option(names = "--data", required = true, description = "Parquet directory of the suite's tables (tpch-generate --format parquet, tpcds-generate).")
    Path data;

    @Option(names = "--engines", split = ",", description = "Engines to run (default: floe,flink-sql,spark,duckdb).")
    List<String> engines = ENGINES;

    @Option(names = "--queries", split = ",", description = "Query numbers (default: all of the suite, 1 to 22 or 1 to 99).")
    List<Integer> queries;

    @Option(names = "--parallelism", description = "Slots / local[N] / threads of every engine (default ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(names = "--heap", description = "-Xmx of every engine JVM, and DuckDB's memory_limit (default ${DEFAULT-VALUE}).")
    String heap = "4g";

    @Option(names = "--warmups", description = "Unmeasured runs per query (default ${DEFAULT-VALUE}).")
    int warmups = 1;

    @Option(names = "--runs", description = "Measured runs per query (default ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(names = "--out", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("bench", "results");

    @Option(names = "--label", description = "Data set label printed with the results, e.g. 'SF 1'.")
    String label = "";

    @Option(names = "--jfr", description = "Record a JFR profile of the Floe JVM to <out>/floe.jfr.")
    boolean jfr;

    @Option(names = "--report-only", description = "Run nothing: make the report from the <out>/<engine>.tsv files of earlier runs.")
    boolean reportOnly;

    @Option(names = "--timeout-min", description = "Minutes after which an engine JVM is stopped (default ${DEFAULT-VALUE}).")
    int timeoutMinutes = 120;

    @Option(names = "--query-timeout-s", description = "Seconds one run of a query may take before its engine JVM is ended"
            + " and a new one goes on with the next query (default ${DEFAULT-VALUE}).")
    int queryTimeoutSeconds = 600;

    @Option(names = "--plan-only", description = "Only parse, bind and optimize each query in each engine (no run): lists"
            + " the queries an engine's SQL dialect or planner rejects, in seconds per query; the report shows the errors.")
    boolean planOnly;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TpchBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--runs must be >= 1");
        }
        Suite suite = Suite.of(suiteName);
        List<Integer> qs = queries != null ? queries : suite.all();
        Files.createDirectories(out);
        String dataDir = data.toAbsolutePath().normalize().toString();
        String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16);
        String loadBefore = loadAverage();
        Map<String, EngineResult> results = new LinkedHashMap<>();
        for (String engine : engines) {
            if (!ENGINES.contains(engine)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "Unknown engine " + engine);
            }
            if (reportOnly) {
                results.put(engine, EngineResult.read(engine, out.resolve(engine + ".tsv")));
                continue;
            }
            System.out.printf(Locale.ROOT, "== %s (load average %s)%n", TITLES.get(engine), loadAverage());
            results.put(engine, runEngine(engine, suite, dataDir, qs));
        }
        String loadAfter = loadAverage();
        Report report = new Report(suite.title, results, qs, label, started, parallelism, heap, warmups, runs, loadBefore,
                loadAfter, dataDir, String.join(" ", JVM_FLAGS));
        String table = report.text();
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.csv"), report.csv(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.json"), report.json(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + out.resolve("results.md") + ", results.csv and results.json");
        return 0;
    }

    private EngineResult runEngine(String engine, Suite suite, String dataDir, List<Integer> qs)
            throws IOException, InterruptedException {
        Path resultFile = out.resolve(engine + ".tsv");
        Path log = out.resolve(engine + ".log");
        Files.deleteIfExists(resultFile);
        Files.deleteIfExists(log);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(timeoutMinutes);
        List<Integer> remaining = new ArrayList<>(qs);
        String exit = "0";
        while (!remaining.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                System.out.println("  " + engine + " did not finish within " + timeoutMinutes + " min; queries "
                        + remaining + " not run");
                exit = "timeout";
                break;
            }
            Process p = new ProcessBuilder(engineCommand(engine, suite, dataDir, resultFile, remaining))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                p.destroyForcibly().waitFor();
            }
            exit = Integer.toString(p.exitValue());
            // the queries after the last one begun (its lines say how it ended); one that ended without
            // a line died with its JVM
            Integer begun = EngineResult.lastBegun(resultFile);
            int at = begun == null ? -1 : remaining.indexOf(begun);
            if (p.exitValue() == 0 || at < 0) {
                break;
            }
            EngineResult sofar = EngineResult.read(engine, resultFile);
            if (!sofar.errors.containsKey(begun) && !sofar.seconds.containsKey(begun) && !sofar.planned.containsKey(begun)) {
                Files.writeString(resultFile, "error\t" + begun + "\tthe engine JVM ended (exit " + exit + ")\n",
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
            remaining = new ArrayList<>(remaining.subList(at + 1, remaining.size()));
            if (!remaining.isEmpty()) {
                System.out.println("  " + engine + " JVM ended at Q" + begun + " (exit " + exit + "); a new one runs " + remaining);
            }
        }
        System.out.printf(Locale.ROOT, "  %s finished in %.0f s (exit %s), log %s%n", engine,
                (System.nanoTime() - start) / 1e9, exit, log);
        EngineResult r = EngineResult.read(engine, resultFile);
        for (Map.Entry<Integer, String> e : r.errors.entrySet()) {
            System.out.println("  Q" + e.getKey() + " failed: " + e.getValue());
        }
        return r;
    }

    private List<String> engineCommand(String engine, Suite suite, String dataDir, Path resultFile, List<Integer> qs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(JVM_FLAGS);
        Path tmp = out.resolve("tmp-" + engine).toAbsolutePath();
        // a JVM killed at a query timeout leaves its spill and shuffle files (Flink SQL's reached 48 GB
        // over three timeouts and made later queries fail with "No space left on device")
        deleteContents(tmp);
        Files.createDirectories(tmp);
        cmd.add("-Djava.io.tmpdir=" + tmp);
        if (jfr && engine.equals("floe")) {
            cmd.add("-XX:StartFlightRecording=filename=" + out.resolve("floe.jfr").toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
        }
        cmd.add("-cp");
        cmd.add(classPathFor(engine));
        cmd.add(EngineRunner.class.getName());
        cmd.addAll(List.of(engine, suite.name(), dataDir, Integer.toString(parallelism), heap, Integer.toString(warmups),
                Integer.toString(runs), resultFile.toString(),
                String.join(",", qs.stream().map(String::valueOf).toList()), Integer.toString(queryTimeoutSeconds),
                planOnly ? "plan" : "run"));
        return cmd;
    }

    /**
     * The harness's own class path, less the jars that clash in the engine's JVM: Spark runs on
     * Hadoop's shaded client jars, the others on hadoop-common.
     */
    static String classPathFor(String engine) {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        StringJoiner cp = new StringJoiner(File.pathSeparator);
        for (String entry : entries) {
            String name = Path.of(entry).getFileName().toString();
            boolean sparkOnly = name.startsWith("spark-") || name.startsWith("hadoop-client-api")
                    || name.startsWith("hadoop-client-runtime");
            boolean notForSpark = name.startsWith("hadoop-common-") || name.startsWith("hadoop-mapreduce-client-core-");
            if (engine.equals("spark") ? !notForSpark : !sparkOnly) {
                cp.add(entry);
            }
        }
        return cp.toString();
    }

    private static void deleteContents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** What one engine JVM measured. */
    static final class EngineResult {
        final String engine;
        String settings = "";
        final Map<Integer, List<Double>> seconds = new LinkedHashMap<>();
        final Map<Integer, Long> rows = new LinkedHashMap<>();
        final Map<Integer, String> errors = new LinkedHashMap<>();
        /** Seconds to plan each query of a {@code --plan-only} run. */
        final Map<Integer, Double> planned = new LinkedHashMap<>();
        long peakRss = -1;
        long peakHeap = -1;

        EngineResult(String engine) {
            this.engine = engine;
        }

        static EngineResult read(String engine, Path file) throws IOException {
            EngineResult r = new EngineResult(engine);
            if (!Files.exists(file)) {
                return r;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "settings" -> r.settings = f.length > 1 ? f[1] : "";
                    case "run" -> {
                        int q = Integer.parseInt(f[1]);
                        r.seconds.computeIfAbsent(q, k -> new ArrayList<>()).add(Double.parseDouble(f[3]));
                        r.rows.put(q, Long.parseLong(f[4]));
                    }
                    case "error" -> r.errors.put(Integer.parseInt(f[1]), f.length > 2 ? f[2] : "");
                    case "planned" -> r.planned.put(Integer.parseInt(f[1]), Double.parseDouble(f[2]));
                    case "memory" -> {
                        // one line per engine JVM (a timeout starts a new one): the largest
                        r.peakRss = Math.max(r.peakRss, Long.parseLong(f[1]));
                        r.peakHeap = Math.max(r.peakHeap, Long.parseLong(f[2]));
                    }
                    default -> { }
                }
            }
            return r;
        }

        /** The query of the file's last {@code begin} line, or null. */
        static Integer lastBegun(Path file) throws IOException {
            Integer q = null;
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("begin\t")) {
                        q = Integer.parseInt(line.substring(6).trim());
                    }
                }
            }
            return q;
        }

        /** The median of the measured runs, or NaN when the query has none. */
        double median(int q) {
            List<Double> s = seconds.get(q);
            if (s == null || s.isEmpty()) {
                return Double.NaN;
            }
            double[] v = s.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /** The tables and files made from the results. */
    record Report(String suite, Map<String, EngineResult> results, List<Integer> queries, String label, String started,
                  int parallelism, String heap, int warmups, int runs, String loadBefore, String loadAfter,
                  String data, String jvmFlags) {

        List<String> peers() {
            return results.keySet().stream().filter(e -> !e.equals("floe")).toList();
        }

        /** Floe's median over the peer's, or NaN. */
        double ratio(String peer, int q) {
            EngineResult floe = results.get("floe");
            if (floe == null) {
                return Double.NaN;
            }
            return floe.median(q) / results.get(peer).median(q);
        }

        /** Geometric mean of the ratios over the queries both engines ran; NaN if none. */
        double geomean(String peer) {
            double logSum = 0;
            int n = 0;
            for (int q : queries) {
                double r = ratio(peer, q);
                if (Double.isFinite(r) && r > 0) {
                    logSum += Math.log(r);
                    n++;
                }
            }
            return n == 0 ? Double.NaN : Math.exp(logSum / n);
        }

        int pairs(String peer) {
            int n = 0;
            for (int q : queries) {
                double r = ratio(peer, q);
                if (Double.isFinite(r) && r > 0) {
                    n++;
                }
            }
            return n;
        }

        /** Query rows whose result row counts differ between engines are marked. */
        boolean rowsDiffer(int q) {
            return results.values().stream().map(r -> r.rows.get(q)).filter(java.util.Objects::nonNull)
                    .distinct().count() > 1;
        }

        String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, suite + " %s, Parquet, parallelism %d, heap %s per engine JVM, "
                    + "%d warm-up + %d measured runs, median seconds; run %s (load average before %s, after %s).%n%n",
                    label, parallelism, heap, warmups, runs, started, loadBefore, loadAfter));
            StringJoiner head = new StringJoiner(" | ", "| ", " |");
            StringJoiner rule = new StringJoiner(" | ", "| ", " |");
            head.add("Query");
            rule.add("---");
            for (String e : results.keySet()) {
                head.add(TITLES.get(e) + " (s)");
                rule.add("---:");
            }
            if (results.containsKey("floe")) {
                for (String p : peers()) {
                    head.add("Floe/" + TITLES.get(p));
                    rule.add("---:");
                }
            }
            sb.append(head).append('\n').append(rule).append('\n');
            for (int q : queries) {
                StringJoiner row = new StringJoiner(" | ", "| ", " |");
                row.add(String.format(Locale.ROOT, "Q%02d%s", q, rowsDiffer(q) ? " (row counts differ)" : ""));
                for (EngineResult r : results.values()) {
                    double m = r.median(q);
                    row.add(!Double.isNaN(m) ? String.format(Locale.ROOT, "%.2f", m) : r.errors.containsKey(q) ? errorCell(r, q)
                            : r.planned.containsKey(q) ? "planned" : "—");
                }
                if (results.containsKey("floe")) {
                    for (String p : peers()) {
                        double x = ratio(p, q);
                        row.add(Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f", x) : "—");
                    }
                }
                sb.append(row).append('\n');
            }
            if (results.containsKey("floe")) {
                StringJoiner row = new StringJoiner(" | ", "| ", " |");
                row.add("**geometric mean**");
                for (int i = 0; i < results.size(); i++) {
                    row.add("");
                }
                for (String p : peers()) {
                    double g = geomean(p);
                    row.add(Double.isFinite(g) ? String.format(Locale.ROOT, "**%.2f** (%d q)", g, pairs(p)) : "—");
                }
                sb.append(row).append('\n');
            }
            StringJoiner mem = new StringJoiner(" | ", "| ", " |");
            mem.add("peak RSS / heap (MB)");
            for (EngineResult r : results.values()) {
                mem.add(r.peakRss < 0 ? "—" : String.format(Locale.ROOT, "%d / %d", r.peakRss >> 20, r.peakHeap >> 20));
            }
            if (results.containsKey("floe")) {
                for (int i = 0; i < peers().size(); i++) {
                    mem.add("");
                }
            }
            sb.append(mem).append('\n').append('\n');
            sb.append("Settings:\n");
            for (EngineResult r : results.values()) {
                sb.append("- ").append(TITLES.get(r.engine)).append(": ").append(r.settings).append('\n');
            }
            sb.append("- every engine JVM: -Xmx").append(heap).append(' ').append(jvmFlags).append('\n');
            Map<String, List<Integer>> notes = footnotes();
            if (!notes.isEmpty()) {
                sb.append("\nErrors (a query that failed or timed out in an engine: the first line of its error):\n\n");
                int i = 1;
                for (Map.Entry<String, List<Integer>> e : notes.entrySet()) {
                    String[] engineAndMessage = e.getKey().split("\t", 2);
                    sb.append(String.format(Locale.ROOT, "%d. %s, %s: %s%n", i++, TITLES.get(engineAndMessage[0]),
                            String.join(", ", e.getValue().stream().map(q -> String.format(Locale.ROOT, "Q%02d", q)).toList()),
                            engineAndMessage[1].replace("|", "\\|")));
                }
            }
            if (queries.stream().anyMatch(this::rowsDiffer)) {
                sb.append("\nRow counts that differ between engines:\n\n");
                for (int q : queries) {
                    if (rowsDiffer(q)) {
                        StringJoiner counts = new StringJoiner(", ");
                        results.values().stream().filter(r -> r.rows.containsKey(q))
                                .forEach(r -> counts.add(TITLES.get(r.engine) + " " + r.rows.get(q)));
                        sb.append(String.format(Locale.ROOT, "- Q%02d: %s%n", q, counts));
                    }
                }
            }
            return sb.toString();
        }

        /**
         * The errors as numbered notes: one per engine and message (the first line of the error), with
         * the queries that ended with it, in table order.
         */
        Map<String, List<Integer>> footnotes() {
            Map<String, List<Integer>> notes = new LinkedHashMap<>();
            for (EngineResult r : results.values()) {
                for (int q : queries) {
                    if (r.errors.containsKey(q) && Double.isNaN(r.median(q))) {
                        notes.computeIfAbsent(r.engine + "\t" + r.errors.get(q), k -> new ArrayList<>()).add(q);
                    }
                }
            }
            return notes;
        }

        /** {@code error [n]} or {@code timeout [n]}, n the note of the error in {@link #footnotes}. */
        private String errorCell(EngineResult r, int q) {
            String message = r.errors.get(q);
            int n = new ArrayList<>(footnotes().keySet()).indexOf(r.engine + "\t" + message) + 1;
            return (message.startsWith("timeout") ? "timeout" : "error") + " [" + n + "]";
        }

        String text() {
            return markdown();
        }

        String csv() {
            StringBuilder sb = new StringBuilder("query,engine,median_s,runs_s,rows,error\n");
            for (int q : queries) {
                for (EngineResult r : results.values()) {
                    List<Double> s = r.seconds.getOrDefault(q, List.of());
                    sb.append(q).append(',').append(r.engine).append(',')
                            .append(Double.isNaN(r.median(q)) ? "" : String.format(Locale.ROOT, "%.4f", r.median(q)))
                            .append(',').append(String.join(" ", s.stream().map(d -> String.format(Locale.ROOT, "%.4f", d)).toList()))
                            .append(',').append(r.rows.getOrDefault(q, -1L))
                            .append(',').append(r.errors.containsKey(q) ? '"' + r.errors.get(q).replace('"', '\'') + '"' : "")
                            .append('\n');
                }
            }
            return sb.toString();
        }

        String json() {
            StringBuilder sb = new StringBuilder("{\n");
            sb.append("  \"label\": ").append(str(label)).append(",\n");
            sb.append("  \"started\": ").append(str(started)).append(",\n");
            sb.append("  \"data\": ").append(str(data)).append(",\n");
            sb.append("  \"parallelism\": ").append(parallelism).append(",\n");
            sb.append("  \"heap\": ").append(str(heap)).append(",\n");
            sb.append("  \"warmups\": ").append(warmups).append(",\n");
            sb.append("  \"runs\": ").append(runs).append(",\n");
            sb.append("  \"loadAverageBefore\": ").append(str(loadBefore)).append(",\n");
            sb.append("  \"loadAverageAfter\": ").append(str(loadAfter)).append(",\n");
            sb.append("  \"jvmFlags\": ").append(str(jvmFlags)).append(",\n");
            sb.append("  \"engines\": {\n");
            StringJoiner engines = new StringJoiner(",\n");
            for (EngineResult r : results.values()) {
                StringBuilder e = new StringBuilder();
                e.append("    ").append(str(r.engine)).append(": {\"settings\": ").append(str(r.settings))
                        .append(", \"peakRssBytes\": ").append(r.peakRss).append(", \"peakHeapBytes\": ").append(r.peakHeap)
                        .append(", \"queries\": {");
                StringJoiner qj = new StringJoiner(", ");
                for (int q : queries) {
                    List<Double> s = r.seconds.getOrDefault(q, List.of());
                    String m = Double.isNaN(r.median(q)) ? "null" : String.format(Locale.ROOT, "%.4f", r.median(q));
                    qj.add("\"" + q + "\": {\"median\": " + m + ", \"runs\": "
                            + s.stream().map(d -> String.format(Locale.ROOT, "%.4f", d)).toList()
                            + ", \"rows\": " + r.rows.getOrDefault(q, -1L)
                            + (r.errors.containsKey(q) ? ", \"error\": " + str(r.errors.get(q)) : "") + "}");
                }
                e.append(qj).append("}}");
                engines.add(e);
            }
            sb.append(engines).append("\n  },\n");
            sb.append("  \"geomeanFloeOver\": {");
            StringJoiner g = new StringJoiner(", ");
            if (results.containsKey("floe")) {
                for (String p : peers()) {
                    double v = geomean(p);
                    g.add(str(p) + ": " + (Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null"));
                }
            }
            sb.append(g).append("}\n}\n");
            return sb.toString();
        }

        private static String str(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

}
