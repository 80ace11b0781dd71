package dev.floe.translator;

import dev.floe.api.plan.CacheEntry;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.arrow.BatchFile;
import dev.floe.arrow.EncodedBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the streamed result of a range-partitioned sort back in its global order. Each partition's
 * batches arrive in order, tagged with the partition, but the partitions arrive interleaved; their
 * ranges ascend with the index. Partition 0's batches pass at once; the later partitions' wait,
 * on the client heap up to {@code floe.collect.spill-threshold} bytes and in local files past it,
 * and come out partition by partition once the job has ended ({@link #next}). So a sorted result
 * larger than the client heap streams as an unsorted one does, at the price of holding all but its
 * first range until the job ends.
 *
 * <pre>{@code
 * PartitionOrder order = new PartitionOrder(session, plan, threshold);
 * for (EncodedBatch e : fromTheJob) { EncodedBatch now = order.admit(e); if (now != null) use(now); }
 * for (EncodedBatch e = order.next(); e != null; e = order.next()) { use(e); }
 * order.close();
 * }</pre>
 *
 * <p>The files are in a folder owned by a {@link CacheEntry} of the session: {@link #close()}
 * deletes them, and so does closing the session when the reader never closes the stream.
 */
final class PartitionOrder implements AutoCloseable {
    private final Object session;
    private final LogicalPlan plan;
    private final long threshold;
    /** Batches of each later partition held on the heap, in arrival order; index = partition. */
    private final List<List<EncodedBatch>> held = new ArrayList<>();
    private long heldBytes;
    private long heldRows;
    private CacheEntry spill;
    private Path dir;

    /** The partition {@link #next} reads from, -1 before the job has ended. */
    private int draining = -1;
    private BatchFile.Reader reader;
    private ArrayDeque<EncodedBatch> drainingHeld;

    PartitionOrder(Object session, LogicalPlan plan, long threshold) {
        this.session = session;
        this.plan = plan;
        this.threshold = threshold;
    }

    /** The batch to hand out now (partition 0's), or null when it waits for the job's end. */
    EncodedBatch admit(EncodedBatch batch) {
        int p = batch.partition();
        if (p <= 0) {
            return batch;
        }
        while (held.size() <= p) {
            held.add(new ArrayList<>());
        }
        held.get(p).add(batch);
        heldBytes += batch.sizeInBytes();
        heldRows += batch.numRows();
        if (heldBytes > threshold) {
            flush();
        }
        return null;
    }

    /** Rows that wait (on the heap or in files) for the job's end. */
    long waitingRows() {
        return heldRows;
    }

    /** Whether the waiting batches went to files. */
    boolean spilled() {
        return dir != null;
    }

    /** The next waiting batch in the global order (the job has ended), or null when none is left. */
    EncodedBatch next() {
        while (true) {
            if (reader != null) {
                EncodedBatch e = reader.next();
                if (e != null) {
                    return e;
                }
                reader.close();
                reader = null;
            }
            if (drainingHeld != null && !drainingHeld.isEmpty()) {
                return drainingHeld.poll();
            }
            if (++draining >= held.size()) {
                close();
                return null;
            }
            if (draining == 0) {
                continue;
            }
            // a partition's spilled batches came before the ones still on the heap
            if (dir != null) {
                if (spill.released()) {
                    throw new UncheckedIOException(new IOException("the Floe session was closed, which deleted "
                            + "the files holding the rest of the sorted result"));
                }
                Path file = part(dir, draining);
                if (Files.exists(file)) {
                    reader = BatchFile.reader(file);
                }
            }
            drainingHeld = new ArrayDeque<>(held.get(draining));
            held.set(draining, List.of());
        }
    }

    /** Appends what each partition holds to its file. */
    private void flush() {
        try {
            if (dir == null) {
                spill = CacheEntry.register(session, plan);
                dir = spill.newFolder();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for the sorted result's later partitions in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        for (int p = 1; p < held.size(); p++) {
            if (!held.get(p).isEmpty()) {
                BatchFile.append(part(dir, p), held.get(p));
                held.get(p).clear();
            }
        }
        heldBytes = 0;
    }

    private static Path part(Path dir, int p) {
        return dir.resolve("partition-" + p + ".arrows");
    }

    /** Deletes the files and drops what the heap holds; closing twice does nothing. */
    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (UncheckedIOException e) {
                // the file is deleted next
            }
            reader = null;
        }
        held.clear();
        drainingHeld = null;
        heldBytes = 0;
        if (spill != null) {
            spill.release();
        }
    }
}
