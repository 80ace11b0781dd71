package dev.floe.operators.blocking;

import dev.floe.api.types.Schema;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.step.StepContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.metrics.Counter;
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
    private BufferAllocator allocator;
    private Counter rowsIn;

    public BroadcastBuilds(List<Schema> schemas) {
        this.schemas = List.copyOf(schemas);
        for (int i = 0; i < schemas.size(); i++) {
            batches.add(new ArrayList<>());
        }
    }

    public int size() {
        return schemas.size();
    }

    /** Where batches are decoded and counted; called from the operator's open(), before any input arrives. */
    public void open(BufferAllocator allocator, Counter rowsIn) {
        this.allocator = allocator;
        this.rowsIn = rowsIn;
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
                    rowsIn.inc(e.numRows());
                    if (e.numRows() > 0) {
                        batches.get(index).add(BatchCodec.decode(e, schemas.get(index), allocator));
                    }
                }
            });
        }
        return inputs;
    }

    /** The context whose {@link StepContext#broadcast(int)} hands build side i over (once). */
    public StepContext handOver(StepContext context) {
        return context.withBroadcasts(i -> {
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
