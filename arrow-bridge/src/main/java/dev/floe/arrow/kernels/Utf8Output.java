package dev.floe.arrow.kernels;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VarCharVector;

/**
 * Appends string rows to a {@link VarCharVector} byte range by byte range, growing the data
 * buffer by doubling; the string kernels write their results through it without a
 * {@code byte[]} or {@code String} per row.
 *
 * <pre>{@code
 * Utf8Output out = Utf8Output.create(n, bytesHint, allocator);
 * out.append(src.getDataBuffer(), start, len); out.endRow(0, true); ... VarCharVector v = out.finish();
 * }</pre>
 */
final class Utf8Output {
    private final VarCharVector vector;
    private int pos;
    private int rows;

    private Utf8Output(VarCharVector vector, int startPos) {
        this.vector = vector;
        this.pos = startPos;
    }

    /** A new vector sized for n rows and about {@code bytes} bytes. */
    static Utf8Output create(int n, long bytes, BufferAllocator allocator) {
        VarCharVector v = new VarCharVector("out", allocator);
        try {
            v.allocateNew(Math.max(bytes, 16), Math.max(n, 1));
            v.getOffsetBuffer().setInt(0, 0);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return new Utf8Output(v, 0);
    }

    /**
     * Appends to an existing vector already holding {@code rows} rows (the child of a list
     * vector); its buffers must be allocated.
     */
    static Utf8Output appendTo(VarCharVector v, int rows) {
        int start = v.getOffsetBuffer().getInt((long) rows * 4);
        Utf8Output out = new Utf8Output(v, start);
        out.rows = rows;
        return out;
    }

    VarCharVector vector() {
        return vector;
    }

    /** Bytes written so far. */
    int position() {
        return pos;
    }

    private ArrowBuf room(int extra) {
        long need = (long) pos + extra;
        if (need > Integer.MAX_VALUE) {
            throw new KernelException("A string result would hold more than 2 GiB in one batch; use smaller batches");
        }
        while (vector.getDataBuffer().capacity() < need) {
            vector.reallocDataBuffer();
        }
        return vector.getDataBuffer();
    }

    void append(ArrowBuf src, long start, int len) {
        if (len > 0) {
            room(len).setBytes(pos, src, start, len);
            pos += len;
        }
    }

    void append(byte[] src, int start, int len) {
        if (len > 0) {
            room(len).setBytes(pos, src, start, len);
            pos += len;
        }
    }

    void appendByte(int b) {
        room(1).setByte(pos, b);
        pos++;
    }

    /** Closes row i (rows are written in order), valid or null. */
    void endRow(int i, boolean valid) {
        while (vector.getValueCapacity() <= i) {
            vector.reallocValidityAndOffsetBuffers();
        }
        vector.getOffsetBuffer().setInt((long) (i + 1) * 4, pos);
        if (valid) {
            BitVectorHelper.setBit(vector.getValidityBuffer(), i);
        } else {
            BitVectorHelper.unsetBit(vector.getValidityBuffer(), i);
        }
        rows = i + 1;
    }

    /** Sets the value count to the rows written and hands the vector over. */
    VarCharVector finish() {
        vector.setLastSet(rows - 1);
        vector.setValueCount(rows);
        return vector;
    }
}
