package dev.floe.operators.stage;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.operators.blocking.BroadcastBuilds;
import dev.floe.operators.runtime.FloeOperatorFactory;
import dev.floe.operators.runtime.OperatorRuntime;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.streaming.api.operators.AbstractInput;
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
 * joins, range splits with their boundaries): input 1 is the main stream, inputs 2.. are the broadcast inputs. Every broadcast
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
    private OperatorRuntime runtime;
    private Pipeline pipeline;
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
        runtime = OperatorRuntime.open(this, env, getOperatorConfig(), getMetricGroup(), getOperatorName(),
                spec.memoryBudget());
        runtime.reportTo(getRuntimeContext(), getOperatorID().toHexString());
        broadcasts.open(runtime);
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
        pipeline.push(runtime.decode(e, spec.mainSchema()));
    }

    @Override
    public void endInput(int inputId) {
        if (inputId > 1) {
            if (--buildsOpen == 0) {
                pipeline = runtime.pipeline(spec.steps(), broadcasts.handOver(),
                        runtime.sender(e -> output.collect(reuse.replace(e))));
            }
            return;
        }
        runtime.finish(pipeline);
    }

    @Override
    public void close() throws Exception {
        OperatorRuntime.closeThen(runtime, super::close);
    }

    /** Creates the operator on the TaskManager; may head a chain that starts with sources. */
    public static final class Factory extends FloeOperatorFactory {
        private static final long serialVersionUID = 1L;
        private final Spec spec;

        public Factory(Spec spec) {
            super(BroadcastInputsOperator.class);
            this.spec = spec;
            setChainingStrategy(ChainingStrategy.HEAD_WITH_SOURCES);
        }

        @Override
        protected StreamOperator<EncodedBatch> create(StreamOperatorParameters<EncodedBatch> parameters) {
            return new BroadcastInputsOperator(parameters, spec);
        }
    }
}
