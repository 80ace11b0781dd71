package dev.floe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A standalone Flink cluster started with the README's scripts ({@code flink-conf/bin/start-cluster},
 * {@code stop-cluster}, {@code flink}) on free ports, in its own folder under {@code target/clusters}.
 * Every process is a separate JVM; {@link #close()} stops them and checks that they are gone.
 */
final class LocalCluster implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("floe.root", "..")).toAbsolutePath().normalize();
    static final Path JOBS_JAR = ROOT.resolve("jobs/target/floe-jobs.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long start-cluster and history-server wait for their JVMs to answer. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    final Path dir;
    final int restPort;
    private final int rpcPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Long> startedPids = new ArrayList<>();

    private LocalCluster(Path dir, int restPort, int rpcPort) {
        this.dir = dir;
        this.restPort = restPort;
        this.rpcPort = rpcPort;
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers (2 slots each) with the scripts. */
    static LocalCluster start(String name, int taskManagers) throws Exception {
        Path dir = ROOT.resolve("jobs/target/clusters/" + name);
        Files.createDirectories(dir);
        LocalCluster cluster = new LocalCluster(dir, freePort(), freePort());
        // JVM starts on a loaded machine (8 builds on 2 cores) took minutes: the script's own wait
        // (FLOE_START_TIMEOUT) is raised to 6 minutes and this one outlasts it, so a slow start is
        // waited for and a cluster that never comes up still fails with the script's message
        Result started = cluster.script(Map.of("FLOE_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds())),
                START_TIMEOUT.plusMinutes(1), "start-cluster", Integer.toString(taskManagers));
        assertThat(started.exitCode()).as("start-cluster output:%n%s", started.output()).isZero();
        cluster.startedPids.add(cluster.pid("jobmanager"));
        for (int i = 1; i <= taskManagers; i++) {
            cluster.startedPids.add(cluster.pid("taskmanager-" + i));
        }
        return cluster;
    }

    record Result(int exitCode, String output) {
    }

    /** Runs {@code flink-conf/bin/flink args...} against this cluster and waits for it. */
    Result flink(Duration timeout, String... args) throws Exception {
        return wait(flinkAsync(args), timeout);
    }

    /** Starts {@code flink-conf/bin/flink args...}; its output goes to a file that {@link #wait} reads. */
    Process flinkAsync(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("flink-conf/bin/flink").toString()));
        command.addAll(List.of(args));
        return process(command);
    }

    Result wait(Process process, Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("timed out after " + timeout + ":\n" + output(process));
        }
        return new Result(process.exitValue(), output(process));
    }

    private Result script(Duration timeout, String name, String... args) throws Exception {
        return script(Map.of(), timeout, name, args);
    }

    private Result script(Map<String, String> extraEnv, Duration timeout, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("flink-conf/bin/" + name).toString()));
        command.addAll(List.of(args));
        return wait(process(command, extraEnv), timeout);
    }

    /**
     * Runs {@code flink-conf/bin/history-server start|stop} for this cluster's archive on
     * {@code port}; the server, once started, answers at {@link #get(int, String)}.
     */
    Result historyServer(String command, int port) throws Exception {
        return script(Map.of("FLOE_HISTORY_PORT", Integer.toString(port), "FLOE_START_TIMEOUT",
                Long.toString(START_TIMEOUT.toSeconds())), START_TIMEOUT.plusMinutes(1), "history-server", command);
    }

    /** A free port on the loopback interface, for a server a test starts. */
    static int anyFreePort() {
        return freePort();
    }

    /** GET {@code path} from a server on 127.0.0.1:{@code port} as JSON, or null when it does not answer 200. */
    JsonNode get(int port, String path) throws Exception {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Process process(List<String> command) throws IOException {
        return process(command, Map.of());
    }

    private Process process(List<String> command, Map<String, String> extraEnv) throws IOException {
        Path out = Files.createTempFile(dir, "process-", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.put("FLOE_CLUSTER_DIR", dir.toString());
        env.put("FLOE_REST_PORT", Integer.toString(restPort));
        env.put("FLOE_RPC_PORT", Integer.toString(rpcPort));
        env.remove("FLINK_CONF_DIR");
        env.putAll(extraEnv);
        Process p = pb.start();
        outputs.put(p, out);
        return p;
    }

    private final Map<Process, Path> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    private String output(Process p) throws IOException {
        return Files.readString(outputs.get(p));
    }

    /** GET {@code path} from the REST API as JSON. */
    JsonNode rest(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The pid start-cluster recorded for {@code jobmanager} or {@code taskmanager-<i>}. */
    long pid(String process) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(process + ".pid")).trim());
    }

    /** SIGKILLs a TaskManager (resource id {@code taskmanager-<i>}) and waits until it is gone. */
    void kill(String taskManager) throws Exception {
        ProcessHandle handle = ProcessHandle.of(pid(taskManager)).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(60, TimeUnit.SECONDS);
    }

    /** Stops the cluster with stop-cluster and asserts that no process it started is alive. */
    @Override
    public void close() throws Exception {
        Result stopped = script(Duration.ofMinutes(2), "stop-cluster");
        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        for (long pid : startedPids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %d (started by start-cluster) is still alive", pid).isFalse();
        }
        assertThat(dir.resolve("tmp")).doesNotExist();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
