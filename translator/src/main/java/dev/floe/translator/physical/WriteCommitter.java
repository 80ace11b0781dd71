package dev.floe.translator.physical;

import dev.floe.api.ExecutionException;
import dev.floe.api.WriteMode;
import dev.floe.arrow.Table;
import dev.floe.operators.sink.WriteSpec;
import java.io.IOException;
import java.util.List;
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

    private WriteCommitter() {
    }

    /** The write step of a physical plan, or null when the plan writes nothing. */
    public static WriteSpec find(PhysicalPlan plan) {
        List<? extends Object> steps = plan instanceof ScanStage s ? s.steps()
                : plan instanceof StepStage s ? s.steps() : plan instanceof JoinStage j ? j.spec().steps() : List.of();
        for (Object step : steps) {
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
            for (int i = 0; i < written.numRows(); i++) {
                String target = (String) written.get(i, written.schema().field(pathColumn).name());
                String relative = target.substring(spec.finalDir().length() + 1);
                Path from = new Path(spec.stagingDir() + "/" + relative);
                Path to = new Path(target);
                fs.mkdirs(to.getParent());
                if (!fs.rename(from, to)) {
                    throw new IOException("could not move " + from + " to " + to);
                }
            }
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new ExecutionException("Publishing the files written to " + spec.finalDir() + " failed: "
                    + e.getMessage() + ". The staged files are under " + spec.stagingDir(), e);
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
