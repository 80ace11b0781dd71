package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** Raw reads and writes of fixed-width values in Arrow buffers, shared by the kernels. */
public final class Buffers {
    private Buffers() {
    }

    /** Reads value i of a fixed-width integer-like buffer widened to long (unsigned widths zero-extended). */
    static long readLong(ArrowBuf data, int width, boolean unsigned, int i) {
        return switch (width) {
            case 1 -> unsigned ? data.getByte(i) & 0xFFL : data.getByte(i);
            case 2 -> unsigned ? data.getShort((long) i * 2) & 0xFFFFL : data.getShort((long) i * 2);
            case 4 -> unsigned ? data.getInt((long) i * 4) & 0xFFFFFFFFL : data.getInt((long) i * 4);
            default -> data.getLong((long) i * 8);
        };
    }

    static void writeLong(ArrowBuf data, int width, int i, long v) {
        switch (width) {
            case 1 -> data.setByte(i, (byte) v);
            case 2 -> data.setShort((long) i * 2, (short) v);
            case 4 -> data.setInt((long) i * 4, (int) v);
            default -> data.setLong((long) i * 8, v);
        }
    }

    static boolean isUnsigned(DataType t) {
        return switch (t.kind()) {
            case UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    static double readDouble(ArrowBuf data, int width, int i) {
        return width == 4 ? data.getFloat((long) i * 4) : data.getDouble((long) i * 8);
    }

    static void writeDouble(ArrowBuf data, int width, int i, double v) {
        if (width == 4) {
            data.setFloat((long) i * 4, (float) v);
        } else {
            data.setDouble((long) i * 8, v);
        }
    }

    /** A new vector of {@code type} with room for n values, all valid bits cleared. */
    public static FieldVector allocate(DataType type, int n, BufferAllocator allocator) {
        FieldVector v = type.toArrowField("out").createVector(allocator);
        v.setInitialCapacity(n);
        v.allocateNew();
        return v;
    }

    static boolean isValid(ArrowBuf validity, int i) {
        return validity == null || BitVectorHelper.get(validity, i) != 0;
    }

    static void setValid(ArrowBuf validity, int i) {
        BitVectorHelper.setBit(validity, i);
    }

    /** True when the vector has a validity buffer with at least one null. */
    static boolean hasNulls(FieldVector v) {
        return v.getNullCount() > 0;
    }
}
