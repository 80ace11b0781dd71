package dev.floe.arrow.kernels;

import dev.floe.api.types.DataType;
import java.math.BigDecimal;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/** Copies single values (from a vector row or a scalar) into an output vector of the same type. */
final class Writer {
    private final FieldVector out;
    private final DataType type;
    private final Physical physical;
    private final int width;

    private Writer(FieldVector out, DataType type) {
        this.out = out;
        this.type = type;
        this.physical = Physical.of(type);
        this.width = Physical.width(type);
    }

    static Writer of(FieldVector out, DataType type) {
        return new Writer(out, type);
    }

    /** Writes operand row {@code from} (or its scalar) to output row {@code to}; nulls stay null. */
    void copy(Operand src, int from, int to) {
        if (!src.isScalar()) {
            if (!src.vector().isNull(from)) {
                if (physical == Physical.OTHER) {
                    out.copyFromSafe(from, to, src.vector());
                } else {
                    copyRow(src.vector(), from, to);
                }
            }
            return;
        }
        if (src.isNullScalar()) {
            return;
        }
        ArrowBuf validity = out.getValidityBuffer();
        switch (physical) {
            case LONG, ULONG -> {
                Buffers.writeLong(out.getDataBuffer(), width, to, src.longValue);
                BitVectorHelper.setBit(validity, to);
            }
            case DOUBLE -> {
                Buffers.writeDouble(out.getDataBuffer(), width, to, src.doubleValue);
                BitVectorHelper.setBit(validity, to);
            }
            case DECIMAL -> ((DecimalVector) out).setSafe(to, (BigDecimal) src.scalar());
            case BYTES -> {
                if (out instanceof VarCharVector s) {
                    s.setSafe(to, src.bytesValue);
                } else {
                    ((VarBinaryVector) out).setSafe(to, src.bytesValue);
                }
            }
            case BOOL -> ((BitVector) out).set(to, src.boolValue ? 1 : 0);
            case OTHER -> throw new KernelException("cannot write a scalar of type " + type);
        }
    }

    private void copyRow(FieldVector src, int from, int to) {
        switch (physical) {
            case LONG, ULONG, DOUBLE, DECIMAL -> {
                int w = width;
                ArrowBuf s = src.getDataBuffer();
                ArrowBuf d = out.getDataBuffer();
                d.setBytes((long) to * w, s, (long) from * w, w);
                BitVectorHelper.setBit(out.getValidityBuffer(), to);
            }
            default -> out.copyFromSafe(from, to, src);
        }
    }
}
