package dev.floe.operators.exchange;

import dev.floe.arrow.Allocators;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Selection;
import dev.floe.arrow.kernels.Sorting;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs with parallelism 1: sorts every subtask's key samples and emits {@code numPartitions - 1}
 * evenly spaced boundaries as one batch (possibly empty: then every row goes to partition 0).
 */
public final class BoundariesOperator extends AbstractStreamOperator<EncodedBatch>
        implements OneInputStreamOperator<EncodedBatch, EncodedBatch>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final RangeSpec spec;
    private transient BufferAllocator allocator;
    private transient List<RecordBatch> samples;

    public BoundariesOperator(RangeSpec spec) {
        this.spec = spec;
    }

    @Override
    public void open() throws Exception {
        super.open();
        allocator = Allocators.child("boundaries", Long.MAX_VALUE);
        samples = new ArrayList<>();
    }

    @Override
    public void processElement(StreamRecord<EncodedBatch> element) {
        samples.add(BatchCodec.decode(element.getValue(), spec.keySchema(), allocator));
    }

    @Override
    public void endInput() {
        try (RecordBatch all = Concat.concat(spec.keySchema(), samples, allocator)) {
            samples.forEach(RecordBatch::close);
            samples.clear();
            int n = all.numRows();
            int[] order = Sorting.sortIndices(all.vectors(), spec.keySchema().types(), spec.orders(), n);
            int parts = spec.numPartitions();
            int count = n == 0 ? 0 : parts - 1;
            int[] picks = new int[count];
            for (int i = 1; i <= count; i++) {
                picks[i - 1] = order[(int) Math.min(n - 1, (long) i * n / parts)];
            }
            try (RecordBatch boundaries = Selection.take(all, picks, allocator)) {
                output.collect(new StreamRecord<>(BatchCodec.encode(boundaries)));
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (samples != null) {
                samples.forEach(RecordBatch::close);
            }
            if (allocator != null) {
                allocator.close();
            }
        } finally {
            super.close();
        }
    }
}
