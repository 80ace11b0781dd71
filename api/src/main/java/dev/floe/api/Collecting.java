package dev.floe.api;

import dev.floe.api.plan.CacheEntry;
import dev.floe.api.plan.CachedSource;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.ScanSource;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.BatchFile;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code collect()} keeps: the result batches as they stream from the job, encoded on the
 * client heap while they total at most {@code floe.collect.spill-threshold}; past it, everything
 * goes to local files (one per partition, the format of {@code cache()}), so a result larger than
 * the client heap can be collected. The files belong to the session: closing it deletes them (a
 * {@link CacheEntry} registered with the session owns the folder).
 */
final class Collecting {
    private Collecting() {
    }

    /** Runs the plan and returns its result as a source of {@code partitions} splits, in order when the plan orders. */
    static ScanSource collect(Executor executor, LogicalPlan optimized, int partitions) {
        long threshold = executor.collectSpillThreshold();
        List<List<EncodedBatch>> held = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            held.add(new ArrayList<>());
        }
        long heldBytes = 0;
        long rows = 0;
        long bytes = 0;
        int next = 0;
        CacheEntry spill = null;
        Path dir = null;
        try (CloseableIterator<RecordBatch> it = executor.stream(optimized, "collect")) {
            while (it.hasNext()) {
                try (RecordBatch batch = it.next()) {
                    for (int offset = 0; offset < batch.numRows(); offset += DataFrame.MAX_BATCH_ROWS) {
                        int len = Math.min(DataFrame.MAX_BATCH_ROWS, batch.numRows() - offset);
                        EncodedBatch e;
                        if (offset == 0 && len == batch.numRows()) {
                            e = BatchCodec.encode(batch);
                        } else {
                            try (RecordBatch slice = batch.slice(offset, len, dev.floe.arrow.Allocators.root())) {
                                e = BatchCodec.encode(slice);
                            }
                        }
                        rows += len;
                        held.get(next++ % partitions).add(e);
                        heldBytes += e.sizeInBytes();
                        if (heldBytes > threshold) {
                            if (spill == null) {
                                spill = CacheEntry.register(executor, optimized);
                                dir = spill.newFolder();
                            }
                            bytes += flush(held, dir, it);
                            heldBytes = 0;
                        }
                    }
                }
            }
            if (spill == null) {
                return new InMemorySource("collect", optimized.schema(), held);
            }
            bytes += flush(held, dir, it);
            List<String> files = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                Path file = part(dir, p);
                if (java.nio.file.Files.exists(file)) {
                    files.add(file.toString());
                }
            }
            CachedSource source = new CachedSource("collect, spilled past " + threshold + " bytes", optimized.schema(),
                    files, rows, bytes);
            spill.fill(source);
            return source;
        } catch (IOException | UncheckedIOException e) {
            if (spill != null) {
                spill.release();
            }
            throw new ExecutionException("Cannot spill the result of collect() to " + System.getProperty("java.io.tmpdir")
                    + ": " + e.getMessage() + "; set java.io.tmpdir to a writable folder with room, or raise "
                    + "floe.collect.spill-threshold", e);
        } catch (RuntimeException e) {
            if (spill != null) {
                spill.release();
            }
            throw e;
        }
    }

    /**
     * Appends what each partition holds to its file and empties it; returns the bytes written. An
     * interrupt of the calling thread closes the file's channel: then the action ends as any
     * interrupted action does, by the stream's next call, which cancels the job and says why.
     */
    private static long flush(List<List<EncodedBatch>> held, Path dir, CloseableIterator<RecordBatch> results) {
        long bytes = 0;
        for (int p = 0; p < held.size(); p++) {
            if (!held.get(p).isEmpty()) {
                try {
                    bytes += BatchFile.append(part(dir, p), held.get(p));
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof java.nio.channels.ClosedByInterruptException) {
                        results.hasNext();
                    }
                    throw e;
                }
                held.get(p).clear();
            }
        }
        return bytes;
    }

    private static Path part(Path dir, int p) {
        return dir.resolve("part-" + p + ".arrows");
    }
}
