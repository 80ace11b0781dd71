package dev.floe.translator.commit;

import dev.floe.formats.DirectoryManifest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lets one write at a time commit into a directory: a lock per directory within this JVM, and on a
 * local file system also the file {@code .floe-lock} created atomically (so other processes wait
 * too; one left by a crashed process is broken after {@link #STALE_MILLIS}). Object stores have no
 * atomic create in Flink's file system API: there only writers in one JVM are serialized.
 */
final class DirectoryLock implements AutoCloseable {
    static final String LOCK_NAME = ".floe-lock";
    static final long STALE_MILLIS = 10 * 60 * 1000L;
    private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final FileSystem fs;
    private final Path dir;
    private final ReentrantLock jvmLock;
    private final java.nio.file.Path lockFile;

    private DirectoryLock(FileSystem fs, Path dir, ReentrantLock jvmLock, java.nio.file.Path lockFile) {
        this.fs = fs;
        this.dir = dir;
        this.jvmLock = jvmLock;
        this.lockFile = lockFile;
    }

    static DirectoryLock acquire(FileSystem fs, Path dir) throws IOException {
        Path qualified = dir.makeQualified(fs);
        ReentrantLock jvmLock = LOCKS.computeIfAbsent(qualified.toString(), k -> new ReentrantLock());
        try {
            jvmLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another write to " + dir + " to commit");
        }
        try {
            fs.mkdirs(qualified);
            java.nio.file.Path lockFile = isLocal(fs) ? local(qualified).resolve(LOCK_NAME) : null;
            if (lockFile != null) {
                lockAcrossProcesses(lockFile, dir);
            }
            return new DirectoryLock(fs, qualified, jvmLock, lockFile);
        } catch (IOException | RuntimeException e) {
            jvmLock.unlock();
            throw e;
        }
    }

    private static void lockAcrossProcesses(java.nio.file.Path lockFile, Path dir) throws IOException {
        while (true) {
            try {
                Files.createFile(lockFile);
                return;
            } catch (FileAlreadyExistsException held) {
                try {
                    if (System.currentTimeMillis() - Files.getLastModifiedTime(lockFile).toMillis() > STALE_MILLIS) {
                        Files.deleteIfExists(lockFile); // left by a process that died while committing
                        continue;
                    }
                } catch (java.nio.file.NoSuchFileException released) {
                    continue;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for another process's write to "
                            + dir + " to commit (lock file " + lockFile + ")");
                }
            }
        }
    }

    /** Replaces the directory's manifest in one step (a rename on a local disk, one PUT on an object store). */
    void writeManifest(List<String> relativePaths) throws IOException {
        byte[] bytes = DirectoryManifest.encode(relativePaths);
        Path manifest = new Path(dir, DirectoryManifest.NAME);
        if (isLocal(fs)) {
            java.nio.file.Path target = local(manifest);
            java.nio.file.Path tmp = target.resolveSibling(".floe-manifest-" + UUID.randomUUID());
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream out = fs.create(manifest, FileSystem.WriteMode.OVERWRITE)) {
            out.write(bytes);
        }
    }

    private static boolean isLocal(FileSystem fs) {
        return !fs.isDistributedFS() && "file".equals(fs.getUri().getScheme());
    }

    private static java.nio.file.Path local(Path p) {
        return java.nio.file.Paths.get(p.toUri().getPath());
    }

    @Override
    public void close() throws IOException {
        try {
            if (lockFile != null) {
                Files.deleteIfExists(lockFile);
            }
        } finally {
            jvmLock.unlock();
        }
    }
}
