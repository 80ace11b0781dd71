package dev.floe.testing;

import dev.floe.Floe;

/**
 * One embedded Flink MiniCluster per test JVM (1 TaskManager, 4 slots), started on first use by a
 * {@code Floe.local(4)} session and stopped at JVM exit. Tests reach it through
 * {@link #floe(int)}, which submits over REST exactly like {@code Floe.remote} does against a real
 * cluster.
 */
public final class SharedCluster {
    public static final int SLOTS = 4;

    private static Floe owner;

    private SharedCluster() {
    }

    /** A session on the shared cluster with this default parallelism (close it; the cluster stays). */
    public static synchronized Floe floe(int parallelism) {
        return Floe.builder().remote("127.0.0.1", restPort()).parallelism(parallelism).build();
    }

    public static synchronized int restPort() {
        if (owner == null) {
            owner = Floe.local(SLOTS);
            Runtime.getRuntime().addShutdownHook(new Thread(owner::close, "stop-shared-minicluster"));
        }
        return owner.restAddress().getPort();
    }
}
