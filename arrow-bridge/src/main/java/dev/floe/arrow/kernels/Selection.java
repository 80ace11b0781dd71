package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** Row selection: filter by a boolean mask (true keeps; false and null drop) and take by indexes. */
public final class Selection {
    private Selection() {
    }

    /** Indexes of the rows where the mask is true. */
    public static int[] selected(BitVector mask, int n) {
        int[] idx = new int[n];
        int count = 0;
        ArrowBuf values = mask.getDataBuffer();
        ArrowBuf validity = mask.getValidityBuffer();
        boolean noNulls = mask.getNullCount() == 0;
        int words = (n + 63) / 64;
        for (int w = 0; w < words; w++) {
            long bits = Logic.getWord(values, w, n);
            if (!noNulls) {
                bits &= Logic.getWord(validity, w, n);
            }
            int tail = n - w * 64;
            if (tail < 64) {
                bits &= (1L << tail) - 1;
            }
            while (bits != 0) {
                int b = Long.numberOfTrailingZeros(bits);
                idx[count++] = w * 64 + b;
                bits &= bits - 1;
            }
        }
        return count == n ? null : java.util.Arrays.copyOf(idx, count);
    }

    /**
     * The rows of the batch where the mask is true, as a new batch; the input is left untouched.
     * Fixed-width columns are copied by walking the mask's words, so filtering primitive columns
     * builds no index array (nothing on the Java heap per row).
     */
    public static RecordBatch filter(RecordBatch batch, BitVector mask, BufferAllocator allocator) {
        int n = batch.numRows();
        int count = countSelected(mask, n);
        if (count == n) {
            return batch.slice(0, n, allocator);
        }
        List<FieldVector> out = new ArrayList<>(batch.numColumns());
        int[] idx = null;
        try {
            for (int c = 0; c < batch.numColumns(); c++) {
                DataType type = batch.schema().field(c).type();
                if (isFixedWidth(type)) {
                    out.add(filterFixedWidth(batch.vector(c), type, mask, n, count, allocator));
                } else {
                    if (idx == null) {
                        idx = selected(mask, n);
                    }
                    out.add(take(batch.vector(c), type, idx, allocator));
                }
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return RecordBatch.of(batch.schema(), out, count);
    }

    private static boolean isFixedWidth(DataType type) {
        Physical p = Physical.of(type);
        return p == Physical.LONG || p == Physical.ULONG || p == Physical.DOUBLE || p == Physical.DECIMAL;
    }

    /** Bits of mask word w that select a row: value true and not null, none past row n. */
    private static long selectedWord(BitVector mask, boolean noNulls, int w, int n) {
        long bits = Logic.getWord(mask.getDataBuffer(), w, n);
        if (!noNulls) {
            bits &= Logic.getWord(mask.getValidityBuffer(), w, n);
        }
        int tail = n - w * 64;
        if (tail < 64) {
            bits &= (1L << tail) - 1;
        }
        return bits;
    }

    /** How many rows the mask selects (true and not null) among the first n. */
    public static int count(BitVector mask, int n) {
        return countSelected(mask, n);
    }

    /**
     * The inverse of {@link #filter} for one column: a vector of n rows holding the values of
     * {@code compact} (one per selected row, in order) at the rows the mask selects, and null at
     * the others. Used to put back the result of an expression evaluated only on some rows.
     */
    public static FieldVector expand(FieldVector compact, DataType type, BitVector mask, int n,
            BufferAllocator allocator) {
        if (type.kind() == DataType.Kind.NULL) {
            org.apache.arrow.vector.NullVector out = new org.apache.arrow.vector.NullVector("out");
            out.setValueCount(n);
            return out;
        }
        int count = countSelected(mask, n);
        if (compact.getValueCount() != count) {
            throw new IllegalArgumentException("expand of " + compact.getValueCount() + " values into "
                    + count + " selected rows");
        }
        FieldVector out = Buffers.allocate(type, n, allocator);
        try {
            boolean maskNoNulls = mask.getNullCount() == 0;
            boolean fixed = isFixedWidth(type);
            int width = fixed ? Physical.width(type) : 0;
            long src = fixed ? compact.getDataBuffer().memoryAddress() : 0;
            long dst = fixed ? out.getDataBuffer().memoryAddress() : 0;
            boolean noNulls = compact.getNullCount() == 0;
            int k = 0;
            for (int w = 0, words = (n + 63) / 64; w < words; w++) {
                long bits = selectedWord(mask, maskNoNulls, w, n);
                while (bits != 0) {
                    int i = w * 64 + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (!fixed) {
                        out.copyFromSafe(k++, i, compact);
                        continue;
                    }
                    MemoryUtil.copyMemory(src + (long) k * width, dst + (long) i * width, width);
                    if (noNulls || BitVectorHelper.get(compact.getValidityBuffer(), k) != 0) {
                        BitVectorHelper.setBit(out.getValidityBuffer(), i);
                    }
                    k++;
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static int countSelected(BitVector mask, int n) {
        boolean noNulls = mask.getNullCount() == 0;
        int count = 0;
        for (int w = 0, words = (n + 63) / 64; w < words; w++) {
            count += Long.bitCount(selectedWord(mask, noNulls, w, n));
        }
        return count;
    }

    /**
     * The {@code count} values of a fixed-width vector where the mask is true, in row order: the
     * selected row numbers of each 64-row mask word are gathered with raw reads (the mask never
     * selects past row n, and n is within the vector).
     */
    private static FieldVector filterFixedWidth(FieldVector in, DataType type, BitVector mask, int n, int count,
            BufferAllocator allocator) {
        if (n > in.getValueCount()) {
            throw new IllegalArgumentException("filter of " + n + " rows over " + in.getValueCount() + " values");
        }
        FieldVector out = Buffers.allocate(type, count, allocator);
        int width = Physical.width(type);
        long src = in.getDataBuffer().memoryAddress();
        long dst = out.getDataBuffer().memoryAddress();
        boolean noNulls = in.getNullCount() == 0;
        long sv = noNulls ? 0 : in.getValidityBuffer().memoryAddress();
        ArrowBuf dv = out.getValidityBuffer();
        boolean maskNoNulls = mask.getNullCount() == 0;
        int k = 0;
        for (int w = 0, words = (n + 63) / 64; w < words; w++) {
            long bits = selectedWord(mask, maskNoNulls, w, n);
            int base = w * 64;
            while (bits != 0) {
                int i = base + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                switch (width) {
                    case 1 -> MemoryUtil.putByte(dst + k, MemoryUtil.getByte(src + i));
                    case 2 -> MemoryUtil.putShort(dst + k * 2L, MemoryUtil.getShort(src + i * 2L));
                    case 4 -> MemoryUtil.putInt(dst + k * 4L, MemoryUtil.getInt(src + i * 4L));
                    case 8 -> MemoryUtil.putLong(dst + k * 8L, MemoryUtil.getLong(src + i * 8L));
                    default -> MemoryUtil.copyMemory(src + (long) i * width, dst + (long) k * width, width);
                }
                if (!noNulls && ((MemoryUtil.getByte(sv + (i >>> 3)) >>> (i & 7)) & 1) != 0) {
                    BitVectorHelper.setBit(dv, k);
                }
                k++;
            }
        }
        if (noNulls) {
            long dva = dv.memoryAddress();
            MemoryUtil.setMemory(dva, count >>> 3, (byte) 0xFF);
            if ((count & 7) != 0) {
                MemoryUtil.putByte(dva + (count >>> 3), (byte) ((1 << (count & 7)) - 1));
            }
        }
        out.setValueCount(count);
        return out;
    }

    public static RecordBatch take(RecordBatch batch, int[] indexes, BufferAllocator allocator) {
        return take(batch, indexes, indexes.length, allocator);
    }

    /** The rows {@code indexes[0 .. n)} of the batch (a reused index array may be longer than n). */
    public static RecordBatch take(RecordBatch batch, int[] indexes, int n, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>(batch.numColumns());
        try {
            for (int c = 0; c < batch.numColumns(); c++) {
                out.add(take(batch.vector(c), batch.schema().field(c).type(), indexes, n, allocator));
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return RecordBatch.of(batch.schema(), out, n);
    }

    /** A new vector holding {@code in[indexes[k]]} at row k. */
    public static FieldVector take(FieldVector in, DataType type, int[] indexes, BufferAllocator allocator) {
        return take(in, type, indexes, indexes.length, allocator);
    }

    /** A new vector of n values holding {@code in[indexes[k]]} at row k, for k in [0, n). */
    public static FieldVector take(FieldVector in, DataType type, int[] indexes, int n, BufferAllocator allocator) {
        if (n > indexes.length) {
            throw new IllegalArgumentException("take of " + n + " rows from " + indexes.length + " indexes");
        }
        if (type.kind() == DataType.Kind.NULL) {
            // a null column has no buffers to copy (and Arrow's NullVector cannot copy values)
            org.apache.arrow.vector.NullVector out = new org.apache.arrow.vector.NullVector("out");
            out.setValueCount(n);
            return out;
        }
        Physical p = Physical.of(type);
        if (p == Physical.LONG || p == Physical.ULONG || p == Physical.DOUBLE || p == Physical.DECIMAL) {
            int w = Physical.width(type);
            ArrowBuf src = in.getDataBuffer();
            checkIndexes(indexes, n, src.capacity() / w);
            FieldVector out = Buffers.allocate(type, n, allocator);
            long sa = src.memoryAddress();
            long da = out.getDataBuffer().memoryAddress();
            switch (w) {
                case 1 -> {
                    for (int k = 0; k < n; k++) {
                        MemoryUtil.putByte(da + k, MemoryUtil.getByte(sa + indexes[k]));
                    }
                }
                case 2 -> {
                    for (int k = 0; k < n; k++) {
                        MemoryUtil.putShort(da + k * 2L, MemoryUtil.getShort(sa + indexes[k] * 2L));
                    }
                }
                case 4 -> {
                    for (int k = 0; k < n; k++) {
                        MemoryUtil.putInt(da + k * 4L, MemoryUtil.getInt(sa + indexes[k] * 4L));
                    }
                }
                case 8 -> {
                    for (int k = 0; k < n; k++) {
                        MemoryUtil.putLong(da + k * 8L, MemoryUtil.getLong(sa + indexes[k] * 8L));
                    }
                }
                case 16 -> {
                    for (int k = 0; k < n; k++) {
                        long s = sa + indexes[k] * 16L;
                        long d = da + k * 16L;
                        MemoryUtil.putLong(d, MemoryUtil.getLong(s));
                        MemoryUtil.putLong(d + 8, MemoryUtil.getLong(s + 8));
                    }
                }
                default -> throw new IllegalStateException("no take for width " + w + " of " + type);
            }
            takeValidity(in, indexes, n, out.getValidityBuffer());
            out.setValueCount(n);
            return out;
        }
        if (p == Physical.BYTES) {
            BaseVariableWidthVector src = (BaseVariableWidthVector) in;
            ArrowBuf so = src.getOffsetBuffer();
            checkIndexes(indexes, n, so.capacity() / 4 - 1);
            long soa = so.memoryAddress();
            long bytes = 0;
            for (int k = 0; k < n; k++) {
                long o = soa + indexes[k] * 4L;
                bytes += MemoryUtil.getInt(o + 4) - MemoryUtil.getInt(o);
            }
            BaseVariableWidthVector out = (BaseVariableWidthVector) type.toArrowField("out").createVector(allocator);
            try {
                out.allocateNew(Math.max(bytes, 1), n);
                long sda = src.getDataBuffer().memoryAddress();
                long ooa = out.getOffsetBuffer().memoryAddress();
                long dda = out.getDataBuffer().memoryAddress();
                int pos = 0;
                MemoryUtil.putInt(ooa, 0);
                for (int k = 0; k < n; k++) {
                    long o = soa + indexes[k] * 4L;
                    int s = MemoryUtil.getInt(o);
                    int len = MemoryUtil.getInt(o + 4) - s;
                    MemoryUtil.copyMemory(sda + s, dda + pos, len);
                    pos += len;
                    MemoryUtil.putInt(ooa + (k + 1) * 4L, pos);
                }
                takeValidity(in, indexes, n, out.getValidityBuffer());
                out.setLastSet(n - 1);
                out.setValueCount(n);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
        FieldVector out = type.toArrowField("out").createVector(allocator);
        out.setInitialCapacity(n);
        out.allocateNew();
        for (int k = 0; k < n; k++) {
            out.copyFromSafe(indexes[k], k, in);
        }
        out.setValueCount(n);
        return out;
    }

    /**
     * Fails unless every index is in [0, limit): the gathers below read raw memory, so an index
     * past the source's buffers must be an exception, not a read of someone else's memory.
     */
    private static void checkIndexes(int[] indexes, int n, long limit) {
        for (int k = 0; k < n; k++) {
            if (indexes[k] < 0 || indexes[k] >= limit) {
                throw new IndexOutOfBoundsException("take: index " + indexes[k] + " at position " + k
                        + " is outside the source's " + limit + " values");
            }
        }
    }

    /** Output validity bit k = input validity bit indexes[k], assembled 64 bits at a time. */
    private static void takeValidity(FieldVector in, int[] indexes, int n, ArrowBuf dv) {
        long dva = dv.memoryAddress();
        if (in.getNullCount() == 0) {
            int full = n >>> 3;
            MemoryUtil.setMemory(dva, full, (byte) 0xFF);
            if ((n & 7) != 0) {
                MemoryUtil.putByte(dva + full, (byte) ((1 << (n & 7)) - 1));
            }
            return;
        }
        long sva = in.getValidityBuffer().memoryAddress();
        for (int base = 0; base < n; base += 64) {
            int end = Math.min(n, base + 64);
            long word = 0;
            for (int k = base; k < end; k++) {
                int i = indexes[k];
                word |= (long) ((MemoryUtil.getByte(sva + (i >>> 3)) >>> (i & 7)) & 1) << (k - base);
            }
            if (end - base == 64) {
                MemoryUtil.putLong(dva + (base >>> 3), word);
            } else {
                for (int b = 0, bytes = (end - base + 7) >>> 3; b < bytes; b++) {
                    MemoryUtil.putByte(dva + (base >>> 3) + b, (byte) (word >>> (8 * b)));
                }
            }
        }
    }
}
