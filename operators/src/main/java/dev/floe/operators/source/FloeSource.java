package dev.floe.operators.source;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The FLIP-27 source for every Floe scan. The enumerator hands out splits on request; each
 * reader opens a split, runs the fused pipeline of steps (scan filters, projection, limit, and
 * whatever stateless steps follow) on every batch and emits the result as an {@link EncodedBatch}.
 */
public final class FloeSource implements Source<EncodedBatch, FloeSplit, ArrayList<FloeSplit>> {
    private static final long serialVersionUID = 1L;

    private final List<FloeSplit> splits;
    private final SplitOpener opener;
    private final Schema readSchema;
    private final List<StepSpec> steps;
    private final String name;
    private final long memoryBudget;

    /**
     * @param readSchema schema of the batches the opener produces
     * @param steps      the fused steps, the first taking {@code readSchema}
     * @param name       the operator name (the plan nodes' one-line descriptions)
     * @param memoryBudget bytes a blocking step fused into the source holds before spilling
     *                   ({@code floe.operator.memory-budget}); 0 = the default budget of unmanaged memory
     */
    public FloeSource(List<FloeSplit> splits, SplitOpener opener, Schema readSchema, List<StepSpec> steps, String name,
            long memoryBudget) {
        this.splits = List.copyOf(splits);
        this.opener = opener;
        this.readSchema = readSchema;
        this.steps = List.copyOf(steps);
        this.name = name;
        this.memoryBudget = memoryBudget;
    }

    public List<FloeSplit> splits() {
        return splits;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<FloeSplit, ArrayList<FloeSplit>> createEnumerator(SplitEnumeratorContext<FloeSplit> context) {
        return new SplitQueueEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<FloeSplit, ArrayList<FloeSplit>> restoreEnumerator(
            SplitEnumeratorContext<FloeSplit> context, ArrayList<FloeSplit> checkpoint) {
        return new SplitQueueEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<FloeSplit> getSplitSerializer() {
        return new JavaSerializer<>();
    }

    @Override
    public SimpleVersionedSerializer<ArrayList<FloeSplit>> getEnumeratorCheckpointSerializer() {
        return new JavaSerializer<>();
    }

    @Override
    public SourceReader<EncodedBatch, FloeSplit> createReader(SourceReaderContext context) {
        return new FloeSourceReader(context, opener, readSchema, steps, name, memoryBudget);
    }
}
