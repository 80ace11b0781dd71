package dev.floe.translator;

import dev.floe.api.ExecutionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.core.plugin.PluginDescriptor;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.core.plugin.PluginUtils;

/**
 * Sets up Flink's file systems in this JVM from a session's configuration, as a Flink cluster
 * process does at start-up: an embedded MiniCluster does not, and the client lists files itself.
 *
 * <p>File system plugins ({@code flink-s3-fs-hadoop} for {@code s3://}) are loaded the way a
 * cluster loads them, each folder of the plugins directory in its own class loader: the S3 jar
 * bundles Hadoop, the AWS SDK, Guava and Jackson unrelocated, which would clash with Floe's own
 * Hadoop and Jackson on one class path. The directory is {@code floe.plugins.dir}, else
 * {@code FLINK_PLUGINS_DIR}, else {@code ./plugins}.
 *
 * <pre>{@code
 * Floe.builder()
 *     .config("floe.plugins.dir", "/opt/flink/plugins")     // holds s3-fs-hadoop/flink-s3-fs-hadoop-2.3.0.jar
 *     .config("s3.endpoint", "http://127.0.0.1:9000").config("s3.path.style.access", "true")
 *     .config("s3.access-key", key).config("s3.secret-key", secret)
 *     .build();
 * }</pre>
 *
 * Flink keeps one file system registry per JVM: the last session that configured file systems wins.
 */
public final class FileSystems {
    /** Folder of Flink plugins (one sub-folder per plugin) that sessions in this JVM load file systems from. */
    public static final ConfigOption<String> PLUGINS_DIR = ConfigOptions.key("floe.plugins.dir").stringType()
            .noDefaultValue();

    /** Keys that configure file systems; a session with none of them leaves the JVM's file systems as they are. */
    private static final List<String> FILE_SYSTEM_PREFIXES = List.of("s3.", "s3a.", "fs.", "presto.s3.", "gs.",
            "azure.", "oss.");

    private FileSystems() {
    }

    /** Initializes Flink's file systems when {@code conf} configures any, or a plugins directory exists. */
    public static synchronized void initialize(Configuration conf) {
        String dir = conf.get(PLUGINS_DIR);
        boolean configures = conf.keySet().stream().anyMatch(k -> FILE_SYSTEM_PREFIXES.stream().anyMatch(k::startsWith));
        boolean defaultPlugins = PluginConfig.getPluginsDir().isPresent();
        if (dir == null && !configures && !defaultPlugins) {
            return;
        }
        FileSystem.initialize(conf, plugins(conf, dir));
    }

    private static PluginManager plugins(Configuration conf, String dir) {
        if (dir == null) {
            return PluginUtils.createPluginManagerFromRootFolder(conf);
        }
        Path root = Path.of(dir);
        if (!Files.isDirectory(root)) {
            throw new ExecutionException("floe.plugins.dir " + root.toAbsolutePath() + " is not a directory: it should"
                    + " hold one folder per plugin, e.g. s3-fs-hadoop/flink-s3-fs-hadoop-2.3.0.jar");
        }
        Collection<PluginDescriptor> found;
        try {
            found = new DirectoryBasedPluginFinder(root).findPlugins();
        } catch (IOException e) {
            throw new ExecutionException("Cannot list the plugins under " + root.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
        return new DefaultPluginManager(found, PluginConfig.fromConfiguration(conf).getAlwaysParentFirstPatterns());
    }

    /** Flink's sensitive keys plus access keys ({@code s3.access-key}, {@code fs.s3a.access.key}), which Flink shows. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return GlobalConfiguration.isSensitive(key) || k.contains("access-key") || k.contains("access.key")
                || k.contains("accesskey") || k.contains("credentials");
    }

    /**
     * The session configuration without secrets, for job configurations: a job's configuration is
     * shown by the Web UI and REST API, and file systems get their credentials from the cluster
     * process's configuration (or {@link #initialize}), never from the job.
     */
    public static Configuration withoutSecrets(Configuration conf) {
        Configuration out = new Configuration();
        conf.toMap().forEach((key, value) -> {
            if (!isSecret(key)) {
                out.setString(key, value);
            }
        });
        return out;
    }
}
