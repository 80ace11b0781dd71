package dev.floe.operators.stage;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.operators.runtime.OperatorRuntime;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepSpec;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs a fused list of steps on every incoming batch: decode into this operator's allocator, run
 * the steps, encode what they emit (tagged with a target partition when a split step chose one).
 * Blocking steps emit at end of input. Used for stages after an exchange, and for the sample and
 * boundary steps of a range exchange.
 */
public final class PipelineOperator extends AbstractStreamOperator<EncodedBatch>
        implements OneInputStreamOperator<EncodedBatch, EncodedBatch>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final Schema inputSchema;
    private final List<StepSpec> steps;
    private final boolean tagWithSubtask;
    private final long memoryBudget;

    private transient OperatorRuntime runtime;
    private transient Pipeline pipeline;

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
        runtime = OperatorRuntime.open(this, getContainingTask().getEnvironment(), getOperatorConfig(),
                getMetricGroup(), getOperatorName(), memoryBudget);
        runtime.reportTo(getRuntimeContext(), getOperatorID().toHexString());
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        StreamRecord<EncodedBatch> reuse = new StreamRecord<>(null);
        var send = runtime.sender(e -> output.collect(reuse.replace(e)));
        pipeline = runtime.pipeline(steps, runtime.context(), (batch, partition) -> send.emit(batch,
                partition != EncodedBatch.NO_PARTITION ? partition : tagWithSubtask ? subtask : partition));
    }

    @Override
    public void processElement(StreamRecord<EncodedBatch> element) {
        if (pipeline.finished()) {
            return;
        }
        pipeline.push(runtime.decode(element.getValue(), inputSchema));
    }

    @Override
    public void endInput() {
        runtime.finish(pipeline);
    }

    @Override
    public void close() throws Exception {
        OperatorRuntime.closeThen(runtime, super::close);
    }
}
