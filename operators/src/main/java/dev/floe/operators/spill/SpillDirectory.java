package dev.floe.operators.spill;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one operator instance spills: files in the task's local temp directories (round robin),
 * all deleted when the operator closes, whether it finished or failed. JVM-wide counters record
 * what was ever spilled and what is still on disk, for metrics and tests.
 */
public final class SpillDirectory implements AutoCloseable {
    private static final AtomicLong FILES_CREATED = new AtomicLong();
    private static final AtomicLong BYTES_WRITTEN = new AtomicLong();
    private static final AtomicLong FILES_LIVE = new AtomicLong();

    private final File[] dirs;
    private final String owner;
    private final List<SpillFile> files = new ArrayList<>();
    private int next;
    private int created;
    private long bytesWritten;

    public SpillDirectory(File[] dirs, String owner) {
        this.dirs = dirs.length == 0 ? new File[] {new File(System.getProperty("java.io.tmpdir"))} : dirs.clone();
        this.owner = owner.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** A new empty spill file, deleted when this directory closes (or the file is deleted earlier). */
    public SpillFile create(String what) {
        File dir = dirs[next++ % dirs.length];
        try {
            dir.mkdirs();
            String prefix = "floe-spill-" + (owner.length() > 40 ? owner.substring(0, 40) : owner) + "-" + what + "-";
            File f = File.createTempFile(prefix, ".arrows", dir);
            SpillFile file = new SpillFile(f, this);
            files.add(file);
            created++;
            FILES_CREATED.incrementAndGet();
            FILES_LIVE.incrementAndGet();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spill file in " + dir, e);
        }
    }

    void wrote(long bytes) {
        bytesWritten += bytes;
        BYTES_WRITTEN.addAndGet(bytes);
    }

    void deleted() {
        FILES_LIVE.decrementAndGet();
    }

    /** Bytes this operator instance spilled. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Spill files this operator instance created (also after {@link #close()} deleted them). */
    public int filesCreated() {
        return created;
    }

    /** Spill files created in this JVM so far. */
    public static long totalFilesCreated() {
        return FILES_CREATED.get();
    }

    /** Bytes spilled in this JVM so far. */
    public static long totalBytesWritten() {
        return BYTES_WRITTEN.get();
    }

    /** Spill files of this JVM not yet deleted. */
    public static long liveFiles() {
        return FILES_LIVE.get();
    }

    @Override
    public void close() {
        for (SpillFile f : files) {
            f.delete();
        }
        files.clear();
    }
}
