package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.WriteMode;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.S3Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code s3://} through Flink's S3 file system (flink-s3-fs-hadoop loaded as a plugin from
 * {@code target/plugins}) against a real S3 server (S3Proxy on 127.0.0.1): Parquet, CSV and JSON written
 * to a bucket and read back hold exactly the oracle's rows, OVERWRITE replaces on S3 too, and the
 * secret key appears neither in {@code explain(true)} nor in any log line (captured at INFO).
 */
class S3IT {
    private static final String ACCESS_KEY = "floe-it-access";
    private static final String SECRET_KEY = "floe-it-secret-5c1d0e7b9a";
    private static final String BUCKET = "floe-it";

    private static DuckOracle duck;
    private static Map<String, List<?>> columns;
    private static S3Server s3;
    private static Floe floe;
    private static final ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
    private static Capture capture;
    private static Level rootLevel;

    @BeforeAll
    static void setUp() throws Exception {
        captureLogs();
        s3 = S3Server.start(ACCESS_KEY, SECRET_KEY);
        s3.createBucket(BUCKET);
        duck = new DuckOracle();
        columns = TestData.create(duck);
        floe = Floe.builder().parallelism(2)
                .config("floe.plugins.dir", Path.of("target/plugins").toAbsolutePath().toString())
                .config("s3.endpoint", s3.endpoint())
                .config("s3.path.style.access", "true")
                .config("s3.access-key", ACCESS_KEY)
                .config("s3.secret-key", SECRET_KEY)
                .config("s3.connection.ssl.enabled", "false")
                // S3Proxy answers at once: do not spend a test's time on retries
                .config("s3.attempts.maximum", "2")
                .config("s3.directory.marker.retention", "keep")
                .build();
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (floe != null) {
                floe.close();
            }
            if (duck != null) {
                duck.close();
            }
            if (s3 != null) {
                s3.close();
            }
        } finally {
            stopCapture();
        }
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void parquetWrittenToS3ReadsBackExactly() {
        String out = "s3://" + BUCKET + "/orders-parquet";
        List<List<Object>> written = run(floe.fromColumns(columns).writeParquet(out));
        assertThat(written).isNotEmpty().allSatisfy(row -> assertThat((String) row.get(0)).startsWith(out + "/part-"));
        Rows.assertSameRows(run(floe.readParquet(out)), duck.query("SELECT * FROM t"));
        DataFrame q = floe.readParquet(out + "/*.parquet").where(col("qty").gt(100)).select("id", "amount");
        Rows.assertSameRows(run(q), duck.query("SELECT id, amount FROM t WHERE qty > 100"));
        assertThat(q.explain(true)).contains("s3://" + BUCKET).doesNotContain(SECRET_KEY);
    }

    @Test
    void csvWrittenToS3ReadsBackExactlyAndOverwriteReplaces() {
        String out = "s3://" + BUCKET + "/orders-csv";
        run(floe.fromColumns(columns).writeCsv(out, WriteMode.OVERWRITE, "status"));
        List<List<Object>> second = run(floe.fromColumns(columns).writeCsv(out, WriteMode.OVERWRITE, "status"));
        // one file per partition value per subtask; the first write's files are gone (rows below are not doubled)
        assertThat(second).extracting(row -> row.get(1)).containsOnly("F", "O", "P", null);
        DataFrame back = floe.readCsv(out).select("id", "odate", "qty", "flag");
        Rows.assertSameRows(run(back), duck.query("SELECT id, odate, qty, flag FROM t"));
        assertThat(back.explain(true)).doesNotContain(SECRET_KEY);
    }

    @Test
    void jsonWrittenToS3ReadsBackExactly() {
        String out = "s3://" + BUCKET + "/orders-json";
        run(floe.fromColumns(columns).select("id", "price", "status", "odate", "flag").writeJson(out));
        Rows.assertSameRows(run(floe.readJson(out).select("id", "price", "status", "odate", "flag")),
                duck.query("SELECT id, price, status, odate, flag FROM t"));
    }

    @Test
    void theSecretKeyIsNeverLogged() {
        run(floe.readParquet("s3://" + BUCKET + "/orders-parquet").limit(5));
        assertThat(logLines).isNotEmpty();
        assertThat(logLines).noneMatch(line -> line.contains(SECRET_KEY));
    }

    /** Every log event at INFO and above goes to {@link #logLines} (and no longer to the console). */
    private static void captureLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = ctx.getConfiguration().getRootLogger();
        rootLevel = root.getLevel();
        capture = new Capture();
        capture.start();
        root.addAppender(capture, Level.INFO, null);
        root.removeAppender("Console");
        root.setLevel(Level.INFO);
        ctx.updateLoggers();
    }

    private static void stopCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = ctx.getConfiguration().getRootLogger();
        root.removeAppender(capture.getName());
        root.addAppender(ctx.getConfiguration().getAppender("Console"), null, null);
        root.setLevel(rootLevel);
        ctx.updateLoggers();
        capture.stop();
    }

    private static final class Capture extends AbstractAppender {
        Capture() {
            super("s3it-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            logLines.add(line.toString());
        }
    }
}
