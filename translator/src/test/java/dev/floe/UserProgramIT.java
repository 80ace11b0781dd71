package dev.floe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 items 3 and 4: a program that uses Floe as a library, run in its own JVM the way a user
 * runs it (Floe's jars, no test resources, no Log4j configuration, only the flags the test gives).
 * Before: a missing flag surfaced as Arrow's raw "sun.misc.Unsafe or java.nio.DirectByteBuffer"
 * error after the cluster had started (and the JVM then never exited); a main that returned
 * without close() left the JVM running; collect polling of a finished job printed ERROR
 * ClientCoordinationHandler with a stack trace.
 */
class UserProgramIT {
    private static final String PROGRAM = """
            import dev.floe.Floe;
            import java.util.List;
            import java.util.Map;

            public class Program {
                public static void main(String[] args) {
                    Floe floe = Floe.local(2);
                    var df = floe.fromColumns(Map.of("a", List.of(1L, 2L, 3L)));
                    long total = 0;
                    for (int i = 0; i < Integer.parseInt(args[0]); i++) {
                        total += df.countRows();
                    }
                    System.out.println("done " + total);
                }
            }
            """;

    @TempDir
    Path dir;

    /** Floe's runtime class path as a user has it: no test classes, no test jars (they carry Log4j test configurations). */
    private static String userClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar") && !e.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private record Run(int exitCode, boolean exited, List<String> lines) {
    }

    private Run run(List<String> jvmFlags, int actions, long timeoutSeconds) throws IOException, InterruptedException {
        Path source = dir.resolve("Program.java");
        Files.writeString(source, PROGRAM);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", userClassPath(), source.toString(), Integer.toString(actions)));
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean exited = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        return new Run(exited ? p.exitValue() : -1, exited, Files.readAllLines(out));
    }

    @Test
    void aMissingFlagIsOneSentenceNamingItBeforeAnythingStarts() throws Exception {
        Run r = run(List.of(), 1, 120);
        String text = String.join("\n", r.lines());
        assertThat(r.exited()).as("the JVM exits; output:\n%s", text).isTrue();
        assertThat(r.exitCode()).as(text).isNotZero();
        assertThat(text).contains("Floe needs the JVM flag --add-opens=java.base/java.nio=ALL-UNNAMED")
                .doesNotContain("sun.misc.Unsafe");
    }

    @Test
    void mainReturningWithoutCloseEndsTheJvmQuietlyWithOneWarning() throws Exception {
        int actions = 12;
        Run r = run(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED"), actions, 300);
        String text = String.join("\n", r.lines());
        assertThat(r.exited()).as("the JVM exits after main returns; output:\n%s", text).isTrue();
        assertThat(r.exitCode()).as(text).isZero();
        assertThat(r.lines()).as(text).contains("done " + 3L * actions);
        assertThat(r.lines().stream().filter(l -> l.contains("A Floe session was never closed"))).as(text).hasSize(1);
        assertThat(text).doesNotContain("ERROR").doesNotContain("FlinkJobNotFoundException");
        // nothing else is logged: no Flink warnings on a healthy run
        assertThat(r.lines().stream().filter(l -> l.contains(" WARN ") || l.contains(" INFO "))).as(text).hasSize(1);
    }
}
