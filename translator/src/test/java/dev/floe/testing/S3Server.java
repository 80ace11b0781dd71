package dev.floe.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real S3-compatible server for tests: S3Proxy (in-memory {@code transient} backend, requests
 * signed with the test's access and secret key) in its own JVM on 127.0.0.1 and a free port. The
 * jar is put under {@code target/s3proxy} by the build ({@code generate-test-resources}); its own
 * process keeps S3Proxy's Jetty and jclouds off the test class path.
 *
 * <pre>{@code try (S3Server s3 = S3Server.start("AKIA...", "secret")) { s3.createBucket("b"); }}</pre>
 */
public final class S3Server implements AutoCloseable {
    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final Process process;
    private final int port;
    private final String accessKey;
    private final String secretKey;

    private S3Server(Process process, int port, String accessKey, String secretKey) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts S3Proxy and waits until it accepts connections (about 1.5 s). */
    public static S3Server start(String accessKey, String secretKey) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the build through at least"
                    + " generate-test-resources (mvn verify does) so the dependency plugin copies S3Proxy there");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = JAR.getParent();
        Path properties = dir.resolve("s3proxy-" + port + ".properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=transient",
                "jclouds.identity=unused",
                "jclouds.credential=unused",
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
                "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy-" + port + ".log").toFile())
                .start();
        S3Server server = new S3Server(p, port, accessKey, secretKey);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "stop-s3proxy"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("S3Proxy did not start on port " + port + "; see "
                            + dir.resolve("s3proxy-" + port + ".log").toAbsolutePath(), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}, the value of Flink's {@code s3.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates a bucket with a signed (AWS signature version 2) PUT request. */
    public void createBucket(String bucket) throws IOException, InterruptedException {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US)
                .format(ZonedDateTime.now(ZoneOffset.UTC));
        String toSign = "PUT\n\n\n\nx-amz-date:" + date + "\n/" + bucket;
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
                .header("x-amz-date", date)
                .header("Authorization", "AWS " + accessKey + ":" + signature)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Creating bucket " + bucket + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
