package dev.floe.operators.exchange;

import dev.floe.arrow.Allocators;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.step.KeyColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Samples the sort keys of one subtask's rows: keeps a random subset of each batch in proportion,
 * cut to a fixed number of rows at the end, and emits it as one batch of key columns.
 */
public final class SampleOperator extends AbstractStreamOperator<EncodedBatch>
        implements OneInputStreamOperator<EncodedBatch, EncodedBatch>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final RangeSpec spec;
    private transient BufferAllocator allocator;
    private transient KeyColumns keys;
    private transient List<RecordBatch> samples;
    private transient SplittableRandom random;

    public SampleOperator(RangeSpec spec) {
        this.spec = spec;
    }

    @Override
    public void open() throws Exception {
        super.open();
        allocator = Allocators.child("sample " + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                Long.MAX_VALUE);
        keys = KeyColumns.bind(new ArrayList<>(spec.keys()), spec.inputSchema());
        samples = new ArrayList<>();
        random = new SplittableRandom(42 + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public void processElement(StreamRecord<EncodedBatch> element) {
        EncodedBatch e = element.getValue();
        if (e.numRows() == 0) {
            return;
        }
        try (RecordBatch batch = BatchCodec.decode(e, spec.inputSchema(), allocator)) {
            int n = batch.numRows();
            int want = Math.min(n, spec.samplesPerSubtask());
            int[] idx = pick(n, want);
            try (RecordBatch k = spec.keysOf(batch, keys, allocator)) {
                samples.add(Selection.take(k, idx, allocator));
            }
        }
    }

    private int[] pick(int n, int want) {
        int[] idx = new int[want];
        for (int i = 0; i < want; i++) {
            idx[i] = want == n ? i : random.nextInt(n);
        }
        return idx;
    }

    @Override
    public void endInput() {
        if (samples.isEmpty()) {
            return;
        }
        try (RecordBatch all = Concat.concat(spec.keySchema(), samples, allocator)) {
            samples.forEach(RecordBatch::close);
            samples.clear();
            int want = Math.min(all.numRows(), spec.samplesPerSubtask());
            try (RecordBatch cut = Selection.take(all, pick(all.numRows(), want), allocator)) {
                output.collect(new StreamRecord<>(BatchCodec.encode(cut)));
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
