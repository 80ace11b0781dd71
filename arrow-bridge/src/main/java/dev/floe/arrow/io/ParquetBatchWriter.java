package dev.floe.arrow.io;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes batches to one Parquet file through parquet-java (statistics, dictionary encoding and
 * the codec included). Values go from Arrow buffers to the record consumer row by row with no
 * Java object per value: strings through a reused byte array, decimals up to 18 digits as INT64.
 *
 * <pre>{@code
 * try (ParquetBatchWriter w = new ParquetBatchWriter("out/part-0.parquet", schema, CompressionCodecName.SNAPPY, 128 << 20)) {
 *     w.write(batch);
 * }
 * }</pre>
 */
public final class ParquetBatchWriter implements AutoCloseable {
    private final String path;
    private final ParquetWriter<Cursor> writer;
    private final Cursor cursor = new Cursor();
    private long rows;

    public ParquetBatchWriter(String path, Schema schema, CompressionCodecName codec, long rowGroupBytes) {
        this.path = path;
        MessageType message = toParquet(schema);
        try {
            writer = new Builder(new FlinkOutputFile(path), message, schema)
                    // parquet's own configuration: Hadoop's would load XML resources through woodstox
                    .withConf(new org.apache.parquet.conf.PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecs.INSTANCE)
                    .withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupBytes)
                    .withDictionaryEncoding(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Parquet file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Parquet's schema for a Floe schema: every column optional. */
    public static MessageType toParquet(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(toParquet(f.name(), f.type()));
        }
        return new MessageType("floe", fields);
    }

    private static Type toParquet(String name, DataType t) {
        return switch (t.kind()) {
            case BOOL -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case INT8 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case INT16 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case UINT8 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, false)).named(name);
            case UINT16 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, false)).named(name);
            case UINT32 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, false)).named(name);
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case UINT64 -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, false)).named(name);
            case FLOAT32 -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case FLOAT64 -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
            case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY -> Types.optional(PrimitiveTypeName.BINARY).named(name);
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) t;
                LogicalTypeAnnotation a = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
                yield d.precision() <= 18 ? Types.optional(PrimitiveTypeName.INT64).as(a).named(name)
                        : Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(a).named(name);
            }
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) t;
                if (ts.unit() == TimeUnit.SECOND) {
                    throw new IllegalArgumentException("Column '" + name + "': Parquet has no second-precision"
                            + " timestamps; cast it to timestamp(ms) before writing");
                }
                LogicalTypeAnnotation.TimeUnit unit = switch (ts.unit()) {
                    case MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
                    case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
                    default -> LogicalTypeAnnotation.TimeUnit.NANOS;
                };
                yield Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(ts.zone() != null, unit)).named(name);
            }
            // Parquet has no duration type: the count of its unit, read back as int64
            case DURATION -> Types.optional(PrimitiveTypeName.INT64).named(name);
            default -> throw new IllegalArgumentException("Column '" + name + "' of type " + t
                    + " cannot be written to Parquet yet (nested and interval types are not supported)");
        };
    }

    /** Appends the batch's rows (the caller keeps the batch). */
    public void write(RecordBatch batch) {
        cursor.batch = batch;
        try {
            for (int i = 0; i < batch.numRows(); i++) {
                cursor.row = i;
                writer.write(cursor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Parquet file " + path + ": " + e.getMessage(), e);
        } finally {
            cursor.batch = null;
        }
        rows += batch.numRows();
    }

    public long rowsWritten() {
        return rows;
    }

    public String path() {
        return path;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish Parquet file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The row being written: one mutable instance for the whole file. */
    static final class Cursor {
        RecordBatch batch;
        int row;
    }

    private static final class Builder extends ParquetWriter.Builder<Cursor, Builder> {
        private final MessageType message;
        private final Schema schema;

        Builder(OutputFile file, MessageType message, Schema schema) {
            super(file);
            this.message = message;
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Cursor> getWriteSupport(Configuration conf) {
            return new CursorWriteSupport(message, schema);
        }

        @Override
        protected WriteSupport<Cursor> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return new CursorWriteSupport(message, schema);
        }
    }

    /** Reads row {@code cursor.row} of every column straight from the Arrow buffers. */
    private static final class CursorWriteSupport extends WriteSupport<Cursor> {
        private final MessageType message;
        private final Schema schema;
        private final DataType[] types;
        private final byte[][] scratch;
        private RecordConsumer consumer;

        CursorWriteSupport(MessageType message, Schema schema) {
            this.message = message;
            this.schema = schema;
            this.types = schema.types().toArray(new DataType[0]);
            this.scratch = new byte[types.length][];
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(message, new HashMap<>());
        }

        @Override
        public WriteContext init(org.apache.parquet.conf.ParquetConfiguration configuration) {
            return new WriteContext(message, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Cursor cursor) {
            consumer.startMessage();
            int row = cursor.row;
            for (int c = 0; c < types.length; c++) {
                FieldVector v = cursor.batch.vector(c);
                ArrowBuf validity = v.getValidityBuffer();
                if (BitVectorHelper.get(validity, row) == 0) {
                    continue;
                }
                String name = schema.field(c).name();
                consumer.startField(name, c);
                writeValue(c, v, row);
                consumer.endField(name, c);
            }
            consumer.endMessage();
        }

        private void writeValue(int c, FieldVector v, int row) {
            ArrowBuf data = v.getDataBuffer();
            switch (types[c].kind()) {
                case BOOL -> consumer.addBoolean(BitVectorHelper.get(data, row) != 0);
                case INT8 -> consumer.addInteger(data.getByte(row));
                case INT16 -> consumer.addInteger(data.getShort((long) row * 2));
                case UINT8 -> consumer.addInteger(data.getByte(row) & 0xFF);
                case UINT16 -> consumer.addInteger(data.getShort((long) row * 2) & 0xFFFF);
                case INT32, UINT32, DATE -> consumer.addInteger(data.getInt((long) row * 4));
                case INT64, UINT64, TIMESTAMP, DURATION -> consumer.addLong(data.getLong((long) row * 8));
                case FLOAT32 -> consumer.addFloat(data.getFloat((long) row * 4));
                case FLOAT64 -> consumer.addDouble(data.getDouble((long) row * 8));
                case DECIMAL -> writeDecimal(c, data, row);
                case STRING, BINARY -> {
                    ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
                    int start = offsets.getInt((long) row * 4);
                    int len = offsets.getInt((long) (row + 1) * 4) - start;
                    byte[] buf = scratch[c];
                    if (buf == null || buf.length < len) {
                        buf = new byte[Math.max(len, 64) * 2];
                        scratch[c] = buf;
                    }
                    data.getBytes(start, buf, 0, len);
                    consumer.addBinary(Binary.fromReusedByteArray(buf, 0, len));
                }
                default -> throw new IllegalStateException("unsupported type " + types[c]);
            }
        }

        private void writeDecimal(int c, ArrowBuf data, int row) {
            DataType.Decimal d = (DataType.Decimal) types[c];
            long low = data.getLong((long) row * 16);
            if (d.precision() <= 18) {
                consumer.addLong(low);
                return;
            }
            long high = data.getLong((long) row * 16 + 8);
            byte[] buf = scratch[c];
            if (buf == null) {
                buf = new byte[16];
                scratch[c] = buf;
            }
            for (int i = 0; i < 8; i++) {
                buf[i] = (byte) (high >>> (56 - 8 * i));
                buf[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
            consumer.addBinary(Binary.fromReusedByteArray(buf, 0, 16));
        }
    }
}
