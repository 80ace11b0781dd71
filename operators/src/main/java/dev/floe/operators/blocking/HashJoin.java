package dev.floe.operators.blocking;

import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Hashing;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.spill.SpillFile;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A hash join without Flink: {@link #build} batches, then {@link #startProbing} with the pipeline
 * the joined rows go into, {@link #probe} batches, {@link #finish}. {@link HashJoinOperator} runs it
 * inside Flink; the step harness drives it in unit tests.
 *
 * <p>When the build side outgrows a third of the memory budget, the join turns into a grace hash
 * join: build and probe rows are written to {@value #SPILL_PARTITIONS} spill files each by a hash of
 * the key (bits independent of the exchange's), and each pair is joined in memory at the end. Rows
 * with equal keys share a spill partition, so every join type stays exact. Null keys never match;
 * without keys it is a cross join.
 *
 * <pre>{@code
 * try (HashJoin join = new HashJoin(spec, context)) {
 *     join.build(batch);            // owns it
 *     join.startProbing(pipeline);
 *     join.probe(probeBatch);       // owns it
 *     join.finish();                // unmatched build rows, spilled partitions
 * }
 * }</pre>
 */
public final class HashJoin implements AutoCloseable {
    static final int SPILL_PARTITIONS = 8;

    private final JoinSpec spec;
    private final StepContext context;
    private final BufferAllocator allocator;
    private final KeyColumns buildKeys;
    private final KeyColumns probeKeys;
    private List<RecordBatch> buildBatches = new ArrayList<>();
    private long buildBytes;
    private Pipeline pipeline;
    private JoinTable table;
    private SpillFile[] buildSpill;
    private SpillFile[] probeSpill;

    public HashJoin(JoinSpec spec, StepContext context) {
        this.spec = spec;
        this.context = context;
        this.allocator = context.allocator();
        this.buildKeys = KeyColumns.bind(spec.buildKeys(), spec.buildSchema());
        this.probeKeys = KeyColumns.bind(spec.probeKeys(), spec.probeSchema());
    }

    /** Adds a build batch (takes ownership); past a third of the budget the join starts spilling. */
    public void build(RecordBatch batch) {
        if (buildSpill != null) {
            try (batch) {
                spillByKey(batch, buildKeys, buildSpill);
            }
            return;
        }
        buildBatches.add(batch);
        buildBytes += batch.sizeInBytes();
        // the table and the concatenated copy need about three times the buffered bytes
        if (buildBytes > context.memoryBudget() / 3 && !spec.buildKeys().isEmpty()) {
            startSpilling();
        }
    }

    /** Whether the build side went to disk (a grace hash join). */
    public boolean spilled() {
        return buildSpill != null;
    }

    /** Bytes of build state held in memory. */
    public long memoryInUse() {
        return table != null ? table.sizeInBytes() : buildBytes;
    }

    private void startSpilling() {
        buildSpill = new SpillFile[SPILL_PARTITIONS];
        probeSpill = new SpillFile[SPILL_PARTITIONS];
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            buildSpill[p] = context.spill().create("build" + p);
            probeSpill[p] = context.spill().create("probe" + p);
        }
        for (RecordBatch b : buildBatches) {
            try (b) {
                spillByKey(b, buildKeys, buildSpill);
            }
        }
        buildBatches.clear();
        buildBytes = 0;
    }

    /** Writes each row to the spill file of its key's spill partition (the caller keeps the batch). */
    private void spillByKey(RecordBatch batch, KeyColumns keys, SpillFile[] files) {
        int n = batch.numRows();
        long[] hashes;
        try (KeyColumns.Values k = keys.evaluate(batch, allocator)) {
            hashes = Hashing.hashRows(k.vectors(), keys.types(), n);
        }
        int[] counts = new int[SPILL_PARTITIONS + 1];
        int[] part = new int[n];
        for (int i = 0; i < n; i++) {
            // top bits of a second multiplicative mix: independent of the exchange's partition choice
            part[i] = (int) ((hashes[i] * 0xC2B2AE3D27D4EB4FL) >>> 61);
            counts[part[i] + 1]++;
        }
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            int len = counts[p + 1];
            if (len == 0) {
                continue;
            }
            if (len == n) {
                files[p].write(batch);
                return;
            }
            int[] idx = new int[len];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (part[i] == p) {
                    idx[c++] = i;
                }
            }
            try (RecordBatch piece = Selection.take(batch, idx, allocator)) {
                files[p].write(piece);
            }
        }
    }

    /** Every build batch is in: joined rows go into {@code into} from now on. */
    public void startProbing(Pipeline into) {
        this.pipeline = into;
        if (buildSpill == null) {
            List<RecordBatch> build = buildBatches;
            buildBatches = new ArrayList<>();
            table = new JoinTable(spec, build, allocator, pipeline);
        }
    }

    /** Joins a probe batch, or spills it by key when the build side spilled (takes ownership). */
    public void probe(RecordBatch batch) {
        try (batch) {
            if (probeSpill != null) {
                spillByKey(batch, probeKeys, probeSpill);
            } else {
                table.probe(batch);
            }
        }
    }

    /** End of the probe input: unmatched build rows, or every spilled partition joined in turn. */
    public void finish() {
        if (buildSpill == null) {
            table.finish();
            return;
        }
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            List<RecordBatch> build = new ArrayList<>();
            try (SpillFile.Reader r = buildSpill[p].reader(spec.buildSchema(), allocator)) {
                for (RecordBatch b = r.next(); b != null; b = r.next()) {
                    build.add(b);
                }
            } catch (RuntimeException e) {
                build.forEach(RecordBatch::close);
                throw e;
            }
            try (JoinTable part = new JoinTable(spec, build, allocator, pipeline);
                    SpillFile.Reader r = probeSpill[p].reader(spec.probeSchema(), allocator)) {
                for (RecordBatch b = r.next(); b != null; b = r.next()) {
                    try (RecordBatch probe = b) {
                        part.probe(probe);
                    }
                }
                part.finish();
            }
        }
    }

    /** Releases the build rows and table (spill files belong to the spill directory). */
    @Override
    public void close() {
        buildBatches.forEach(RecordBatch::close);
        buildBatches.clear();
        if (table != null) {
            table.close();
            table = null;
        }
    }
}
