package dev.floe.translator.commit;

import dev.floe.api.ExecutionException;
import dev.floe.api.WriteMode;
import dev.floe.arrow.Table;
import dev.floe.formats.DirectoryManifest;
import dev.floe.operators.sink.WriteSpec;
import dev.floe.operators.step.StepSpec;
import dev.floe.translator.physical.BroadcastJoinStage;
import dev.floe.translator.physical.Exchange;
import dev.floe.translator.physical.JoinStage;
import dev.floe.translator.physical.PhysicalPlan;
import dev.floe.translator.physical.PhysicalPlanVisitor;
import dev.floe.translator.physical.RangeExchange;
import dev.floe.translator.physical.ScanStage;
import dev.floe.translator.physical.StepStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Publishes a write on the client once its job succeeded, with the directory's
 * {@link DirectoryManifest} as the commit point. Holding the directory's {@link DirectoryLock}
 * (so writers to one directory commit one at a time), it
 * <ol>
 *   <li>records the files the directory holds now in a manifest if it has none yet (so listing
 *       readers never see a half-published write),</li>
 *   <li>moves every file the job reported from its staging folder to its final path (names are
 *       unique, so nothing is overwritten, and readers of the manifest do not see them yet),</li>
 *   <li>replaces the manifest in one step with the new set: the old set plus these files for
 *       APPEND, only these files for OVERWRITE,</li>
 *   <li>for OVERWRITE deletes the files the new manifest no longer names, and finally the staging
 *       folder.</li>
 * </ol>
 * Other writers' staging folders and hidden files are never touched. A failed job's staging folder
 * is deleted without publishing anything.
 */
public final class WriteCommitter {
    /** Renames on an object store (copy + delete each) that run at once. */
    private static final int MAX_PARALLEL_MOVES = 16;

    private WriteCommitter() {
    }

    /** The write step of a physical plan, or null when the plan writes nothing. */
    public static WriteSpec find(PhysicalPlan plan) {
        List<StepSpec> steps = plan.accept(new PhysicalPlanVisitor<List<StepSpec>>() {
            @Override public List<StepSpec> visitScan(ScanStage scan) { return scan.steps(); }

            @Override public List<StepSpec> visitSteps(StepStage stage) { return stage.steps(); }

            @Override public List<StepSpec> visitExchange(Exchange exchange) { return List.of(); }

            @Override public List<StepSpec> visitRangeExchange(RangeExchange range) { return List.of(); }

            @Override public List<StepSpec> visitJoin(JoinStage join) { return join.spec().steps(); }

            @Override public List<StepSpec> visitBroadcastJoins(BroadcastJoinStage joins) { return joins.steps(); }

            @Override public List<StepSpec> visitUnion(dev.floe.translator.physical.UnionPlan union) { return List.of(); }
        });
        for (StepSpec step : steps) {
            if (step instanceof WriteSpec w) {
                return w;
            }
        }
        return null;
    }

    public static void commit(WriteSpec spec, WriteMode mode, Table written) {
        Path dir = new Path(spec.finalDir());
        Path staging = new Path(spec.stagingDir());
        try {
            FileSystem fs = dir.getFileSystem();
            boolean objectStore = isObjectStore(fs);
            List<String> added = new ArrayList<>();
            List<Callable<Void>> moves = new ArrayList<>();
            String pathColumn = written.schema().field(written.schema().indexOf("path")).name();
            for (int i = 0; i < written.numRows(); i++) {
                String target = (String) written.get(i, pathColumn);
                String relative = target.substring(spec.finalDir().length() + 1);
                added.add(relative);
                Path from = new Path(spec.stagingDir() + "/" + relative);
                Path to = new Path(target);
                moves.add(move(fs, objectStore, from, to));
            }
            if (added.isEmpty() && spec.partitionColumns().isEmpty()) {
                // no rows: one empty file keeps the schema for readers of the directory
                String relative = spec.writeEmptyFile();
                added.add(relative);
                Path from = new Path(spec.stagingDir() + "/" + relative);
                Path to = new Path(spec.finalDir() + "/" + relative);
                moves.add(move(fs, objectStore, from, to));
            }
            try (DirectoryLock lock = DirectoryLock.acquire(fs, dir)) {
                List<String> before = DirectoryManifest.read(fs, dir);
                if (before == null) {
                    before = visibleFiles(fs, dir);
                    lock.writeManifest(before);
                }
                // an object store has no directories to create, and renames there are copies: run them side by side
                run(moves, objectStore ? Math.min(MAX_PARALLEL_MOVES, moves.size()) : 1);
                Set<String> after = new TreeSet<>(added);
                if (mode == WriteMode.APPEND) {
                    after.addAll(before);
                }
                lock.writeManifest(new ArrayList<>(after));
                if (mode == WriteMode.OVERWRITE) {
                    deleteUnlisted(fs, dir, "", after);
                }
                fs.delete(staging, true);
            }
        } catch (IOException e) {
            throw new ExecutionException("Publishing the files written to " + spec.finalDir() + " failed: "
                    + e.getMessage() + ". The staged files are under " + spec.stagingDir(), e);
        }
    }

    /** Relative paths of the visible files below dir (names starting with . or _ are skipped, as readers do). */
    private static List<String> visibleFiles(FileSystem fs, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        collect(fs, dir, "", out);
        return out;
    }

    private static void collect(FileSystem fs, Path dir, String prefix, List<String> out) throws IOException {
        FileStatus[] children = fs.exists(dir) ? fs.listStatus(dir) : null;
        if (children == null) {
            return;
        }
        for (FileStatus c : children) {
            String name = c.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (c.isDir()) {
                collect(fs, c.getPath(), prefix + name + "/", out);
            } else {
                out.add(prefix + name);
            }
        }
    }

    /** Deletes the visible files not in keep (and the folders that leaves empty); true when dir ends up empty. */
    private static boolean deleteUnlisted(FileSystem fs, Path dir, String prefix, Set<String> keep) throws IOException {
        FileStatus[] children = fs.listStatus(dir);
        if (children == null) {
            return true;
        }
        boolean empty = true;
        for (FileStatus c : children) {
            String name = c.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                empty = false;
                continue;
            }
            String relative = prefix + name;
            if (c.isDir()) {
                if (deleteUnlisted(fs, c.getPath(), relative + "/", keep)) {
                    fs.delete(c.getPath(), true);
                } else {
                    empty = false;
                }
            } else if (!keep.contains(relative)) {
                fs.delete(c.getPath(), false);
            } else {
                empty = false;
            }
        }
        return empty;
    }

    private static boolean isObjectStore(FileSystem fs) {
        String scheme = fs.getUri().getScheme();
        return scheme != null && (scheme.startsWith("s3") || scheme.equals("gs") || scheme.equals("oss"));
    }

    private static void run(List<Callable<Void>> moves, int threads) throws IOException {
        if (threads <= 1) {
            for (Callable<Void> move : moves) {
                call(move);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "floe-commit");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Void> f : pool.invokeAll(moves)) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing files", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void call(Callable<Void> move) throws IOException {
        try {
            move.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Callable<Void> move(FileSystem fs, boolean objectStore, Path from, Path to) {
        return () -> {
            if (!objectStore) {
                fs.mkdirs(to.getParent());
            }
            if (!fs.rename(from, to)) {
                throw new IOException("could not move " + from + " to " + to);
            }
            return null;
        };
    }

    /** Deletes what a failed write staged. */
    public static void abort(WriteSpec spec) {
        try {
            Path staging = new Path(spec.stagingDir());
            staging.getFileSystem().delete(staging, true);
        } catch (IOException ignored) {
            // the job's own failure is what the user needs to see; a leftover hidden directory is harmless
        }
    }
}
