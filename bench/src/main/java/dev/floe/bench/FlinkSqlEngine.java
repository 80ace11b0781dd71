package dev.floe.bench;

import java.net.URI;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Flink SQL (Table API, batch mode) on a warm MiniCluster with Floe's settings (1 TaskManager, N
 * slots, 2 GB managed memory): a new TableEnvironment per run with filesystem/parquet tables over
 * the same files; jobs are submitted over REST like Floe's.
 */
final class FlinkSqlEngine implements Engine {
    private final Suite suite;
    private final String data;
    private final int parallelism;
    private MiniCluster cluster;
    private URI rest;

    FlinkSqlEngine(Suite suite, String data, int parallelism) {
        this.suite = suite;
        this.data = data;
        this.parallelism = parallelism;
    }

    @Override
    public String settings() {
        return "Flink " + org.apache.flink.runtime.util.EnvironmentInformation.getVersion()
                + " SQL batch mode on a MiniCluster: 1 TaskManager with " + parallelism
                + " slots, taskmanager.memory.managed.size=2g, taskmanager.network.compression.codec=NONE"
                + " (as Floe.local), parallelism.default=" + parallelism
                + ", table.exec.resource.default-parallelism=" + parallelism
                + "; new TableEnvironment per run, 'connector'='filesystem', 'format'='parquet'; SQL adjustments: "
                + suite.adjustments(TpchSql.Dialect.FLINK);
    }

    @Override
    public void start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.setString("pekko.framesize", "104857600b");
        conf.setString("taskmanager.memory.managed.size", "2g");
        // Floe.local's shuffle setting, so that both engines run on the same Flink configuration
        conf.setString("taskmanager.network.compression.codec", "NONE");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .withRandomPorts()
                .build());
        cluster.start();
        rest = cluster.getRestAddress().get();
    }

    @Override
    public long run(int n) throws Exception {
        List<String> statements = suite.statements(n, TpchSql.Dialect.FLINK);
        TableResult result = session(statements).executeSql(statements.get(statements.size() - 1));
        long rows = 0;
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                it.next();
                rows++;
            }
        }
        return rows;
    }

    @Override
    public void plan(int n) {
        List<String> statements = suite.statements(n, TpchSql.Dialect.FLINK);
        session(statements).explainSql(statements.get(statements.size() - 1));
    }

    /** A new TableEnvironment with the suite's tables, after the statements before the last. */
    private TableEnvironment session(List<String> statements) {
        Configuration c = new Configuration();
        c.set(DeploymentOptions.TARGET, "remote");
        c.set(RestOptions.ADDRESS, rest.getHost());
        c.set(RestOptions.PORT, rest.getPort());
        c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        c.setString("table.exec.resource.default-parallelism", Integer.toString(parallelism));
        TableEnvironment env = TableEnvironment.create(
                EnvironmentSettings.newInstance().inBatchMode().withConfiguration(c).build());
        for (String table : suite.tables()) {
            env.executeSql("CREATE TEMPORARY TABLE " + table + " " + suite.columns(table)
                    + " WITH ('connector' = 'filesystem', 'path' = 'file://" + data + "/" + table
                    + "', 'format' = 'parquet')");
        }
        for (int i = 0; i < statements.size() - 1; i++) {
            env.executeSql(statements.get(i));
        }
        return env;
    }

    @Override
    public void close() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }
}
