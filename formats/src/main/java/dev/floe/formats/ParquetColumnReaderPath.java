package dev.floe.formats;

import dev.floe.api.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The value-at-a-time path through parquet-java's {@link ColumnReader}: reads the flat column
 * chunks whose encodings {@link ParquetColumnDecoder} does not decode (DELTA_*, BYTE_STREAM_SPLIT,
 * ...), and is the reference the page decoder is tested against.
 *
 * <pre>{@code ParquetColumnReaderPath.decode(reader, column, DataType.int64(), vector, n);}</pre>
 */
final class ParquetColumnReaderPath {
    private ParquetColumnReaderPath() {
    }

    /** Decodes the next {@code n} rows of a flat column into rows {@code [0, n)} of {@code v}. */
    static void decode(ColumnReader r, ColumnDescriptor d, DataType type, FieldVector v, int n) {
        int maxDef = d.getMaxDefinitionLevel();
        ArrowBuf valid = v.getValidityBuffer();
        PrimitiveTypeName physical = d.getPrimitiveType().getPrimitiveTypeName();
        switch (type.kind()) {
            case BOOL -> {
                BitVector bits = (BitVector) v;
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        bits.set(i, r.getBoolean() ? 1 : 0);
                    }
                    r.consume();
                }
            }
            case INT8, UINT8 -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        data.setByte(i, (byte) r.getInteger());
                        BitVectorHelper.setBit(valid, i);
                    }
                    r.consume();
                }
            }
            case INT16, UINT16 -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        data.setShort((long) i * 2, (short) r.getInteger());
                        BitVectorHelper.setBit(valid, i);
                    }
                    r.consume();
                }
            }
            case INT32, UINT32, DATE -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        data.setInt((long) i * 4, r.getInteger());
                        BitVectorHelper.setBit(valid, i);
                    }
                    r.consume();
                }
            }
            case INT64, UINT64, TIMESTAMP -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        data.setLong((long) i * 8, r.getLong());
                        BitVectorHelper.setBit(valid, i);
                    }
                    r.consume();
                }
            }
            case FLOAT32 -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        data.setFloat((long) i * 4, r.getFloat());
                        BitVectorHelper.setBit(valid, i);
                    }
                    r.consume();
                }
            }
            case FLOAT64 -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        data.setDouble((long) i * 8, r.getDouble());
                        BitVectorHelper.setBit(valid, i);
                    }
                    r.consume();
                }
            }
            case DECIMAL -> {
                ArrowBuf data = v.getDataBuffer();
                long[] wide = new long[2];
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        if (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64) {
                            long u = physical == PrimitiveTypeName.INT32 ? r.getInteger() : r.getLong();
                            data.setLong((long) i * 16, u);
                            data.setLong((long) i * 16 + 8, u >> 63);
                        } else {
                            byte[] b = r.getBinary().getBytesUnsafe();
                            ParquetColumnDecoder.bigEndian128(b, 0, b.length, wide);
                            data.setLong((long) i * 16, wide[0]);
                            data.setLong((long) i * 16 + 8, wide[1]);
                        }
                        BitVectorHelper.setBit(valid, i);
                    }
                    r.consume();
                }
            }
            case STRING, BINARY -> {
                BaseVariableWidthVector vw = (BaseVariableWidthVector) v;
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        Binary b = r.getBinary();
                        java.nio.ByteBuffer bb = b.toByteBuffer();
                        vw.setSafe(i, bb, bb.position(), bb.remaining());
                    }
                    r.consume();
                }
            }
            default -> throw new IllegalArgumentException("unsupported column type " + type);
        }
    }

}
