package dev.floe.operators.blocking;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Hashing;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.runtime.FloeOperatorFactory;
import dev.floe.operators.runtime.OperatorRuntime;
import dev.floe.operators.runtime.StepMetrics;
import dev.floe.operators.spill.SpillFile;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.streaming.api.operators.AbstractInput;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorV2;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.Input;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.MultipleInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Hash join on Flink: input 1 is the build side, read to its end before input 2 (the probe side)
 * is selected; with blocking exchanges the probe data waits in its upstream result partition.
 * Null keys never match. Without keys it is a cross join (every probe row with every build row).
 * Inputs 3.. are the build sides of broadcast joins fused into the steps after the join
 * ({@link BroadcastJoinSpec}); they are read completely before the probe side too.
 *
 * <p>When the build side outgrows a third of the operator's memory budget, the join turns into a
 * grace hash join: build and probe rows are written to {@value #SPILL_PARTITIONS} spill files each
 * by a hash of the key (bits independent of the exchange's), and each pair is joined in memory at
 * the end. Rows with equal keys share a spill partition, so every join type stays exact.
 */
public final class HashJoinOperator extends AbstractStreamOperatorV2<EncodedBatch>
        implements MultipleInputStreamOperator<EncodedBatch>, InputSelectable, BoundedMultiInput {
    static final int SPILL_PARTITIONS = 8;

    private final JoinSpec spec;
    private final long memoryBudget;
    private final Environment env;
    private final InputSelection builds;

    private OperatorRuntime runtime;
    private BufferAllocator allocator;
    /** The join's own figures (step 0); the steps after it are steps 1.. */
    private StepMetrics metrics;
    private Pipeline pipeline;
    private List<RecordBatch> buildBatches;
    private final BroadcastBuilds broadcasts;
    private int buildsOpen;
    private long buildBytes;
    private JoinTable table;
    private SpillFile[] buildSpill;
    private SpillFile[] probeSpill;
    private KeyColumns buildKeys;
    private KeyColumns probeKeys;
    private final StreamRecord<EncodedBatch> reuse = new StreamRecord<>(null);

    private HashJoinOperator(StreamOperatorParameters<EncodedBatch> parameters, JoinSpec spec, long memoryBudget,
            List<Schema> broadcastSchemas) {
        super(parameters, 2 + broadcastSchemas.size());
        this.spec = spec;
        this.memoryBudget = memoryBudget;
        this.broadcasts = new BroadcastBuilds(broadcastSchemas);
        this.env = parameters.getContainingTask().getEnvironment();
        InputSelection.Builder b = new InputSelection.Builder().select(1);
        for (int i = 0; i < broadcastSchemas.size(); i++) {
            b.select(i + 3);
        }
        this.builds = b.build(2 + broadcastSchemas.size());
        this.buildsOpen = 1 + broadcastSchemas.size();
    }

    @Override
    public void open() throws Exception {
        super.open();
        runtime = OperatorRuntime.open(this, env, getOperatorConfig(), getMetricGroup(), getOperatorName(),
                memoryBudget);
        allocator = runtime.allocator();
        metrics = runtime.register(new StepMetrics(spec.describe()));
        broadcasts.open(runtime);
        runtime.own(this::releaseBuild);
        buildBatches = new ArrayList<>();
        buildKeys = KeyColumns.bind(spec.buildKeys(), spec.buildSchema());
        probeKeys = KeyColumns.bind(spec.probeKeys(), spec.probeSchema());
    }

    @Override
    public List<Input> getInputs() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(new AbstractInput<EncodedBatch, EncodedBatch>(this, 1) {
            @Override
            public void processElement(StreamRecord<EncodedBatch> element) {
                processBuild(element.getValue());
            }
        });
        inputs.add(new AbstractInput<EncodedBatch, EncodedBatch>(this, 2) {
            @Override
            public void processElement(StreamRecord<EncodedBatch> element) {
                processProbe(element.getValue());
            }
        });
        inputs.addAll(broadcasts.inputs(this, 3));
        return inputs;
    }

    @Override
    public InputSelection nextSelection() {
        return buildsOpen > 0 ? builds : InputSelection.SECOND;
    }

    private void processBuild(EncodedBatch e) {
        joinInput(e, spec.buildSchema(), this::addBuild);
    }

    /** Decodes a batch of the build or probe input for {@code work} (which owns it), counted and timed as the join's. */
    private void joinInput(EncodedBatch e, Schema schema, Consumer<RecordBatch> work) {
        metrics.batchIn(e.numRows());
        if (e.numRows() == 0) {
            runtime.arrived(e);
            return;
        }
        long spilled = runtime.spill().bytesWritten();
        long start = System.nanoTime();
        work.accept(runtime.decode(e, schema));
        metrics.called(System.nanoTime() - start, runtime.spill().bytesWritten() - spilled);
        metrics.holding(buildBytes);
    }

    private void addBuild(RecordBatch batch) {
        if (buildSpill != null) {
            try (batch) {
                spillByKey(batch, buildKeys, buildSpill);
            }
            return;
        }
        buildBatches.add(batch);
        buildBytes += batch.sizeInBytes();
        // the table and the concatenated copy need about three times the buffered bytes
        if (buildBytes > runtime.budget() / 3 && !spec.buildKeys().isEmpty()) {
            startSpilling();
        }
    }

    private void startSpilling() {
        buildSpill = new SpillFile[SPILL_PARTITIONS];
        probeSpill = new SpillFile[SPILL_PARTITIONS];
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            buildSpill[p] = runtime.spill().create("build" + p);
            probeSpill[p] = runtime.spill().create("probe" + p);
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

    private void processProbe(EncodedBatch e) {
        if (buildsOpen > 0) {
            throw new IllegalStateException("probe input arrived before the build inputs ended");
        }
        joinInput(e, spec.probeSchema(), batch -> {
            try (RecordBatch probe = batch) {
                if (probeSpill != null) {
                    spillByKey(probe, probeKeys, probeSpill);
                } else {
                    table.probe(probe);
                }
            }
        });
    }

    @Override
    public void endInput(int inputId) {
        if (inputId != 2) {
            if (--buildsOpen == 0) {
                startProbing();
            }
            return;
        }
        runtime.endOfInput();
        long spilled = runtime.spill().bytesWritten();
        long start = System.nanoTime();
        if (buildSpill == null) {
            table.finish();
        } else {
            joinSpilledPartitions();
        }
        pipeline.finish();
        metrics.called(System.nanoTime() - start, runtime.spill().bytesWritten() - spilled);
    }

    /** Every build side is in: the steps (with their broadcast tables) and the join's own table. */
    private void startProbing() {
        pipeline = runtime.pipeline(spec.steps(), broadcasts.handOver(),
                runtime.sender(e -> output.collect(reuse.replace(e))));
        metrics.emitsInto(pipeline.metrics().isEmpty() ? pipeline.output() : pipeline.metrics().get(0));
        if (buildSpill == null) {
            table = new JoinTable(spec, buildBatches, allocator, pipeline);
            buildBatches = new ArrayList<>();
            metrics.holding(table.sizeInBytes());
        }
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

    /** The build rows and table, closed by the runtime before the pipeline is (registered earlier, closed later). */
    private void releaseBuild() {
        if (buildBatches != null) {
            buildBatches.forEach(RecordBatch::close);
            buildBatches.clear();
        }
        if (table != null) {
            table.close();
            table = null;
        }
    }

    @Override
    public void close() throws Exception {
        OperatorRuntime.closeThen(runtime, super::close);
    }

    /** Creates the operator on the TaskManager (inputs: build, probe, then the fused broadcast builds). */
    public static final class Factory extends FloeOperatorFactory {
        private static final long serialVersionUID = 1L;
        private final JoinSpec spec;
        private final long memoryBudget;
        private final List<Schema> broadcastSchemas;

        /** @param memoryBudget bytes before spilling; 0 = the managed memory Flink assigned */
        public Factory(JoinSpec spec, long memoryBudget, List<Schema> broadcastSchemas) {
            super(HashJoinOperator.class);
            this.spec = spec;
            this.memoryBudget = memoryBudget;
            this.broadcastSchemas = List.copyOf(broadcastSchemas);
        }

        @Override
        protected StreamOperator<EncodedBatch> create(StreamOperatorParameters<EncodedBatch> parameters) {
            return new HashJoinOperator(parameters, spec, memoryBudget, broadcastSchemas);
        }
    }
}
