package dev.floe.translator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Floe's logging defaults for a program that uses it as a library, applied in code when a session
 * starts.
 *
 * <p>Why in code and not a {@code log4j2.properties} in Floe's jar: Log4j2 looks for
 * {@code log4j2.properties} before {@code log4j2.yaml}, {@code .json} and {@code .xml}, so a file in
 * a library jar would replace a user's own {@code log4j2.xml}, and two jars that both ship one make
 * the class path order decide. In code, Floe can ask first:
 * <ul>
 *   <li>When Log4j2 found no configuration (its {@code DefaultConfiguration}, which prints ERROR
 *       and above), Floe sets the root to WARN ({@code Floe.local()} "logs quietly (WARN) by
 *       default", API.md) and lowers the Flink loggers that warn on every healthy batch job.</li>
 *   <li>With a configuration of the user's, only the loggers of Flink's harmless ERRORs are
 *       silenced, and only those the configuration does not name itself: a finished job's collect
 *       polling is answered with {@code FlinkJobNotFoundException}, which
 *       {@code ClientCoordinationHandler} logs as ERROR with a 35-line stack trace although the
 *       client treats it as the end of the results.</li>
 *   <li>With another logging backend behind SLF4J (logback, ...), nothing is touched.</li>
 * </ul>
 */
public final class QuietLogs {
    /** Loggers whose ERRORs on a successful run are false alarms. */
    private static final Map<String, Level> FALSE_ALARMS = new LinkedHashMap<>();
    /** Loggers that warn on every healthy batch job of Floe's. */
    private static final Map<String, Level> NOISY = new LinkedHashMap<>();

    static {
        FALSE_ALARMS.put("org.apache.flink.runtime.rest.handler.job.coordination.ClientCoordinationHandler", Level.OFF);
        // the collect client polls before the sink's server is up and after it closed: retried, harmless
        FALSE_ALARMS.put("org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorCoordinator",
                Level.OFF);
        // operator names longer than 80 characters (Floe names operators after their plan)
        NOISY.put("org.apache.flink.runtime.metrics.util.MetricUtils", Level.ERROR);
        NOISY.put("org.apache.flink.runtime.metrics.groups", Level.ERROR);
        // batch jobs without checkpoints, no delegation tokens, no Web UI jar
        NOISY.put("org.apache.flink.runtime.jobmaster.JobMaster", Level.ERROR);
        NOISY.put("org.apache.flink.runtime.security.token", Level.ERROR);
        NOISY.put("org.apache.flink.runtime.webmonitor.WebMonitorUtils", Level.ERROR);
        // a missing ./plugins folder is normal for local runs (S3 is loaded only when configured)
        NOISY.put("org.apache.flink.core.plugin.PluginConfig", Level.ERROR);
        NOISY.put("org.apache.flink.shaded.netty4", Level.ERROR);
    }

    private static boolean installed;

    private QuietLogs() {
    }

    /** Applies the defaults once per JVM (later calls do nothing). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            if (LogManager.getContext(false) instanceof LoggerContext context) {
                apply(context);
            }
        } catch (LinkageError noLog4jCore) {
            // Log4j's API without its core: the logging backend and its configuration are the user's
        }
    }

    static void apply(LoggerContext context) {
        Configuration config = context.getConfiguration();
        boolean userHasNone = config instanceof DefaultConfiguration;
        if (userHasNone) {
            config.getRootLogger().setLevel(Level.WARN);
            NOISY.forEach((name, level) -> set(config, name, level));
        }
        FALSE_ALARMS.forEach((name, level) -> set(config, name, level));
        context.updateLoggers();
    }

    /** Adds a logger at this level unless the configuration names that logger itself. */
    private static void set(Configuration config, String name, Level level) {
        if (!config.getLoggers().containsKey(name)) {
            config.addLogger(name, new LoggerConfig(name, level, true));
        }
    }
}
