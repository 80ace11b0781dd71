package dev.floe.translator;

import dev.floe.api.ExecutionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags Floe needs in a process that handles Arrow memory (the client of every session,
 * and each TaskManager of a cluster), checked before anything starts so that a missing flag is one
 * sentence naming it instead of Arrow's {@code "sun.misc.Unsafe or java.nio.DirectByteBuffer.<init>(long,
 * int) not available"} at the first action.
 *
 * <p>Measured on Java 17 with Flink 2.3 and Arrow 19: a {@code Floe.local()} program that reads,
 * transforms and collects needs only {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (Arrow
 * reads the address of direct buffers); Flink's MiniCluster runs without the others that Flink's
 * scripts pass to standalone JobManagers and TaskManagers.
 */
public final class JvmFlags {
    /** module/package pairs that must be open to Arrow's (unnamed) module. */
    private static final List<String> REQUIRED_OPENS = List.of("java.base/java.nio");

    private JvmFlags() {
    }

    /** The {@code --add-opens} flags this JVM lacks, in the form to paste on the java command line. */
    public static List<String> missing() {
        Module arrow = org.apache.arrow.memory.ArrowBuf.class.getModule();
        List<String> out = new ArrayList<>();
        for (String open : REQUIRED_OPENS) {
            String module = open.substring(0, open.indexOf('/'));
            String pkg = open.substring(open.indexOf('/') + 1);
            boolean isOpen = ModuleLayer.boot().findModule(module).map(m -> m.isOpen(pkg, arrow)).orElse(true);
            if (!isOpen) {
                out.add("--add-opens=" + open + "=" + (arrow.isNamed() ? arrow.getName() : "ALL-UNNAMED"));
            }
        }
        return out;
    }

    /** Fails with one sentence naming every missing flag; does nothing when all are there. */
    public static void check() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new ExecutionException("Floe needs the JVM flag" + (missing.size() > 1 ? "s " : " ")
                    + String.join(" ", missing) + " (Arrow reads direct memory through java.nio): add it to the "
                    + "java command line, or to MAVEN_OPTS for exec:java and to the surefire/failsafe argLine for tests.");
        }
    }
}
