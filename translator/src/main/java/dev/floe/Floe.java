package dev.floe;

import dev.floe.api.CsvOptions;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.api.Executor;
import dev.floe.api.JsonOptions;
import dev.floe.api.PlanException;
import dev.floe.api.plan.Scan;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.ArrowImport;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Table;
import dev.floe.translator.FileSources;
import dev.floe.translator.FileSystems;
import dev.floe.translator.FlinkExecutor;
import dev.floe.translator.JvmFlags;
import dev.floe.translator.QuietLogs;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point: a session that builds DataFrames and runs their actions as Flink batch jobs.
 *
 * <pre>{@code
 * try (Floe floe = Floe.local()) {                       // one embedded MiniCluster for the session
 *     floe.readParquet("data/orders/*.parquet")
 *         .where(col("o_totalprice").gt(lit(1000)))
 *         .show();
 * }
 * }</pre>
 *
 * Thread-safe: concurrent actions run as concurrent jobs.
 */
public final class Floe implements AutoCloseable {
    private final MiniCluster miniCluster;
    private final FlinkExecutor executor;
    private final URI restAddress;
    /** Folders of the embedded cluster (the Web UI's upload folder) removed at close, or null. */
    private final java.nio.file.Path sessionDir;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final dev.floe.sql.SqlCatalog catalog = new dev.floe.sql.SqlCatalog();
    private final dev.floe.sql.SqlFrontend sqlFrontend = new dev.floe.sql.SqlFrontend(catalog, new SessionSqlSources(this));

    private Floe(MiniCluster miniCluster, FlinkExecutor executor, URI restAddress, java.nio.file.Path sessionDir) {
        this.miniCluster = miniCluster;
        this.executor = executor;
        this.restAddress = restAddress;
        this.sessionDir = sessionDir;
        executor.webUi(restAddress);
    }

    /** An embedded Flink MiniCluster with parallelism = number of cores. */
    public static Floe local() {
        return builder().build();
    }

    /** An embedded Flink MiniCluster with the given default parallelism. */
    public static Floe local(int parallelism) {
        return builder().parallelism(parallelism).build();
    }

    /** A running Flink cluster reached over REST; {@code jars} hold the user's code (none for a local test cluster). */
    public static Floe remote(String host, int port, String... jars) {
        return builder().remote(host, port, jars).build();
    }

    /**
     * Inside a jar started with {@code flink run}: jobs go to the cluster that started it, with the
     * client's parallelism ({@code -p} or {@code parallelism.default}), and the restart strategy of
     * the client's {@code config.yaml} / {@code -D} options replaces Floe's default. In a plain JVM
     * (no {@code flink run} context) this is {@link #local()}, so the same program runs both ways.
     */
    public static Floe fromEnvironment() {
        prepareJvm();
        StreamExecutionEnvironment context = StreamExecutionEnvironment.getExecutionEnvironment();
        if (context instanceof LocalStreamEnvironment) {
            return local();
        }
        Configuration jobConfig = new Configuration();
        if (context.getConfiguration() instanceof Configuration client) {
            client.toMap().forEach((key, value) -> {
                if (key.startsWith("restart-strategy") || key.startsWith("floe.")) {
                    jobConfig.setString(key, value);
                }
            });
        }
        FlinkExecutor executor = new FlinkExecutor(StreamExecutionEnvironment::getExecutionEnvironment,
                Math.max(1, context.getParallelism()), jobConfig);
        return new Floe(null, executor, null, null);
    }

    /** Checks the JVM flags and applies the logging defaults, before any cluster or job starts. */
    private static void prepareJvm() {
        JvmFlags.check();
        QuietLogs.install();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The executor actions run on (for tests and tools). */
    public FlinkExecutor executor() {
        return executor;
    }

    /** The embedded cluster of a {@code Floe.local()} session (tests look at what it keeps), else null. */
    dev.floe.translator.EmbeddedCluster embeddedCluster() {
        return (dev.floe.translator.EmbeddedCluster) miniCluster;
    }

    /** The REST (and Web UI) address of the cluster, or null inside {@code flink run}. */
    public URI restAddress() {
        return restAddress;
    }

    public int parallelism() {
        return executor.parallelism();
    }

    /**
     * Cancels every action of this session that runs now, in any thread: each one's Flink job is
     * cancelled, and the action throws an {@link ExecutionException} saying so once the job's tasks
     * have stopped (a write's staging folder is removed first). Returns how many were cancelled.
     * Actions started later run normally.
     */
    public int cancelAll() {
        return executor.cancelAll();
    }

    /**
     * What the last action of this session did, or null before the first: the Flink job id, its
     * Web UI page, its duration, and per stage and step the rows, batches, bytes, time, memory and
     * spilling ({@link dev.floe.api.DataFrame#explainAnalyze()} prints the same figures on the plan).
     * With concurrent actions, the one that finished last. {@code floe.lastJob().duration()}
     */
    public dev.floe.api.JobReport lastJob() {
        return executor.lastJob();
    }

    // ---- SQL ---------------------------------------------------------------------------------

    /**
     * A SQL statement over the tables registered with {@link #register}, files
     * ({@code FROM 'data/*.parquet'}, {@code read_parquet('...')}, {@code read_csv('...')},
     * {@code read_json('...')}) and views; lazy like every DataFrame (nothing runs until an action).
     * Identifiers are case-insensitive unless double-quoted; result columns keep the spelling of
     * their alias or column. Also {@code CREATE [TEMP] VIEW name AS ...} (registers the view and
     * returns its DataFrame), {@code DROP VIEW}, {@code DESCRIBE name|query} and {@code SHOW TABLES}.
     * A bad name or syntax is a {@link PlanException} naming its line:column and the closest name.
     * {@code floe.sql("SELECT o_orderpriority, count(*) AS n FROM orders GROUP BY 1 ORDER BY n DESC")}
     */
    public DataFrame sql(String query) {
        return sqlFrontend.sql(query);
    }

    /**
     * A SQL statement that also sees {@code tables} by name (for this statement only; they hide
     * registered tables of the same name). {@code floe.sql("SELECT * FROM t WHERE a > 1", Map.of("t", df))}
     */
    public DataFrame sql(String query, Map<String, DataFrame> tables) {
        return sqlFrontend.sql(query, tables);
    }

    /**
     * Makes {@code df} a table of this session's SQL under {@code name} (case-insensitive; replaces
     * a table of that name). {@code floe.register("orders", floe.readParquet("data/orders/*.parquet"))}
     */
    public void register(String name, DataFrame df) {
        catalog.register(name, df);
    }

    /** Removes a table or view from this session's SQL; false when there was none. {@code floe.unregister("orders")} */
    public boolean unregister(String name) {
        return catalog.unregister(name);
    }

    /** The names of the registered tables and views, in registration order. */
    public List<String> tables() {
        return catalog.tables();
    }

    // ---- sources -----------------------------------------------------------------------------

    /** Parquet files: paths, directories or globs. {@code floe.readParquet("data/orders/*.parquet")} */
    public DataFrame readParquet(String... paths) {
        return DataFrame.of(executor, Scan.of(FileSources.parquet(FileSources.paths("readParquet", paths))));
    }

    /** CSV files with a header row and inferred types. {@code floe.readCsv("data/people.csv")} */
    public DataFrame readCsv(String... paths) {
        return readCsv(CsvOptions.defaults(), paths);
    }

    /** CSV files with options. {@code floe.readCsv(CsvOptions.builder().delimiter('|').build(), "x.tbl")} */
    public DataFrame readCsv(CsvOptions options, String... paths) {
        return DataFrame.of(executor, Scan.of(FileSources.csv(FileSources.paths("readCsv", paths), options)));
    }

    /**
     * Newline-delimited JSON files (one object per line) with inferred types: nested objects as
     * structs and arrays as lists (as DuckDB's {@code read_json} infers them; a key that mixes
     * objects, arrays and scalars is a string of JSON text), see {@code JsonFormat} for the rules
     * and {@link JsonOptions#maximumDepth()} to keep nested values as JSON text.
     * {@code floe.readJson("data/events/*.json")}
     */
    public DataFrame readJson(String... paths) {
        return readJson(JsonOptions.defaults(), paths);
    }

    /** JSON files with type hints. {@code floe.readJson(JsonOptions.builder().schemaHints(Map.of("ts", DataType.date())).build(), "x.json")} */
    public DataFrame readJson(JsonOptions options, String... paths) {
        return DataFrame.of(executor, Scan.of(FileSources.json(FileSources.paths("readJson", paths), options)));
    }

    /**
     * A DataFrame from Java lists, like Daft's from_pydict; insertion order = column order.
     * {@code floe.fromColumns(Map.of("a", List.of(1L, 2L)))}
     */
    public DataFrame fromColumns(Map<String, List<?>> columns) {
        Table table;
        try {
            table = Table.fromColumns(new LinkedHashMap<>(columns));
        } catch (IllegalArgumentException e) {
            throw new PlanException("fromColumns: " + e.getMessage(), e);
        }
        try (table) {
            return DataFrame.of(executor, Scan.of(DataFrame.inMemory("fromColumns", table, executor.parallelism())));
        }
    }

    /**
     * A DataFrame over a copy of an Arrow batch. The batch may come from any allocator (your own
     * {@code RootAllocator} included): Floe copies its buffers into its own memory and never takes
     * or shares them, so you keep ownership and may close {@code batch} as soon as this returns.
     * Arrow types Floe reads as a wider one are converted while copying (LargeUtf8 and Utf8View to
     * string, Date64 to date, Decimal256 to decimal, LargeList/FixedSizeList/ListView to list, ...;
     * API.md "Types"). A dictionary-encoded column needs its dictionary: use
     * {@link #fromArrow(ArrowReader)}.
     *
     * <pre>{@code
     * try (VectorSchemaRoot batch = producer.next()) {
     *     DataFrame df = floe.fromArrow(batch);     // batch may be closed now
     * }
     * }</pre>
     */
    public DataFrame fromArrow(VectorSchemaRoot batch) {
        dev.floe.api.types.Schema schema = floeSchema(batch.getSchema(), null);
        return ownedInMemory(schema, List.of(importBatch(batch, null)));
    }

    /**
     * A DataFrame over a copy of every batch an Arrow stream holds (an IPC stream or file reader, a
     * C Data stream, ...): reads the stream to its end now, decoding dictionary-encoded columns with
     * the reader's dictionaries. The caller keeps and closes the reader.
     * {@code try (ArrowStreamReader r = new ArrowStreamReader(in, alloc)) { df = floe.fromArrow(r); }}
     */
    public DataFrame fromArrow(ArrowReader reader) {
        List<RecordBatch> copies = new java.util.ArrayList<>();
        try {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            dev.floe.api.types.Schema schema = floeSchema(root.getSchema(), reader);
            while (reader.loadNextBatch()) {
                copies.add(importBatch(root, reader));
            }
            return ownedInMemory(schema, copies);
        } catch (java.io.IOException e) {
            throw new ExecutionException("fromArrow: reading the Arrow stream failed after " + copies.size()
                    + " batches: " + e.getMessage(), e);
        } finally {
            copies.forEach(RecordBatch::close);
        }
    }

    /** Encodes the batches into the plan's in-memory partitions and closes them (even on failure). */
    private DataFrame ownedInMemory(dev.floe.api.types.Schema schema, List<RecordBatch> batches) {
        try (Table table = Table.of(schema, batches)) {
            return DataFrame.of(executor, Scan.of(DataFrame.inMemory("fromArrow", table, executor.parallelism())));
        }
    }

    private static dev.floe.api.types.Schema floeSchema(org.apache.arrow.vector.types.pojo.Schema arrow,
            DictionaryProvider dictionaries) {
        List<dev.floe.api.types.Field> fields = new java.util.ArrayList<>();
        try {
            for (org.apache.arrow.vector.types.pojo.Field f : arrow.getFields()) {
                fields.add(new dev.floe.api.types.Field(f.getName(), ArrowImport.floeType(f, dictionaries)));
            }
        } catch (IllegalArgumentException e) {
            throw new PlanException("fromArrow: " + e.getMessage(), e);
        }
        return new dev.floe.api.types.Schema(fields);
    }

    private static RecordBatch importBatch(VectorSchemaRoot root, DictionaryProvider dictionaries) {
        try {
            return ArrowImport.copy(root, dictionaries, Allocators.root());
        } catch (IllegalArgumentException e) {
            throw new PlanException("fromArrow: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the embedded cluster (if this session started one) and removes its folders. Tables
     * already returned stay valid; actions of this session's DataFrames fail at once from now on.
     * Closing twice does nothing.
     *
     * <p>A {@code Floe.local()} session that is never closed does not keep the JVM alive: once
     * {@code main} has returned and no other thread of the program runs its own code, Floe closes
     * the session (warning once that it was left open), and a shutdown hook closes what is still
     * open on {@code System.exit}. Close sessions yourself to release the cluster earlier.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OpenSessions.unregister(this);
        executor.close();
        dev.floe.api.plan.CacheEntry.releaseAll(executor);
        try {
            if (miniCluster != null) {
                miniCluster.close();
            }
        } catch (Exception e) {
            throw new ExecutionException("Failed to stop the embedded Flink cluster: " + e.getMessage(), e);
        } finally {
            deleteRecursively(sessionDir);
        }
    }

    private static void deleteRecursively(java.nio.file.Path dir) {
        if (dir == null || !java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // a temp folder left behind must not hide the session's own outcome
        }
    }

    /** Options for a session. */
    public static final class Builder {
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int webUiPort = 0;
        private final Configuration config = new Configuration();
        private String remoteHost;
        private int remotePort;
        private String[] jars = new String[0];

        private Builder() {
        }

        /** Default parallelism of every job. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new PlanException("parallelism must be >= 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** Serves the Flink Web UI on 127.0.0.1:port (default: a random free port). */
        public Builder webUi(int port) {
            this.webUiPort = port;
            return this;
        }

        /**
         * Any Flink configuration key, for the embedded cluster and for every job. File system keys
         * ({@code s3.endpoint}, {@code s3.path.style.access}, {@code s3.access-key}, {@code s3.secret-key},
         * {@code floe.plugins.dir}) set up {@code s3://} for this JVM, see {@link FileSystems}; secrets
         * stay out of job configurations.
         */
        public Builder config(String key, String value) {
            config.setString(key, value);
            return this;
        }

        /** Submit to a running cluster instead of starting one. */
        public Builder remote(String host, int port, String... jars) {
            this.remoteHost = host;
            this.remotePort = port;
            this.jars = jars.clone();
            return this;
        }

        public Floe build() {
            prepareJvm();
            if (remoteHost != null) {
                String host = remoteHost;
                int port = remotePort;
                String[] userJars = jars;
                // the client lists files itself; the cluster's TaskManagers use their own file system settings
                FileSystems.initialize(config);
                Configuration client = FileSystems.withoutSecrets(config);
                FlinkExecutor executor = new FlinkExecutor(
                        jobConf -> StreamExecutionEnvironment.createRemoteEnvironment(host, port, merge(client, jobConf),
                                userJars),
                        parallelism, client);
                return new Floe(null, executor, URI.create("http://" + host + ":" + port), null);
            }
            return startLocal();
        }

        private Floe startLocal() {
            Configuration conf = new Configuration();
            // every listening socket of the embedded cluster on loopback: REST, RPC, BLOB server, data exchange
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.BIND_PORT, Integer.toString(webUiPort));
            conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
            conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
            conf.set(TaskManagerOptions.HOST, "127.0.0.1");
            conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
            conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
            conf.setString("pekko.framesize", "104857600b");
            // managed memory is the budget of blocking operators (Arrow buffers are accounted against it)
            conf.setString("taskmanager.memory.managed.size", "2g");
            // every shuffle of the embedded cluster stays on this machine, where LZ4 (Flink's default)
            // costs more CPU than the local disk writes it saves (a quarter of TPC-H SF1 time in JFR);
            // config("taskmanager.network.compression.codec", "LZ4") turns it back on
            conf.setString("taskmanager.network.compression.codec", "NONE");
            // REST metrics (the progress display's rows read) refresh each second instead of each 10 s
            conf.setString("metrics.fetcher.update-interval", "1000");
            conf.addAll(config);
            checkSettings(conf);
            java.nio.file.Path sessionDir;
            try {
                sessionDir = java.nio.file.Files.createTempDirectory("floe-session-");
            } catch (java.io.IOException e) {
                throw new ExecutionException("Cannot create a temporary folder for the embedded cluster in "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
            if (!config.containsKey(WebOptions.UPLOAD_DIR.key())) {
                // Flink's default is one flink-web-upload folder in java.io.tmpdir that nothing removes
                conf.set(WebOptions.UPLOAD_DIR, sessionDir.resolve("web-upload").toString());
            }
            // the MiniCluster runs in this JVM and does not set up file systems (s3://) itself
            FileSystems.initialize(conf);
            // the cluster's configuration is shown over REST: file system credentials stay out of it
            conf = FileSystems.withoutSecrets(conf);
            MiniClusterConfiguration mcc = new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(parallelism)
                    .setRpcServiceSharing(RpcServiceSharing.SHARED)
                    .withRandomPorts()
                    .build();
            // Flink's MiniCluster but for what it keeps of finished jobs (EmbeddedCluster says why)
            MiniCluster mc = new dev.floe.translator.EmbeddedCluster(mcc);
            URI rest;
            try {
                mc.start();
                rest = mc.getRestAddress().get();
            } catch (Exception e) {
                try {
                    mc.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                deleteRecursively(sessionDir);
                throw new ExecutionException("Failed to start the embedded Flink MiniCluster: " + e.getMessage(), e);
            }
            String host = rest.getHost();
            int port = rest.getPort();
            // jobs never carry secrets: their configuration is visible over REST and in the Web UI
            Configuration client = FileSystems.withoutSecrets(config);
            FlinkExecutor executor = new FlinkExecutor(
                    jobConf -> StreamExecutionEnvironment.createRemoteEnvironment(host, port, merge(client, jobConf)),
                    parallelism, client);
            Floe session = new Floe(mc, executor, rest, sessionDir);
            OpenSessions.register(session);
            return session;
        }

        /**
         * Fails before anything starts when a setting the embedded cluster needs is unusable: a
         * memory size that does not parse, or a Web UI port another process holds.
         */
        private void checkSettings(Configuration conf) {
            FlinkExecutor.validate(config);
            for (Map.Entry<String, String> e : config.toMap().entrySet()) {
                if (e.getKey().startsWith("taskmanager.memory.") || e.getKey().startsWith("jobmanager.memory.")) {
                    if (e.getKey().endsWith(".fraction")) {
                        continue;
                    }
                    try {
                        org.apache.flink.configuration.MemorySize.parse(e.getValue());
                    } catch (IllegalArgumentException bad) {
                        throw new PlanException("Setting " + e.getKey() + " = '" + e.getValue() + "' is not a memory "
                                + "size; give bytes with a unit, e.g. 512mb or 2g", bad);
                    }
                }
            }
            if (webUiPort != 0) {
                try (java.net.ServerSocket probe = new java.net.ServerSocket(webUiPort, 1,
                        java.net.InetAddress.getLoopbackAddress())) {
                    probe.setReuseAddress(true);
                } catch (java.io.IOException busy) {
                    throw new ExecutionException("The Web UI port " + webUiPort + " on 127.0.0.1 is in use by another "
                            + "process; choose another with webUi(port), or webUi(0) for any free port", busy);
                }
            }
        }

        private static Configuration merge(Configuration base, Configuration job) {
            Configuration c = new Configuration(base);
            c.addAll(job);
            return c;
        }
    }

}
