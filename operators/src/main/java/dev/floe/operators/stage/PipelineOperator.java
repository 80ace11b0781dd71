package dev.floe.operators.stage;

import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
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
 * Runs a fused list of stateless steps on every incoming batch: decode into this operator's
 * allocator, run the steps, encode what is left. Used for stages after an exchange.
 */
public final class PipelineOperator extends AbstractStreamOperator<EncodedBatch>
        implements OneInputStreamOperator<EncodedBatch, EncodedBatch>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final Schema inputSchema;
    private final List<StepSpec> steps;

    private transient BufferAllocator allocator;
    private transient Pipeline pipeline;
    private transient Counter rowsIn;
    private transient Counter rowsOut;
    private transient StreamRecord<EncodedBatch> reuse;

    public PipelineOperator(Schema inputSchema, List<StepSpec> steps) {
        this.inputSchema = inputSchema;
        this.steps = List.copyOf(steps);
    }

    @Override
    public void open() throws Exception {
        super.open();
        allocator = Allocators.child(getOperatorName() + "[" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()
                + "]", Long.MAX_VALUE);
        pipeline = Pipeline.create(steps, allocator);
        rowsIn = getMetricGroup().counter("floeRowsIn");
        rowsOut = getMetricGroup().counter("floeRowsOut");
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<EncodedBatch> element) {
        if (pipeline.finished()) {
            return;
        }
        EncodedBatch encoded = element.getValue();
        rowsIn.inc(encoded.numRows());
        RecordBatch out = pipeline.run(BatchCodec.decode(encoded, inputSchema, allocator));
        if (out != null) {
            try (out) {
                rowsOut.inc(out.numRows());
                output.collect(reuse.replace(BatchCodec.encode(out)));
            }
        }
    }

    @Override
    public void endInput() {
    }

    @Override
    public void close() throws Exception {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
            if (allocator != null) {
                allocator.close();
            }
        } finally {
            super.close();
        }
    }
}
