package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * STRING_AGG: the non-null strings of each group joined with the separator, order unspecified
 * (arrival order); a group without a non-null string gives null. The non-null rows are kept like
 * AGG_LIST's; {@link #finish} orders them by group and writes each group's bytes and separators
 * straight into the result's buffers. Not decomposable.
 */
final class StringAggAccumulator extends AggListAccumulator {
    private final byte[] separator;
    private int[] rows = new int[0];

    StringAggAccumulator(String separator, BufferAllocator allocator) {
        super(DataType.string(), allocator);
        this.separator = separator.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (input.getNullCount() == 0) {
            append(input, groupIds, n);
            return;
        }
        if (rows.length < n) {
            rows = new int[n];
        }
        ArrowBuf validity = input.getValidityBuffer();
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (BitVectorHelper.get(validity, i) != 0) {
                rows[k++] = i;
            }
        }
        keepRows(input, rows, k, groupIds);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        int[] starts = groupStarts(numGroups);
        int[] order = orderByGroup(starts, numGroups);
        values.setValueCount(used);
        ArrowBuf inOffsets = values.getOffsetBuffer();
        ArrowBuf inData = values.getDataBuffer();
        long total = 0;
        for (int g = 0; g < numGroups; g++) {
            int count = starts[g + 1] - starts[g];
            if (count > 0) {
                total += (long) separator.length * (count - 1);
            }
        }
        for (int r = 0; r < used; r++) {
            total += inOffsets.getInt((long) (r + 1) * 4) - inOffsets.getInt((long) r * 4);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalStateException("stringAgg results of this batch of groups exceed 2 GiB; group by more keys");
        }
        VarCharVector out = new VarCharVector("out", allocator);
        try {
            out.allocateNew(Math.max(total, 1), numGroups);
            ArrowBuf data = out.getDataBuffer();
            ArrowBuf offsets = out.getOffsetBuffer();
            ArrowBuf validity = out.getValidityBuffer();
            int at = 0;
            offsets.setInt(0, 0);
            for (int g = 0; g < numGroups; g++) {
                for (int j = starts[g]; j < starts[g + 1]; j++) {
                    if (j > starts[g]) {
                        data.setBytes(at, separator);
                        at += separator.length;
                    }
                    int r = order[j];
                    int start = inOffsets.getInt((long) r * 4);
                    int len = inOffsets.getInt((long) (r + 1) * 4) - start;
                    data.setBytes(at, inData, start, len);
                    at += len;
                }
                if (starts[g + 1] > starts[g]) {
                    BitVectorHelper.setBit(validity, g);
                }
                offsets.setInt((long) (g + 1) * 4, at);
            }
            out.setLastSet(numGroups - 1);
            out.setValueCount(numGroups);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public long sizeInBytes() {
        return super.sizeInBytes() + 4L * rows.length;
    }
}
