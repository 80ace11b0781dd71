package dev.floe.operators.stage;

import dev.floe.api.types.Schema;
import dev.floe.operators.memory.OperatorMemory;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepSpec;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs a fused list of steps on every incoming batch: decode into this operator's allocator, run
 * the steps, encode what they emit (tagged with a target partition when a split step chose one).
 * Blocking steps emit at end of input. Used for stages after an exchange.
 */
public final class PipelineOperator extends AbstractStreamOperator<EncodedBatch>
        implements OneInputStreamOperator<EncodedBatch, EncodedBatch>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final Schema inputSchema;
    private final List<StepSpec> steps;
    private final boolean tagWithSubtask;
    private final long memoryBudget;

    private transient BufferAllocator allocator;
    private transient OperatorMemory memory;
    private transient org.apache.flink.metrics.Gauge<Long> spilledBytes;
    private transient Pipeline pipeline;
    private transient Counter rowsIn;
    private transient Counter rowsOut;
    private transient Counter batchesOut;
    private transient StreamRecord<EncodedBatch> reuse;
    private transient boolean failOnce;

    public PipelineOperator(Schema inputSchema, List<StepSpec> steps) {
        this(inputSchema, steps, false, 0);
    }

    /**
     * @param tagWithSubtask tag every output batch with this subtask's index, so that the client can
     *                       restore a global order (range-partitioned sorts)
     * @param memoryBudget   bytes the blocking steps may hold before spilling; 0 = the managed memory
     *                       Flink assigned to this operator
     */
    public PipelineOperator(Schema inputSchema, List<StepSpec> steps, boolean tagWithSubtask, long memoryBudget) {
        this.inputSchema = inputSchema;
        this.steps = List.copyOf(steps);
        this.tagWithSubtask = tagWithSubtask;
        this.memoryBudget = memoryBudget;
    }

    @Override
    public void open() throws Exception {
        super.open();
        var env = getContainingTask().getEnvironment();
        memory = OperatorMemory.open(this, env, OperatorMemory.managedFraction(this, env), memoryBudget,
                getOperatorName() + "[" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "]");
        allocator = memory.allocator();
        spilledBytes = getMetricGroup().gauge("floeSpilledBytes", () -> memory.spill().bytesWritten());
        rowsIn = getMetricGroup().counter("floeRowsIn");
        rowsOut = getMetricGroup().counter("floeRowsOut");
        batchesOut = getMetricGroup().counter("floeBatchesOut");
        reuse = new StreamRecord<>(null);
        failOnce = FailureInjection.armed(env, getOperatorName());
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        pipeline = Pipeline.create(steps, memory.stepContext(), (batch, partition) -> send(batch,
                partition != EncodedBatch.NO_PARTITION ? partition : tagWithSubtask ? subtask : partition));
    }

    private void send(RecordBatch batch, int partition) {
        try (batch) {
            if (batch.numRows() == 0 && batch.numColumns() > 0) {
                return;
            }
            rowsOut.inc(batch.numRows());
            batchesOut.inc();
            EncodedBatch encoded = BatchCodec.encode(batch);
            output.collect(reuse.replace(encoded.withPartition(partition)));
        }
    }

    @Override
    public void processElement(StreamRecord<EncodedBatch> element) {
        if (pipeline.finished()) {
            return;
        }
        if (failOnce) {
            throw FailureInjection.failure(getOperatorName());
        }
        EncodedBatch encoded = element.getValue();
        rowsIn.inc(encoded.numRows());
        pipeline.push(BatchCodec.decode(encoded, inputSchema, allocator));
    }

    @Override
    public void endInput() {
        if (failOnce) {
            throw FailureInjection.failure(getOperatorName());
        }
        pipeline.finish();
    }

    @Override
    public void close() throws Exception {
        try {
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
