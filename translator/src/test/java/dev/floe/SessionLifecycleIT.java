package dev.floe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 items 2, 3, 4, 6 and 15: what a {@code Floe.local()} session opens, shows and leaves
 * behind. Listening sockets are read from /proc (this JVM's socket inodes in LISTEN state).
 */
class SessionLifecycleIT {

    /** "address:port" of every socket this JVM listens on, from /proc/net/tcp and tcp6. */
    static Set<String> listening() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    out.add(address(local[0]) + ":" + Integer.parseInt(local[1], 16));
                }
            }
        }
        return out;
    }

    /** The /proc hex address (each 32-bit word little-endian) as text. */
    private static String address(String hex) throws IOException {
        byte[] b = new byte[hex.length() / 2];
        for (int w = 0; w < b.length / 4; w++) {
            for (int i = 0; i < 4; i++) {
                b[w * 4 + i] = (byte) Integer.parseInt(hex.substring(w * 8 + (3 - i) * 2, w * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        return InetAddress.getByAddress(b).getHostAddress();
    }

    private static boolean loopback(String socket) throws IOException {
        return InetAddress.getByName(socket.substring(0, socket.lastIndexOf(':'))).isLoopbackAddress();
    }

    private static Map<String, List<?>> columns() {
        Map<String, List<?>> c = new LinkedHashMap<>();
        c.put("k", List.of(1L, 2L, 1L, 3L));
        c.put("v", List.of(10L, 20L, 30L, 40L));
        return c;
    }

    private static Set<String> threadNames() {
        Set<String> out = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> out.add(t.getName() + "#" + t.getId()));
        return out;
    }

    /** Threads started since {@code before} that are still alive after up to 10 s. */
    private static List<String> leftoverThreads(Set<String> before) throws InterruptedException {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            left.clear();
            for (String t : threadNames()) {
                if (!before.contains(t) && !t.startsWith("ForkJoinPool.commonPool") && !t.startsWith("process reaper")
                        && !t.startsWith("HttpClient")) {
                    left.add(t);
                }
            }
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }

    @Test
    void everySocketOfTheEmbeddedClusterListensOnLoopbackOnly() throws Exception {
        Set<String> before = listening();
        try (Floe floe = Floe.local(2)) {
            assertThat(floe.fromColumns(columns()).groupBy("k").agg(dev.floe.api.Functions.count()).countRows())
                    .isEqualTo(3);
            Set<String> opened = new HashSet<>(listening());
            opened.removeAll(before);
            assertThat(opened).as("sockets the session listens on").isNotEmpty();
            List<String> exposed = new ArrayList<>();
            for (String s : opened) {
                if (!loopback(s)) {
                    exposed.add(s);
                }
            }
            assertThat(exposed).as("listening sockets not bound to loopback, of %s", opened).isEmpty();
        }
    }

    @Test
    void aSessionThatFailsToStartNamesTheSettingAndReleasesEverything() throws Exception {
        Set<String> sockets = listening();
        Set<String> threads = threadNames();
        assertThatThrownBy(() -> Floe.builder().parallelism(1).config("taskmanager.memory.managed.size", "lots").build())
                .hasMessageContaining("taskmanager.memory.managed.size").hasMessageContaining("lots");
        // a bad floe.* value fails when the session is built, naming the option (not at the first action)
        assertThatThrownBy(() -> Floe.builder().parallelism(1).config("floe.files.split-size", "huge").build())
                .hasMessageContaining("floe.files.split-size").hasMessageContaining("huge");
        assertThatThrownBy(() -> Floe.builder().remote("127.0.0.1", 1).config("floe.join.broadcast-threshold", "x")
                .build()).hasMessageContaining("floe.join.broadcast-threshold");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> Floe.builder().parallelism(1).webUi(port).build())
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("port " + port).hasMessageContaining("in use");
        }
        assertThat(leftoverThreads(threads)).as("threads left by the failed starts").isEmpty();
        Set<String> opened = new HashSet<>(listening());
        opened.removeAll(sockets);
        assertThat(opened).as("sockets left listening by the failed starts").isEmpty();
    }

    /** GET /jobmanager/config, again while the fresh cluster still elects its leader. */
    private static String restConfig(Floe floe) throws Exception {
        for (int attempt = 0; ; attempt++) {
            String body = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(floe.restAddress().resolve("/jobmanager/config")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (!body.contains("leader election") || attempt == 50) {
                return body;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void restConfigurationShowsNeitherTheAccessKeyNorTheSecretKey() throws Exception {
        try (Floe floe = Floe.builder().parallelism(1).config("s3.access-key", "AKIAFLOELEAKTEST")
                .config("s3.secret-key", "floe-secret-value").build()) {
            String config = restConfig(floe);
            assertThat(config).contains("taskmanager.numberOfTaskSlots")
                    .doesNotContain("AKIAFLOELEAKTEST").doesNotContain("floe-secret-value");
        }
    }

    @Test
    void anActionOfAClosedSessionFailsAtOnce() {
        Floe floe = Floe.local(1);
        DataFrame df = floe.fromColumns(columns());
        floe.close();
        long start = System.nanoTime();
        assertThatThrownBy(df::countRows).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("this Floe session is closed");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds to fail").isLessThan(2_000);
        floe.close(); // closing twice is harmless
    }

    @Test
    void closeRemovesTheWebUploadFolder() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> before = flinkWebEntries(tmp);
        Path upload;
        try (Floe floe = Floe.local(1)) {
            assertThat(floe.fromColumns(columns()).countRows()).isEqualTo(4);
            String config = restConfig(floe);
            // Flink's default is one shared java.io.tmpdir/flink-web-upload that nothing removes
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("\\{\"key\":\"web.upload.dir\",\"value\":\"([^\"]+)\"").matcher(config);
            assertThat(m.find()).as("the session's own web.upload.dir in %s", config).isTrue();
            upload = Path.of(m.group(1));
            assertThat(upload.getFileName().toString()).isNotEqualTo("flink-web-upload");
        }
        assertThat(upload).as("the session's upload folder after close").doesNotExist();
        Set<String> after = flinkWebEntries(tmp);
        after.removeAll(before);
        assertThat(after).as("flink-web folders left in %s", tmp).isEmpty();
    }

    private static Set<String> flinkWebEntries(Path tmp) throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> s = Files.list(tmp)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("flink-web") || n.startsWith("floe-session"))
                    .forEach(out::add);
        }
        return out;
    }
}
