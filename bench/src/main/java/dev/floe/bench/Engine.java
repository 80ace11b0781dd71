package dev.floe.bench;

/**
 * One engine under test, living in its own JVM ({@link EngineRunner}): started once (a warm
 * cluster or session), then asked to run TPC-H or TPC-DS queries ({@link Suite}) over the same Parquet files; each run
 * starts from a new session that re-reads the files, so no cache survives between runs.
 *
 * <pre>{@code try (Engine e = Engine.create("duckdb", Suite.TPCH, dir, 2, "4g")) { e.start(); long rows = e.run(1); }}</pre>
 */
interface Engine extends AutoCloseable {
    /** The engine's settings as printed next to the results. */
    String settings();

    /** Starts the engine (cluster, context); not timed. */
    void start() throws Exception;

    /** Runs query n to completion, bringing every result row to this JVM; returns the row count. */
    long run(int n) throws Exception;

    /**
     * Parses, binds and optimizes query n without running it (a new session, as {@link #run});
     * throws what the engine's planner throws, so a dialect problem shows in seconds.
     */
    void plan(int n) throws Exception;

    @Override
    void close() throws Exception;

    /** The engines by name: floe, flink-sql, spark, duckdb. */
    static Engine create(String name, Suite suite, String data, int parallelism, String memory) {
        return switch (name) {
            case "floe" -> new FloeEngine(suite, data, parallelism);
            case "flink-sql" -> new FlinkSqlEngine(suite, data, parallelism);
            case "spark" -> new SparkEngine(suite, data, parallelism);
            case "duckdb" -> new DuckDbEngine(suite, data, parallelism, memory);
            default -> throw new IllegalArgumentException("Unknown engine '" + name + "': floe, flink-sql, spark or duckdb");
        };
    }
}
