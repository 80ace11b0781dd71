package dev.floe.operators.blocking;

import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Hashing;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.memory.OperatorMemory;
import dev.floe.operators.spill.SpillFile;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Pipeline;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Hash join on Flink: input 1 is the build side, read to its end before input 2 (the probe side)
 * is selected; with blocking exchanges the probe data waits in its upstream result partition.
 * Null keys never match. Without keys it is a cross join (every probe row with every build row).
 *
 * <p>When the build side outgrows a third of the operator's memory budget, the join turns into a
 * grace hash join: build and probe rows are written to {@value #SPILL_PARTITIONS} spill files each
 * by a hash of the key (bits independent of the exchange's), and each pair is joined in memory at
 * the end. Rows with equal keys share a spill partition, so every join type stays exact.
 */
public final class HashJoinOperator extends AbstractStreamOperator<EncodedBatch>
        implements TwoInputStreamOperator<EncodedBatch, EncodedBatch, EncodedBatch>, InputSelectable, BoundedMultiInput {
    private static final long serialVersionUID = 1L;
    static final int SPILL_PARTITIONS = 8;

    private final JoinSpec spec;
    private final long memoryBudget;

    private transient OperatorMemory memory;
    private transient BufferAllocator allocator;
    private transient Pipeline pipeline;
    private transient List<RecordBatch> buildBatches;
    private transient long buildBytes;
    private transient boolean buildDone;
    private transient JoinTable table;
    private transient SpillFile[] buildSpill;
    private transient SpillFile[] probeSpill;
    private transient KeyColumns buildKeys;
    private transient KeyColumns probeKeys;
    private transient Counter rowsIn;
    private transient Counter rowsOut;
    private transient StreamRecord<EncodedBatch> reuse;

    /** @param memoryBudget bytes before spilling; 0 = the managed memory Flink assigned */
    public HashJoinOperator(JoinSpec spec, long memoryBudget) {
        this.spec = spec;
        this.memoryBudget = memoryBudget;
    }

    @Override
    public void open() throws Exception {
        super.open();
        var env = getContainingTask().getEnvironment();
        memory = OperatorMemory.open(this, env, OperatorMemory.managedFraction(this, env), memoryBudget,
                getOperatorName() + "[" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "]");
        allocator = memory.allocator();
        rowsIn = getMetricGroup().counter("floeRowsIn");
        rowsOut = getMetricGroup().counter("floeRowsOut");
        getMetricGroup().gauge("floeSpilledBytes", () -> memory.spill().bytesWritten());
        reuse = new StreamRecord<>(null);
        buildBatches = new ArrayList<>();
        buildKeys = KeyColumns.bind(spec.buildKeys(), spec.buildSchema());
        probeKeys = KeyColumns.bind(spec.probeKeys(), spec.probeSchema());
        pipeline = Pipeline.create(spec.steps(), memory.stepContext(), (batch, partition) -> {
            try (batch) {
                if (batch.numRows() > 0 || batch.numColumns() == 0) {
                    rowsOut.inc(batch.numRows());
                    output.collect(reuse.replace(BatchCodec.encode(batch).withPartition(partition)));
                }
            }
        });
    }

    @Override
    public InputSelection nextSelection() {
        return buildDone ? InputSelection.SECOND : InputSelection.FIRST;
    }

    @Override
    public void processElement1(StreamRecord<EncodedBatch> element) {
        EncodedBatch e = element.getValue();
        rowsIn.inc(e.numRows());
        if (e.numRows() == 0) {
            return;
        }
        RecordBatch batch = BatchCodec.decode(e, spec.buildSchema(), allocator);
        if (buildSpill != null) {
            try (batch) {
                spillByKey(batch, buildKeys, buildSpill);
            }
            return;
        }
        buildBatches.add(batch);
        buildBytes += batch.sizeInBytes();
        // the table and the concatenated copy need about three times the buffered bytes
        if (buildBytes > memory.budget() / 3 && !spec.buildKeys().isEmpty()) {
            startSpilling();
        }
    }

    private void startSpilling() {
        buildSpill = new SpillFile[SPILL_PARTITIONS];
        probeSpill = new SpillFile[SPILL_PARTITIONS];
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            buildSpill[p] = memory.spill().create("build" + p);
            probeSpill[p] = memory.spill().create("probe" + p);
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

    @Override
    public void processElement2(StreamRecord<EncodedBatch> element) {
        if (!buildDone) {
            throw new IllegalStateException("probe input arrived before the build input ended");
        }
        EncodedBatch e = element.getValue();
        rowsIn.inc(e.numRows());
        if (e.numRows() == 0) {
            return;
        }
        try (RecordBatch probe = BatchCodec.decode(e, spec.probeSchema(), allocator)) {
            if (probeSpill != null) {
                spillByKey(probe, probeKeys, probeSpill);
            } else {
                table.probe(probe);
            }
        }
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            buildDone = true;
            if (buildSpill == null) {
                table = new JoinTable(spec, buildBatches, allocator, pipeline);
                buildBatches = new ArrayList<>();
            }
            return;
        }
        if (buildSpill == null) {
            table.finish();
        } else {
            joinSpilledPartitions();
        }
        pipeline.finish();
    }

    private void joinSpilledPartitions() {
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

    @Override
    public void close() throws Exception {
        try {
            if (buildBatches != null) {
                buildBatches.forEach(RecordBatch::close);
            }
            if (table != null) {
                table.close();
            }
            if (pipeline != null) {
                pipeline.close();
            }
            if (memory != null) {
                memory.close();
            }
        } finally {
            super.close();
        }
    }
}
