package dev.floe.operators.blocking;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.runtime.OperatorRuntime;
import dev.floe.operators.step.StepContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractInput;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorV2;
import org.apache.flink.streaming.api.operators.Input;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The build sides of the broadcast joins fused into an operator ({@link BroadcastJoinSpec}), as
 * the operator collects them: one Flink input each, decoded batches per input, handed over to the
 * join steps once when the pipeline is built. Whatever was not handed over is closed with it.
 */
public final class BroadcastBuilds implements AutoCloseable {
    private final List<Schema> schemas;
    private final List<List<RecordBatch>> batches = new ArrayList<>();
    private OperatorRuntime runtime;

    public BroadcastBuilds(List<Schema> schemas) {
        this.schemas = List.copyOf(schemas);
        for (int i = 0; i < schemas.size(); i++) {
            batches.add(new ArrayList<>());
        }
    }

    public int size() {
        return schemas.size();
    }

    /**
     * Where batches are decoded and counted; called from the operator's open(), before any input
     * arrives. The runtime closes what was not handed over, before its allocator.
     */
    public void open(OperatorRuntime runtime) {
        this.runtime = runtime;
        runtime.own(this);
    }

    /**
     * One input per build side, with ids {@code firstInputId, firstInputId + 1, ...} (Flink asks
     * for the inputs before it opens the operator).
     */
    public List<Input> inputs(AbstractStreamOperatorV2<EncodedBatch> owner, int firstInputId) {
        List<Input> inputs = new ArrayList<>(schemas.size());
        for (int i = 0; i < schemas.size(); i++) {
            int index = i;
            inputs.add(new AbstractInput<EncodedBatch, EncodedBatch>(owner, firstInputId + i) {
                @Override
                public void processElement(StreamRecord<EncodedBatch> element) {
                    EncodedBatch e = element.getValue();
                    if (e.numRows() > 0) {
                        batches.get(index).add(runtime.decode(e, schemas.get(index)));
                    } else {
                        runtime.arrived(e);
                    }
                }
            });
        }
        return inputs;
    }

    /** The context whose {@link StepContext#broadcast(int)} hands build side i over (once). */
    public StepContext handOver() {
        return runtime.context(i -> {
            List<RecordBatch> taken = batches.get(i);
            batches.set(i, new ArrayList<>());
            return taken;
        });
    }

    @Override
    public void close() {
        for (List<RecordBatch> b : batches) {
            b.forEach(RecordBatch::close);
            b.clear();
        }
    }
}
