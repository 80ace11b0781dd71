package dev.floe.jobs.tpch;

import dev.floe.Floe;
import dev.floe.api.WriteMode;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes TPC-H data at any scale factor as '|'-delimited CSV with a header row, one directory per
 * table ({@code <out>/lineitem/lineitem-0001.csv}, ...), using Trino's Java port of dbgen
 * ({@code io.trino.tpch}), whose rows equal dbgen's. Dates are {@code yyyy-MM-dd}, money plain
 * numbers with two decimals; read them back with {@link TpchSchema#csvOptions(String)}. From
 * SF 0.1 on, tables are split into one file per scale-factor unit (at least one per thread) and
 * generated in parallel.
 *
 * <p>With {@code --format parquet} the CSV files are written to a hidden staging directory
 * ({@code <out>/.csv-staging}), read back by Floe with the {@link TpchSchema} types and written as
 * snappy Parquet ({@code <out>/lineitem/*.parquet}) by {@code DataFrame.writeParquet}, on an
 * embedded cluster of {@code --threads} slots; the staging directory is deleted afterwards.
 *
 * <pre>{@code java <jvm flags> -cp floe-jobs.jar:<flink jars> dev.floe.jobs.tpch.TpchGenerator --sf 1 --format parquet --out data/tpch-sf1}</pre>
 */
@Command(name = "tpch-generate", mixinStandardHelpOptions = true,
        description = "Writes TPC-H tables as Parquet or '|'-delimited CSV files with a header row, one directory per table.")
public final class TpchGenerator implements Callable<Integer> {
    /** Rows per scale factor unit, used for progress figures (lineitem is approximate). */
    private static final Map<String, Long> ROWS_PER_SF = Map.of(
            "region", 5L, "nation", 25L, "supplier", 10_000L, "customer", 150_000L, "part", 200_000L,
            "partsupp", 800_000L, "orders", 1_500_000L, "lineitem", 6_000_000L);

    @Option(names = "--sf", description = "Scale factor (default ${DEFAULT-VALUE}); 1 = about 1 GB of CSV.")
    double scaleFactor = 1;

    @Option(names = "--out", required = true, description = "Output directory; existing table files in it are replaced.")
    Path out;

    @Option(names = "--threads", description = "Generator threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--format", description = "parquet or csv (default ${DEFAULT-VALUE}).")
    String format = "csv";

    public static void main(String[] args) {
        System.exit(new CommandLine(new TpchGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> generate(scaleFactor, out, threads, System.out);
            case "parquet" -> generateParquet(scaleFactor, out, threads, System.out);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--format must be parquet or csv, was '" + format + "'");
        }
        return 0;
    }

    /**
     * Generates all eight tables as Parquet below {@code out} ({@code out/<table>/*.parquet}): CSV
     * into {@code out/.csv-staging} first, then converted by Floe with the {@link TpchSchema} types.
     * Returns the number of rows per table, in {@link TpchSchema#TABLES} order.
     */
    public static long[] generateParquet(double scaleFactor, Path out, int threads, PrintStream progress)
            throws IOException, InterruptedException {
        Path staging = out.resolve(".csv-staging");
        long[] rows = generate(scaleFactor, staging, threads, progress);
        long start = System.nanoTime();
        try (Floe floe = Floe.local(Math.max(1, threads))) {
            toParquet(floe, staging, out, progress);
        } finally {
            deleteRecursively(staging);
        }
        if (progress != null) {
            progress.printf(Locale.ROOT, "TPC-H SF %s converted to Parquet in %s in %.1f s%n", scaleFactor, out,
                    (System.nanoTime() - start) / 1e9);
        }
        return rows;
    }

    /**
     * Converts the CSV tables below {@code csvDir} (as written by {@link #generate}) to Parquet
     * tables below {@code parquetDir}, replacing what was there.
     */
    public static void toParquet(Floe floe, Path csvDir, Path parquetDir, PrintStream progress) {
        for (String table : TpchSchema.TABLES) {
            long start = System.nanoTime();
            floe.readCsv(TpchSchema.csvOptions(table), csvDir.resolve(table).toAbsolutePath().toString())
                    .writeParquet(parquetDir.resolve(table).toAbsolutePath().toString(), WriteMode.OVERWRITE);
            if (progress != null) {
                progress.printf(Locale.ROOT, "  %s.parquet written in %.1f s%n", table, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * Generates all eight tables below {@code out}, printing progress to {@code progress} (may be
     * null). Returns the number of rows written per table, in {@link TpchSchema#TABLES} order.
     */
    public static long[] generate(double scaleFactor, Path out, int threads, PrintStream progress)
            throws IOException, InterruptedException {
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("--sf must be positive, was " + scaleFactor);
        }
        long start = System.nanoTime();
        List<String> tables = TpchSchema.TABLES;
        AtomicLong[] written = new AtomicLong[tables.size()];
        long[] expected = new long[tables.size()];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            String table = tables.get(t);
            written[t] = new AtomicLong();
            boolean fixedSize = table.equals("region") || table.equals("nation");
            expected[t] = fixedSize ? ROWS_PER_SF.get(table) : (long) Math.ceil(ROWS_PER_SF.get(table) * scaleFactor);
            // one file per scale-factor unit, and at least one per thread from SF 0.1 on so all cores generate
            int parts = fixedSize || scaleFactor < 0.1 ? 1 : Math.max(Math.max(1, threads), (int) Math.ceil(scaleFactor));
            Path dir = out.resolve(table);
            prepare(dir);
            for (int part = 1; part <= parts; part++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "%s-%04d.csv", table, part));
                int p = part;
                AtomicLong counter = written[t];
                tasks.add(() -> {
                    writePart(TpchTable.getTable(table), table, scaleFactor, p, parts, file, counter);
                    return null;
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, "tpch-generator");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            pool.shutdown();
            while (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                if (progress != null) {
                    progress.println(progressLine(tables, written, expected, start));
                }
            }
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("Generating TPC-H data into " + out + " failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long[] rows = new long[tables.size()];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = written[t].get();
        }
        if (progress != null) {
            progress.println(progressLine(tables, written, expected, start));
            progress.printf(Locale.ROOT, "TPC-H SF %s written to %s in %.1f s%n", scaleFactor, out,
                    (System.nanoTime() - start) / 1e9);
        }
        return rows;
    }

    private static void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (p.getFileName().toString().endsWith(".csv")) {
                    Files.delete(p);
                }
            }
        }
    }

    private static <E extends TpchEntity> void writePart(TpchTable<E> tpch, String table, double scaleFactor,
                                                         int part, int parts, Path file, AtomicLong counter) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join("|", TpchSchema.columns(table).keySet()));
            w.newLine();
            long pending = 0;
            for (E row : tpch.createGenerator(scaleFactor, part, parts)) {
                String line = row.toLine();
                // dbgen's format ends every row with the delimiter; a header-aware CSV reader would see one column too many
                int end = line.endsWith("|") ? line.length() - 1 : line.length();
                w.write(line, 0, end);
                w.newLine();
                if (++pending == 10_000) {
                    counter.addAndGet(pending);
                    pending = 0;
                }
            }
            counter.addAndGet(pending);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String progressLine(List<String> tables, AtomicLong[] written, long[] expected, long start) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%5.1f s]", (System.nanoTime() - start) / 1e9));
        for (int t = 0; t < tables.size(); t++) {
            long done = written[t].get();
            sb.append(String.format(Locale.ROOT, " %s %d%%", tables.get(t),
                    Math.min(100, expected[t] == 0 ? 100 : done * 100 / expected[t])));
        }
        return sb.toString();
    }
}
