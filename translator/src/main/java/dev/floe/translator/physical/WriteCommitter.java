package dev.floe.translator.physical;

import dev.floe.api.ExecutionException;
import dev.floe.api.WriteMode;
import dev.floe.arrow.Table;
import dev.floe.operators.sink.WriteSpec;
import dev.floe.operators.step.StepSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Publishes a write on the client once its job succeeded: OVERWRITE first removes what the
 * directory held, then every file the job reported moves from the staging directory to its final
 * path, then the staging directory (with any file of a failed attempt) is deleted. A failed job's
 * staging directory is deleted without publishing anything.
 */
public final class WriteCommitter {
    /** Staging directories start with a dot, so readers of the directory skip them. */
    public static final String STAGING_PREFIX = ".floe-staging-";
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
        });
        for (StepSpec step : steps) {
            if (step instanceof WriteSpec w) {
                return w;
            }
        }
        return null;
    }

    public static void commit(WriteSpec spec, WriteMode mode, Table written) {
        try {
            Path dir = new Path(spec.finalDir());
            FileSystem fs = dir.getFileSystem();
            Path staging = new Path(spec.stagingDir());
            if (mode == WriteMode.OVERWRITE && fs.exists(dir)) {
                for (FileStatus child : fs.listStatus(dir)) {
                    if (!child.getPath().getName().equals(staging.getName())) {
                        fs.delete(child.getPath(), true);
                    }
                }
            }
            int pathColumn = written.schema().indexOf("path");
            // an object store has no directories to create, and renames there are copies: run them side by side
            boolean objectStore = isObjectStore(fs);
            List<Callable<Void>> moves = new ArrayList<>();
            for (int i = 0; i < written.numRows(); i++) {
                String target = (String) written.get(i, written.schema().field(pathColumn).name());
                String relative = target.substring(spec.finalDir().length() + 1);
                Path from = new Path(spec.stagingDir() + "/" + relative);
                Path to = new Path(target);
                moves.add(() -> {
                    if (!objectStore) {
                        fs.mkdirs(to.getParent());
                    }
                    if (!fs.rename(from, to)) {
                        throw new IOException("could not move " + from + " to " + to);
                    }
                    return null;
                });
            }
            run(moves, objectStore ? Math.min(MAX_PARALLEL_MOVES, moves.size()) : 1);
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new ExecutionException("Publishing the files written to " + spec.finalDir() + " failed: "
                    + e.getMessage() + ". The staged files are under " + spec.stagingDir(), e);
        }
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
