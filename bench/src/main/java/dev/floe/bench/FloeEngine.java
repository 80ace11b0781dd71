package dev.floe.bench;

import dev.floe.Floe;
import dev.floe.arrow.Table;
import dev.floe.jobs.tpcds.TpcdsQueries;
import dev.floe.jobs.tpch.TpchQueries;

/**
 * Floe on an embedded MiniCluster ({@code Floe.local(N)}); each run plans the query anew and re-reads the files.
 * TPC-H runs the DataFrame versions ({@link TpchQueries}), TPC-DS the SQL texts through {@code floe.sql}
 * ({@link TpcdsQueries}).
 */
final class FloeEngine implements Engine {
    private final Suite suite;
    private final String data;
    private final int parallelism;
    private Floe floe;

    FloeEngine(Suite suite, String data, int parallelism) {
        this.suite = suite;
        this.data = data;
        this.parallelism = parallelism;
    }

    @Override
    public String settings() {
        return "Floe.local(" + parallelism + "): Flink MiniCluster, 1 TaskManager with " + parallelism
                + " slots, taskmanager.memory.managed.size=2g, taskmanager.network.compression.codec=NONE (its default); "
                + (suite == Suite.TPCH ? "TpchQueries (DataFrame API)" : "floe.sql over the TPC-DS texts, no adjustments") + " over readParquet";
    }

    @Override
    public void start() {
        floe = Floe.local(parallelism);
    }

    @Override
    public long run(int n) {
        try (Table t = query(n).toTable()) {
            return t.numRows();
        }
    }

    @Override
    public void plan(int n) {
        query(n).explain();
    }

    private dev.floe.api.DataFrame query(int n) {
        return suite == Suite.TPCH ? TpchQueries.parquet(floe, data).query(n) : TpcdsQueries.parquet(floe, data).query(n);
    }

    @Override
    public void close() {
        if (floe != null) {
            floe.close();
        }
    }
}
