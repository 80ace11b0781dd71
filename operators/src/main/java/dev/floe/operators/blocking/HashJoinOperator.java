package dev.floe.operators.blocking;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.runtime.FloeOperatorFactory;
import dev.floe.operators.runtime.OperatorRuntime;
import dev.floe.operators.runtime.StepMetrics;
import dev.floe.operators.step.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 * A {@link HashJoin} on Flink: input 1 is the build side, read to its end before input 2 (the probe
 * side) is selected; with blocking exchanges the probe data waits in its upstream result partition.
 * Inputs 3.. are the build sides of broadcast joins fused into the steps after the join
 * ({@link BroadcastJoinSpec}); they are read completely before the probe side too.
 */
public final class HashJoinOperator extends AbstractStreamOperatorV2<EncodedBatch>
        implements MultipleInputStreamOperator<EncodedBatch>, InputSelectable, BoundedMultiInput {
    private final JoinSpec spec;
    private final long memoryBudget;
    private final Environment env;
    private final InputSelection builds;
    private final BroadcastBuilds broadcasts;
    private int buildsOpen;

    private OperatorRuntime runtime;
    /** The join's own figures (step 0); the steps after it are steps 1.. */
    private StepMetrics metrics;
    private HashJoin join;
    private Pipeline pipeline;
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
        runtime.reportTo(getRuntimeContext(), getOperatorID().toHexString());
        metrics = runtime.register(new StepMetrics(spec.describe()));
        broadcasts.open(runtime);
        join = runtime.own(new HashJoin(spec, runtime.context()));
    }

    @Override
    public List<Input> getInputs() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(new AbstractInput<EncodedBatch, EncodedBatch>(this, 1) {
            @Override
            public void processElement(StreamRecord<EncodedBatch> element) {
                joinInput(element.getValue(), spec.buildSchema(), join::build);
            }
        });
        inputs.add(new AbstractInput<EncodedBatch, EncodedBatch>(this, 2) {
            @Override
            public void processElement(StreamRecord<EncodedBatch> element) {
                if (buildsOpen > 0) {
                    throw new IllegalStateException("probe input arrived before the build inputs ended");
                }
                joinInput(element.getValue(), spec.probeSchema(), join::probe);
            }
        });
        inputs.addAll(broadcasts.inputs(this, 3));
        return inputs;
    }

    @Override
    public InputSelection nextSelection() {
        return buildsOpen > 0 ? builds : InputSelection.SECOND;
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
        long cpu = StepMetrics.cpuNow();
        work.accept(runtime.decode(e, schema));
        metrics.called(System.nanoTime() - start, StepMetrics.cpuNow() - cpu, runtime.spill().bytesWritten() - spilled);
        metrics.holding(join.memoryInUse());
    }

    @Override
    public void endInput(int inputId) {
        if (inputId != 2) {
            if (--buildsOpen == 0) {
                // every build side is in: the steps (with their broadcast tables) and the join's own table
                pipeline = runtime.pipeline(spec.steps(), broadcasts.handOver(),
                        runtime.sender(e -> output.collect(reuse.replace(e))));
                metrics.emitsInto(pipeline.metrics().isEmpty() ? pipeline.output() : pipeline.metrics().get(0));
                join.startProbing(pipeline);
                metrics.holding(join.memoryInUse());
            }
            return;
        }
        runtime.endOfInput();
        long spilled = runtime.spill().bytesWritten();
        long start = System.nanoTime();
        long cpu = StepMetrics.cpuNow();
        join.finish();
        pipeline.finish();
        metrics.called(System.nanoTime() - start, StepMetrics.cpuNow() - cpu, runtime.spill().bytesWritten() - spilled);
        runtime.completed();
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
