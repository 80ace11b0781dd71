package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.VectorAppender;

/**
 * Concatenation of batches into one: fixed-width values and string/binary bytes are copied as
 * buffer ranges, validity and boolean bits a byte at a time; nested columns go through Arrow's
 * {@link VectorAppender}. The inputs are left untouched.
 *
 * <pre>{@code
 * try (RecordBatch all = Concat.concat(schema, List.of(b1, b2, b3), allocator)) { ... }
 * }</pre>
 */
public final class Concat {
    private Concat() {
    }

    /** One batch with the rows of all inputs in order (inputs are untouched; all have {@code schema}). */
    public static RecordBatch concat(Schema schema, List<RecordBatch> batches, BufferAllocator allocator) {
        long total = 0;
        for (RecordBatch b : batches) {
            if (b.numColumns() != schema.size()) {
                throw new IllegalArgumentException("Cannot concatenate a batch of " + b.numColumns()
                        + " columns into schema " + schema.names());
            }
            total += b.numRows();
        }
        if (total > Integer.MAX_VALUE) {
            throw new KernelException("Concatenated batch would have " + total + " rows, more than one batch can hold");
        }
        int rows = (int) total;
        List<FieldVector> out = new ArrayList<>(schema.size());
        try {
            for (int c = 0; c < schema.size(); c++) {
                List<FieldVector> parts = new ArrayList<>(batches.size());
                for (RecordBatch b : batches) {
                    parts.add(b.vector(c));
                }
                out.add(concat(schema.field(c).name(), schema.field(c).type(), parts, rows, allocator));
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return RecordBatch.of(schema, out, rows);
    }

    /** One column: the values of all parts in order, as a new vector named {@code name}. */
    public static FieldVector concat(String name, DataType type, List<FieldVector> parts, int rows,
            BufferAllocator allocator) {
        FieldVector out = type.toArrowField(name).createVector(allocator);
        try {
            if (out instanceof BitVector bits) {
                concatBits(bits, parts, rows);
            } else if (out instanceof BaseFixedWidthVector fixed) {
                concatFixed(fixed, parts, rows);
            } else if (out instanceof BaseVariableWidthVector var) {
                concatVariable(var, parts, rows);
            } else {
                out.allocateNew();
                VectorAppender appender = new VectorAppender(out);
                for (FieldVector p : parts) {
                    if (p.getValueCount() > 0) {
                        p.accept(appender, null);
                    }
                }
                out.setValueCount(rows);
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    private static void concatFixed(BaseFixedWidthVector out, List<FieldVector> parts, int rows) {
        out.setInitialCapacity(rows);
        out.allocateNew();
        int w = out.getTypeWidth();
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        int at = 0;
        for (FieldVector p : parts) {
            int n = p.getValueCount();
            if (n == 0) {
                continue;
            }
            data.setBytes((long) at * w, p.getDataBuffer(), 0, (long) n * w);
            copyValidity(p, validity, at, n);
            at += n;
        }
        out.setValueCount(rows);
    }

    private static void concatBits(BitVector out, List<FieldVector> parts, int rows) {
        out.allocateNew(rows);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        int at = 0;
        for (FieldVector p : parts) {
            int n = p.getValueCount();
            if (n == 0) {
                continue;
            }
            orBits(p.getDataBuffer(), data, at, n);
            copyValidity(p, validity, at, n);
            at += n;
        }
        out.setValueCount(rows);
    }

    private static void concatVariable(BaseVariableWidthVector out, List<FieldVector> parts, int rows) {
        long bytes = 0;
        for (FieldVector p : parts) {
            int n = p.getValueCount();
            if (n > 0) {
                ArrowBuf off = p.getOffsetBuffer();
                bytes += off.getInt((long) n * 4) - off.getInt(0);
            }
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new KernelException("Concatenated column '" + out.getName() + "' would hold " + bytes
                    + " bytes, more than one string vector can hold (2 GiB); use smaller batches");
        }
        out.allocateNew(Math.max(bytes, 1), rows);
        ArrowBuf data = out.getDataBuffer();
        ArrowBuf offsets = out.getOffsetBuffer();
        ArrowBuf validity = out.getValidityBuffer();
        offsets.setInt(0, 0);
        int at = 0;
        int pos = 0;
        for (FieldVector p : parts) {
            int n = p.getValueCount();
            if (n == 0) {
                continue;
            }
            ArrowBuf off = p.getOffsetBuffer();
            int first = off.getInt(0);
            int len = off.getInt((long) n * 4) - first;
            data.setBytes(pos, p.getDataBuffer(), first, len);
            int shift = pos - first;
            for (int i = 1; i <= n; i++) {
                offsets.setInt((long) (at + i) * 4, off.getInt((long) i * 4) + shift);
            }
            copyValidity(p, validity, at, n);
            pos += len;
            at += n;
        }
        out.setLastSet(rows - 1);
        out.setValueCount(rows);
    }

    /** Validity of p's n rows into dst starting at bit {@code at} (dst is zeroed). */
    private static void copyValidity(FieldVector p, ArrowBuf dst, int at, int n) {
        if (p.getNullCount() == 0) {
            setOnes(dst, at, n);
        } else {
            orBits(p.getValidityBuffer(), dst, at, n);
        }
    }

    /** ORs bits [0, n) of src into dst at bit offset {@code at}, a source byte at a time. */
    private static void orBits(ArrowBuf src, ArrowBuf dst, int at, int n) {
        int shift = at & 7;
        long base = at >>> 3;
        int fullBytes = n >>> 3;
        int tail = n & 7;
        int bytes = fullBytes + (tail > 0 ? 1 : 0);
        for (int k = 0; k < bytes; k++) {
            int b = src.getByte(k) & 0xFF;
            if (k == fullBytes) {
                b &= (1 << tail) - 1;
            }
            if (b == 0) {
                continue;
            }
            int lowPart = (b << shift) & 0xFF;
            if (lowPart != 0) {
                dst.setByte(base + k, dst.getByte(base + k) | lowPart);
            }
            int highPart = b >>> (8 - shift);
            if (shift > 0 && highPart != 0) {
                dst.setByte(base + k + 1, dst.getByte(base + k + 1) | highPart);
            }
        }
    }

    private static void setOnes(ArrowBuf dst, int at, int n) {
        int i = at;
        int end = at + n;
        while (i < end && (i & 7) != 0) {
            dst.setByte(i >>> 3, dst.getByte(i >>> 3) | (1 << (i & 7)));
            i++;
        }
        int fullEnd = end & ~7;
        if (i < fullEnd) {
            dst.setOne(i >>> 3, (fullEnd - i) >>> 3);
            i = fullEnd;
        }
        while (i < end) {
            dst.setByte(i >>> 3, dst.getByte(i >>> 3) | (1 << (i & 7)));
            i++;
        }
    }
}
