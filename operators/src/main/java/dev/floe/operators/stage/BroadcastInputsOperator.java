package dev.floe.operators.stage;

import dev.floe.api.types.Schema;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.blocking.BroadcastBuilds;
import dev.floe.operators.memory.OperatorMemory;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.streaming.api.operators.AbstractInput;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorV2;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.Input;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.MultipleInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs a fused pipeline over a main input whose steps need broadcast inputs (broadcast hash
 * joins): input 1 is the main stream, inputs 2.. are the broadcast build sides. Every broadcast
 * input is read to its end first; then the pipeline is built (each join step takes its build
 * batches) and the main input streams through it. The operator may head a chain that starts
 * with a source ({@link ChainingStrategy#HEAD_WITH_SOURCES}), so a scan followed by broadcast
 * joins runs in one task with no exchange on the probe side.
 */
public final class BroadcastInputsOperator extends AbstractStreamOperatorV2<EncodedBatch>
        implements MultipleInputStreamOperator<EncodedBatch>, InputSelectable, BoundedMultiInput {

    private final Spec spec;
    private final Environment env;
    private final InputSelection builds;
    private final BroadcastBuilds broadcasts;
    private int buildsOpen;
    private OperatorMemory memory;
    private BufferAllocator allocator;
    private Pipeline pipeline;
    private Counter rowsIn;
    private Counter rowsOut;
    private Counter batchesOut;
    private final StreamRecord<EncodedBatch> reuse = new StreamRecord<>(null);

    /** What the job graph carries: the main input's schema, the build schemas, the steps. */
    public record Spec(Schema mainSchema, List<Schema> buildSchemas, List<StepSpec> steps, long memoryBudget)
            implements java.io.Serializable {
        public Spec {
            buildSchemas = List.copyOf(buildSchemas);
            steps = List.copyOf(steps);
        }
    }

    private BroadcastInputsOperator(StreamOperatorParameters<EncodedBatch> parameters, Spec spec) {
        super(parameters, 1 + spec.buildSchemas().size());
        this.spec = spec;
        this.env = parameters.getContainingTask().getEnvironment();
        InputSelection.Builder b = new InputSelection.Builder();
        for (int i = 0; i < spec.buildSchemas().size(); i++) {
            b.select(i + 2);
        }
        this.builds = b.build(1 + spec.buildSchemas().size());
        this.buildsOpen = spec.buildSchemas().size();
        this.broadcasts = new BroadcastBuilds(spec.buildSchemas());
    }

    @Override
    public void open() throws Exception {
        super.open();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        memory = OperatorMemory.open(this, env, OperatorMemory.managedFraction(getOperatorConfig(), env),
                spec.memoryBudget(), getOperatorName() + "[" + subtask + "]");
        allocator = memory.allocator();
        rowsIn = getMetricGroup().counter("floeRowsIn");
        rowsOut = getMetricGroup().counter("floeRowsOut");
        broadcasts.open(allocator, rowsIn);
        batchesOut = getMetricGroup().counter("floeBatchesOut");
        getMetricGroup().gauge("floeSpilledBytes", () -> memory.spill().bytesWritten());
    }

    @Override
    public InputSelection nextSelection() {
        return buildsOpen > 0 ? builds : InputSelection.FIRST;
    }

    @Override
    public List<Input> getInputs() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(new AbstractInput<EncodedBatch, EncodedBatch>(this, 1) {
            @Override
            public void processElement(StreamRecord<EncodedBatch> element) {
                processMain(element.getValue());
            }
        });
        inputs.addAll(broadcasts.inputs(this, 2));
        return inputs;
    }

    private void processMain(EncodedBatch e) {
        if (pipeline == null) {
            throw new IllegalStateException("main input arrived before the broadcast inputs ended");
        }
        if (pipeline.finished()) {
            return;
        }
        rowsIn.inc(e.numRows());
        pipeline.push(BatchCodec.decode(e, spec.mainSchema(), allocator));
    }

    @Override
    public void endInput(int inputId) {
        if (inputId > 1) {
            if (--buildsOpen == 0) {
                pipeline = Pipeline.create(spec.steps(), broadcasts.handOver(memory.stepContext()), this::send);
            }
            return;
        }
        pipeline.finish();
    }

    private void send(RecordBatch batch, int partition) {
        try (batch) {
            if (batch.numRows() == 0 && batch.numColumns() > 0) {
                return;
            }
            rowsOut.inc(batch.numRows());
            batchesOut.inc();
            output.collect(reuse.replace(BatchCodec.encode(batch).withPartition(partition)));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            broadcasts.close();
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

    /** Creates the operator on the TaskManager; may head a chain that starts with sources. */
    public static final class Factory extends AbstractStreamOperatorFactory<EncodedBatch> {
        private static final long serialVersionUID = 1L;
        private final Spec spec;

        public Factory(Spec spec) {
            this.spec = spec;
            setChainingStrategy(ChainingStrategy.HEAD_WITH_SOURCES);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends StreamOperator<EncodedBatch>> T createStreamOperator(
                StreamOperatorParameters<EncodedBatch> parameters) {
            return (T) new BroadcastInputsOperator(parameters, spec);
        }

        @Override
        public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
            return BroadcastInputsOperator.class;
        }
    }
}
