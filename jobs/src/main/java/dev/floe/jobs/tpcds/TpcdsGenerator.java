package dev.floe.jobs.tpcds;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.RecordBatch;
import dev.floe.formats.ParquetBatchWriter;
import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the 24 TPC-DS tables at a scale factor as snappy Parquet, one directory per table
 * ({@code <out>/store_sales/store_sales-0001.parquet}, ...), with the {@link TpcdsSchema} types,
 * using Trino's Java port of dsdgen ({@code io.trino.tpcds:tpcds:1.4}). The library yields each
 * row as text values; they are parsed straight into Arrow vectors (integers, unscaled decimals,
 * epoch days, UTF-8 bytes) in batches of {@value #BATCH_ROWS} rows and written by Floe's Parquet
 * writer. Tables with more than {@value #ROWS_PER_PART} rows are split into chunks that the
 * library generates independently (one file each); all chunks of all tables run on a pool of
 * {@code --threads} threads, the largest first. A sales table's chunk writes its returns table's
 * rows too (the library generates them together).
 *
 * <p>Row counts equal the published data for 23 tables; {@code reason} has the older dsdgen's row
 * count (35 at SF 1, 75 in TPC-DS 3.x); see {@code ../shared/tpcds/README.md}.
 *
 * <pre>{@code java <jvm flags> -cp floe-jobs.jar:<flink jars> dev.floe.jobs.FloeJobs tpcds-generate --sf 1 --out data/tpcds-sf1}</pre>
 */
@Command(name = "tpcds-generate", mixinStandardHelpOptions = true,
        description = "Writes the 24 TPC-DS tables as Parquet files (one directory per table) with the specification's types.")
public final class TpcdsGenerator implements Callable<Integer> {
    static final int BATCH_ROWS = 65_536;
    static final long ROWS_PER_PART = 1_000_000;
    private static final long ROW_GROUP_BYTES = 128L << 20;
    /** Column names the library spells unlike the specification's DDL. */
    private static final Map<String, String> LIBRARY_SPELLINGS = Map.of(
            "p_response_targe", "p_response_target", "s_tax_precentage", "s_tax_percentage");

    @Option(names = "--sf", description = "Scale factor (default ${DEFAULT-VALUE}); 1 = about 1 GB of text.")
    double scaleFactor = 1;

    @Option(names = "--out", required = true, description = "Output directory; existing table files in it are replaced.")
    Path out;

    @Option(names = "--threads", description = "Generator threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    public static void main(String[] args) {
        System.exit(new CommandLine(new TpcdsGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        generate(scaleFactor, out, threads, System.out);
        return 0;
    }

    /**
     * Generates all 24 tables below {@code out}, printing progress to {@code progress} (may be
     * null). Returns the rows written per table, in {@link TpcdsSchema#TABLES} order.
     */
    public static Map<String, Long> generate(double scaleFactor, Path out, int threads, PrintStream progress)
            throws IOException, InterruptedException {
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("--sf must be positive, was " + scaleFactor);
        }
        long start = System.nanoTime();
        Session base = Session.getDefaultSession().withScale(scaleFactor);
        Map<String, AtomicLong> written = new LinkedHashMap<>();
        for (String table : TpcdsSchema.TABLES) {
            written.put(table, new AtomicLong());
            prepare(out.resolve(table));
        }
        List<Table> parents = new ArrayList<>();
        for (Table t : Table.getBaseTables()) {
            if (t != Table.DBGEN_VERSION && !t.isChild()) {
                checkColumns(t);
                if (t.hasChild()) {
                    checkColumns(t.getChild());
                }
                parents.add(t);
            }
        }
        // the largest tables first, so the small ones fill the gaps at the end
        parents.sort(Comparator.comparingLong((Table t) -> -base.getScaling().getRowCount(t)));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (Table t : parents) {
            long rows = base.getScaling().getRowCount(t);
            int parts = t.isSmall() || rows <= ROWS_PER_PART ? 1 : (int) Math.max(threads, (rows + ROWS_PER_PART - 1) / ROWS_PER_PART);
            for (int part = 1; part <= parts; part++) {
                Session session = base.withParallelism(parts).withChunkNumber(part);
                int p = part;
                tasks.add(() -> {
                    writeChunk(t, session, out, p, written);
                    return null;
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, "tpcds-generator");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            pool.shutdown();
            while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                if (progress != null) {
                    progress.println(progressLine(written, start));
                }
            }
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("Generating TPC-DS data into " + out + " failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        written.forEach((table, n) -> rows.put(table, n.get()));
        if (progress != null) {
            progress.println(progressLine(written, start));
            progress.printf(Locale.ROOT, "TPC-DS SF %s written to %s in %.1f s%n", scaleFactor, out,
                    (System.nanoTime() - start) / 1e9);
        }
        return rows;
    }

    /**
     * The library's columns must be the DDL's, in the same order (the rows are positional); a
     * library spells two of them differently ({@link #LIBRARY_SPELLINGS}).
     */
    private static void checkColumns(Table t) {
        Schema schema = TpcdsSchema.schema(t.getName());
        io.trino.tpcds.column.Column[] columns = t.getColumns();
        boolean same = columns.length == schema.size();
        for (int i = 0; same && i < columns.length; i++) {
            String name = columns[i].getName();
            same = schema.field(i).name().equals(LIBRARY_SPELLINGS.getOrDefault(name, name));
        }
        if (!same) {
            List<String> names = new ArrayList<>();
            for (io.trino.tpcds.column.Column c : columns) {
                names.add(c.getName());
            }
            throw new IllegalStateException("The generator's columns of " + t.getName() + " are " + names
                    + ", the schema resource has " + schema.names() + "; update schema/" + t.getName() + ".sql");
        }
    }

    private static void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (p.getFileName().toString().endsWith(".parquet")) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void writeChunk(Table table, Session session, Path out, int part, Map<String, AtomicLong> written) {
        String name = table.getName();
        String file = String.format(Locale.ROOT, "%s-%04d.parquet", name, part);
        try (BufferAllocator allocator = Allocators.child("tpcds-" + name + "-" + part, Long.MAX_VALUE);
             TableSink parent = new TableSink(name, out.resolve(name).resolve(file), allocator, written.get(name));
             TableSink child = table.hasChild()
                     ? new TableSink(table.getChild().getName(), out.resolve(table.getChild().getName())
                             .resolve(String.format(Locale.ROOT, "%s-%04d.parquet", table.getChild().getName(), part)),
                             allocator, written.get(table.getChild().getName()))
                     : null) {
            for (List<List<String>> rows : Results.constructResults(table, session)) {
                parent.add(rows.get(0));
                if (child != null && rows.size() > 1 && rows.get(1) != null) {
                    child.add(rows.get(1));
                }
            }
        }
    }

    private static String progressLine(Map<String, AtomicLong> written, long start) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%5.1f s]", (System.nanoTime() - start) / 1e9));
        for (String big : List.of("store_sales", "catalog_sales", "web_sales", "inventory", "customer_demographics")) {
            sb.append(String.format(Locale.ROOT, " %s %,d", big, written.get(big).get()));
        }
        return sb.toString();
    }

    /**
     * One table's Parquet file: text values are parsed into the vectors of the current batch,
     * which is written when full. An empty chunk still writes a file (with the schema and no rows).
     */
    private static final class TableSink implements AutoCloseable {
        private final Schema schema;
        private final DataType[] types;
        private final int[] scales;
        private final BufferAllocator allocator;
        private final ParquetBatchWriter writer;
        private final AtomicLong counter;
        private final byte[] scratch = new byte[1024];
        private List<FieldVector> vectors;
        private int rows;

        TableSink(String table, Path file, BufferAllocator allocator, AtomicLong counter) {
            this.schema = TpcdsSchema.schema(table);
            this.allocator = allocator;
            this.counter = counter;
            this.types = schema.types().toArray(new DataType[0]);
            this.scales = new int[types.length];
            for (int i = 0; i < types.length; i++) {
                scales[i] = types[i] instanceof DataType.Decimal d ? d.scale() : 0;
            }
            this.writer = new ParquetBatchWriter(file.toAbsolutePath().toString(), schema, CompressionCodecName.SNAPPY,
                    ROW_GROUP_BYTES);
            newBatch();
        }

        private void newBatch() {
            vectors = new ArrayList<>(types.length);
            for (int i = 0; i < types.length; i++) {
                FieldVector v = schema.field(i).toArrow().createVector(allocator);
                if (v instanceof VarCharVector s) {
                    s.allocateNew(BATCH_ROWS * 16L, BATCH_ROWS);
                } else {
                    v.setInitialCapacity(BATCH_ROWS);
                    v.allocateNew();
                }
                vectors.add(v);
            }
            rows = 0;
        }

        void add(List<String> values) {
            if (values.size() != types.length) {
                throw new IllegalStateException("The generator gave " + values.size() + " values for a row of "
                        + schema.names() + ": " + values);
            }
            int r = rows;
            for (int c = 0; c < types.length; c++) {
                String s = values.get(c);
                FieldVector v = vectors.get(c);
                if (s == null) {
                    v.setNull(r);
                    continue;
                }
                switch (types[c].kind()) {
                    case INT32 -> ((IntVector) v).set(r, (int) parseLong(s, 0, s.length()));
                    case DECIMAL -> ((DecimalVector) v).set(r, parseDecimal(s, scales[c]));
                    case DATE -> ((DateDayVector) v).set(r, parseDate(s));
                    default -> putString((VarCharVector) v, r, s);
                }
            }
            if (++rows == BATCH_ROWS) {
                flush();
                newBatch();
            }
        }

        private void putString(VarCharVector v, int r, String s) {
            int n = s.length();
            if (n <= scratch.length) {
                boolean ascii = true;
                for (int i = 0; i < n; i++) {
                    char ch = s.charAt(i);
                    if (ch >= 0x80) {
                        ascii = false;
                        break;
                    }
                    scratch[i] = (byte) ch;
                }
                if (ascii) {
                    v.setSafe(r, scratch, 0, n);
                    return;
                }
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            v.setSafe(r, bytes, 0, bytes.length);
        }

        private void flush() {
            for (FieldVector v : vectors) {
                v.setValueCount(rows);
            }
            try (RecordBatch batch = RecordBatch.of(schema, vectors, rows)) {
                writer.write(batch);
            }
            counter.addAndGet(rows);
            vectors = null;
        }

        @Override
        public void close() {
            try {
                if (vectors != null) {
                    if (rows > 0) {
                        flush();
                    } else {
                        vectors.forEach(FieldVector::close);
                        vectors = null;
                    }
                }
            } finally {
                writer.close();
            }
        }
    }

    static long parseLong(String s, int from, int to) {
        boolean negative = s.charAt(from) == '-';
        int i = negative || s.charAt(from) == '+' ? from + 1 : from;
        if (i >= to) {
            throw new NumberFormatException("Not an integer: '" + s + "'");
        }
        long value = 0;
        for (; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("Not an integer: '" + s + "'");
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    /** The unscaled value of a decimal text at {@code scale} digits (fewer digits are padded, more are an error). */
    static long parseDecimal(String s, int scale) {
        int dot = s.indexOf('.');
        if (dot < 0) {
            return parseLong(s, 0, s.length()) * pow10(scale);
        }
        int fraction = s.length() - dot - 1;
        if (fraction > scale) {
            throw new NumberFormatException("'" + s + "' has more than " + scale + " fraction digits");
        }
        boolean negative = s.charAt(0) == '-';
        long whole = dot == (negative ? 1 : 0) ? 0 : Math.abs(parseLong(s, 0, dot));
        long frac = fraction == 0 ? 0 : parseLong(s, dot + 1, s.length());
        long unscaled = whole * pow10(scale) + frac * pow10(scale - fraction);
        return negative ? -unscaled : unscaled;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** Days since 1970-01-01 of a {@code yyyy-MM-dd} text (proleptic Gregorian, like {@code LocalDate}). */
    static int parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new IllegalArgumentException("Not a yyyy-MM-dd date: '" + s + "'");
        }
        long y = parseLong(s, 0, 4);
        int m = (int) parseLong(s, 5, 7);
        int d = (int) parseLong(s, 8, 10);
        // days from civil (H. Hinnant's algorithm), years starting in March
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (int) (era * 146_097 + doe - 719_468);
    }
}
