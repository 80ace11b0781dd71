package dev.floe.bench;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Spark in local mode ({@code local[N]}): one SparkContext, a new SparkSession per run (its own
 * temporary views, file listings and plan caches), views over {@code spark.read().parquet}.
 */
final class SparkEngine implements Engine {
    private final Suite suite;
    private final String data;
    private final int parallelism;
    private SparkSession spark;

    SparkEngine(Suite suite, String data, int parallelism) {
        this.suite = suite;
        this.data = data;
        this.parallelism = parallelism;
    }

    @Override
    public String settings() {
        return "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " local[" + parallelism
                + "], spark.sql.shuffle.partitions=" + parallelism + ", AQE on (default), UI off, new SparkSession"
                + " per run; SQL adjustments: " + suite.adjustments(TpchSql.Dialect.SPARK);
    }

    @Override
    public void start() {
        spark = SparkSession.builder()
                .master("local[" + parallelism + "]")
                .appName("floe-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", Integer.toString(parallelism))
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @Override
    public long run(int n) {
        return last(n).collectAsList().size();
    }

    @Override
    public void plan(int n) {
        last(n).queryExecution().executedPlan();
    }

    /** Query n's result in a new session with the suite's views, after the statements before the last. */
    private org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> last(int n) {
        SparkSession s = spark.newSession();
        for (String table : suite.tables()) {
            s.read().parquet(data + "/" + table).createOrReplaceTempView(table);
        }
        List<String> statements = suite.statements(n, TpchSql.Dialect.SPARK);
        for (int i = 0; i < statements.size() - 1; i++) {
            s.sql(statements.get(i)).collectAsList();
        }
        return s.sql(statements.get(statements.size() - 1));
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
        }
    }
}
