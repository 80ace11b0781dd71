package dev.floe;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the embedded clusters of sessions a program never closed, so that its JVM exits when
 * {@code main} returns (Flink's MiniCluster threads are not daemons and would keep it alive), and
 * warns once that a session was left open.
 *
 * <p>A daemon thread waits for the JVM's {@code main} thread to end. From then on it closes every
 * open session as soon as no other live non-daemon thread runs code of the program's own: a thread
 * with a frame outside the JDK, Flink, Pekko, Scala, Netty, Arrow, logging and Floe still works
 * (a server's accept loop, a worker of the program's own), and the sessions stay open for it. A
 * shutdown hook closes what is still open when the JVM exits another way ({@code System.exit},
 * Ctrl-C), which also removes the sessions' temporary folders.
 */
final class OpenSessions {
    private static final Logger LOG = LoggerFactory.getLogger(Floe.class);
    private static final Set<Floe> OPEN = ConcurrentHashMap.newKeySet();
    private static final List<String> INFRASTRUCTURE = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.apache.flink.", "org.apache.pekko.", "scala.", "io.netty.", "org.apache.arrow.",
            "org.apache.logging.", "org.slf4j.", "dev.floe.", "com.typesafe.", "org.apache.hadoop.",
            "org.apache.parquet.", "com.google.");
    private static final long POLL_MILLIS = 200;

    private static boolean started;
    private static boolean warned;

    private OpenSessions() {
    }

    static synchronized void register(Floe session) {
        OPEN.add(session);
        if (started) {
            return;
        }
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll("the JVM is shutting down"),
                "floe-close-open-sessions"));
        Thread main = mainThread();
        if (main != null) {
            Thread watch = new Thread(() -> watch(main), "floe-session-watch");
            watch.setDaemon(true);
            watch.start();
        }
    }

    static void unregister(Floe session) {
        OPEN.remove(session);
    }

    private static void watch(Thread main) {
        try {
            main.join();
            while (true) {
                if (!OPEN.isEmpty() && !programStillWorking()) {
                    closeAll("main returned");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(String why) {
        for (Floe session : List.copyOf(OPEN)) {
            warnOnce(why);
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing a Floe session failed: {}", e.getMessage());
            }
        }
    }

    private static synchronized void warnOnce(String why) {
        if (!warned) {
            warned = true;
            LOG.warn("A Floe session was never closed; Floe closes it now because {}. Close sessions with "
                    + "try (Floe floe = Floe.local()) { ... } or floe.close().", why);
        }
    }

    /** True while a live non-daemon thread other than this one runs code of the program's own. */
    private static boolean programStillWorking() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t.isDaemon() || t == Thread.currentThread() || t.getName().equals("DestroyJavaVM")) {
                continue;
            }
            for (StackTraceElement frame : e.getValue()) {
                if (INFRASTRUCTURE.stream().noneMatch(frame.getClassName()::startsWith)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The JVM's main thread while it runs, else null (then only the shutdown hook applies). */
    private static Thread mainThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ThreadGroup g = t.getThreadGroup();
            if (t.getId() == 1 || t.getName().equals("main") && g != null && g.getName().equals("main")) {
                return t.isAlive() ? t : null;
            }
        }
        return null;
    }
}
