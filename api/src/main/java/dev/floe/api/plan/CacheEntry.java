package dev.floe.api.plan;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code DataFrame.cache()}: the plan it keeps, and once an action has computed it the
 * {@link CachedSource} holding the result (files in a folder of its own under
 * {@code java.io.tmpdir}). {@link #release} deletes the files; a released entry is computed again
 * by each action that reads it (as Spark does after {@code unpersist()}). Entries are registered
 * per session so that closing the session releases them all ({@link #releaseAll}).
 *
 * <p>Its state changes (empty, filled, released), so two {@link Cache} nodes are equal only when
 * they share the entry (identity).
 */
public final class CacheEntry implements Serializable {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Map<Object, List<CacheEntry>> SESSIONS = new IdentityHashMap<>();

    private final int id;
    private final LogicalPlan plan;
    private volatile CachedSource source;
    private volatile boolean released;
    private volatile String dir;

    private CacheEntry(int id, LogicalPlan plan) {
        this.id = id;
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /** A new, empty entry for the plan, released with its session. */
    public static CacheEntry register(Object session, LogicalPlan plan) {
        CacheEntry e = new CacheEntry(IDS.incrementAndGet(), plan);
        synchronized (SESSIONS) {
            SESSIONS.computeIfAbsent(session, s -> new ArrayList<>()).add(e);
        }
        return e;
    }

    /** Releases every entry of the session (at its close). */
    public static void releaseAll(Object session) {
        List<CacheEntry> entries;
        synchronized (SESSIONS) {
            entries = SESSIONS.remove(session);
        }
        if (entries != null) {
            entries.forEach(CacheEntry::release);
        }
    }

    public int id() {
        return id;
    }

    /** The plan whose result is kept. */
    public LogicalPlan plan() {
        return plan;
    }

    /** The kept result, or null when not computed yet or released. */
    public CachedSource source() {
        return source;
    }

    public boolean released() {
        return released;
    }

    /** A new folder for this entry's files (deleted by {@link #release}). */
    public synchronized Path newFolder() throws IOException {
        Path d = Files.createTempDirectory("floe-cache-" + id + "-");
        dir = d.toString();
        return d;
    }

    /** Records the computed result; false (and the files deleted) when the entry was released meanwhile. */
    public synchronized boolean fill(CachedSource result) {
        if (released) {
            deleteFolder();
            return false;
        }
        source = result;
        return true;
    }

    /** Deletes the files; later actions compute the plan again. */
    public synchronized void release() {
        released = true;
        source = null;
        deleteFolder();
    }

    private void deleteFolder() {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(Path.of(dir))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a folder left in the temp directory must not fail unpersist() or the session's close
        }
        dir = null;
    }

    /** One line for plans. */
    public String state() {
        CachedSource s = source;
        if (s != null) {
            return s.rows() + " rows in " + s.files().size() + " files, " + s.bytes() + " bytes";
        }
        return released ? "released by unpersist(): each action computes it" : "not computed yet: the next action fills it";
    }
}
