package dev.floe.operators.exchange;

import dev.floe.arrow.Allocators;
import dev.floe.arrow.BatchCodec;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.step.KeyColumns;
import java.util.ArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Reads the broadcast boundaries (input 1) before any data (input 2), then splits each data batch
 * by range partition and tags the pieces for Flink's custom partitioner.
 */
public final class RangeSplitOperator extends AbstractStreamOperator<EncodedBatch>
        implements TwoInputStreamOperator<EncodedBatch, EncodedBatch, EncodedBatch>, InputSelectable, BoundedMultiInput {
    private static final long serialVersionUID = 1L;

    private final RangeSpec spec;
    private transient BufferAllocator allocator;
    private transient KeyColumns keys;
    private transient RecordBatch boundaries;
    private transient boolean boundariesDone;
    private transient StreamRecord<EncodedBatch> reuse;

    public RangeSplitOperator(RangeSpec spec) {
        this.spec = spec;
    }

    @Override
    public void open() throws Exception {
        super.open();
        allocator = Allocators.child("range split " + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                Long.MAX_VALUE);
        keys = KeyColumns.bind(new ArrayList<>(spec.keys()), spec.inputSchema());
        reuse = new StreamRecord<>(null);
    }

    @Override
    public InputSelection nextSelection() {
        return boundariesDone ? InputSelection.SECOND : InputSelection.FIRST;
    }

    @Override
    public void processElement1(StreamRecord<EncodedBatch> element) {
        if (boundaries != null) {
            boundaries.close();
        }
        boundaries = BatchCodec.decode(element.getValue(), spec.keySchema(), allocator);
    }

    @Override
    public void processElement2(StreamRecord<EncodedBatch> element) {
        RecordBatch batch = BatchCodec.decode(element.getValue(), spec.inputSchema(), allocator);
        int n = batch.numRows();
        if (n == 0) {
            batch.close();
            return;
        }
        int[] partitions;
        if (boundaries == null || boundaries.numRows() == 0) {
            partitions = new int[n];
        } else {
            try (KeyColumns.Values k = keys.evaluate(batch, allocator)) {
                partitions = Sorting.rangePartitions(k.vectors(), keys.types(), spec.orders(), n,
                        boundaries.vectors(), boundaries.numRows());
            } catch (RuntimeException e) {
                batch.close();
                throw e;
            }
        }
        Splits.emit(batch, partitions, spec.numPartitions(), allocator, (piece, p) -> {
            try (piece) {
                output.collect(reuse.replace(BatchCodec.encode(piece).withPartition(p)));
            }
        });
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            boundariesDone = true;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (boundaries != null) {
                boundaries.close();
            }
            if (allocator != null) {
                allocator.close();
            }
        } finally {
            super.close();
        }
    }
}
