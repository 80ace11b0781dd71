package dev.floe.formats;

import dev.floe.api.ParquetWriteOptions;
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
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Writes batches to one Parquet file through parquet-java (statistics, dictionary encoding and
 * the codec included). Values go from Arrow buffers to the record consumer row by row with no
 * Java object per value: strings through a reused byte array, decimals as the Parquet spec's
 * smallest integer for their precision (INT32 up to 9 digits, INT64 up to 18, else 16 bytes).
 * Lists and structs, nested to any depth, become three-level {@code LIST} groups and groups: a
 * tree of {@link ValueWriter}s, one per schema node, walks a row's list offsets and validity bits
 * and opens a group or a repeated entry for each, so parquet-java derives the repetition and
 * definition levels (null list, empty list, null element, null struct, null field) from them.
 *
 * <pre>{@code
 * try (ParquetBatchWriter w = new ParquetBatchWriter("out/part-0.parquet", schema, ParquetWriteOptions.defaults())) {
 *     w.write(batch);
 * }
 * }</pre>
 */
public final class ParquetBatchWriter implements BatchWriter {
    /** The names the Parquet spec gives the repeated group and the element of a LIST. */
    static final String REPEATED = "list";
    static final String ELEMENT = "element";
    static final String MAP_ENTRIES = "key_value";
    static final String MAP_KEY = "key";
    static final String MAP_VALUE = "value";

    private final String path;
    private final ParquetWriter<Cursor> writer;
    private final Cursor cursor = new Cursor();
    private long rows;

    public ParquetBatchWriter(String path, Schema schema, ParquetWriteOptions options) {
        this(path, schema, codec(options.compression()), options.rowGroupSize(), options.pageSize());
    }

    public ParquetBatchWriter(String path, Schema schema, CompressionCodecName codec, long rowGroupBytes) {
        this(path, schema, codec, rowGroupBytes, ParquetWriteOptions.DEFAULT_PAGE_SIZE);
    }

    private ParquetBatchWriter(String path, Schema schema, CompressionCodecName codec, long rowGroupBytes,
            int pageBytes) {
        this.path = path;
        MessageType message = toParquet(schema);
        try {
            writer = new Builder(new FlinkOutputFile(path), message, schema)
                    // parquet's own configuration: Hadoop's would load XML resources through woodstox
                    .withConf(new org.apache.parquet.conf.PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecs.INSTANCE)
                    .withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupBytes)
                    .withPageSize(pageBytes)
                    .withDictionaryEncoding(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Parquet file " + path + ": " + e.getMessage(), e);
        }
    }

    /** parquet-java's codec for one of {@link ParquetWriteOptions#CODECS}. */
    static CompressionCodecName codec(String name) {
        return switch (name) {
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "zstd" -> CompressionCodecName.ZSTD;
            case "gzip" -> CompressionCodecName.GZIP;
            case "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new IllegalArgumentException("Unknown Parquet compression '" + name + "': use one of "
                    + String.join(", ", ParquetWriteOptions.CODECS));
        };
    }

    /**
     * Parquet's schema for a Floe schema: every column, struct field and list element optional;
     * lists as the standard three-level {@code LIST} group, structs as groups.
     */
    public static MessageType toParquet(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(toParquet(f.name(), f.type(), f.name()));
        }
        return new MessageType("floe", fields);
    }

    /** {@code column} is the dotted path for error messages. */
    private static Type toParquet(String name, DataType t, String column) {
        return toParquet(name, t, column, Repetition.OPTIONAL);
    }

    private static Type toParquet(String name, DataType t, String column, Repetition opt) {
        return switch (t.kind()) {
            case BOOL -> Types.primitive(PrimitiveTypeName.BOOLEAN, opt).named(name);
            case INT8 -> Types.primitive(PrimitiveTypeName.INT32, opt).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case INT16 -> Types.primitive(PrimitiveTypeName.INT32, opt).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, opt).named(name);
            case UINT8 -> Types.primitive(PrimitiveTypeName.INT32, opt).as(LogicalTypeAnnotation.intType(8, false)).named(name);
            case UINT16 -> Types.primitive(PrimitiveTypeName.INT32, opt).as(LogicalTypeAnnotation.intType(16, false)).named(name);
            case UINT32 -> Types.primitive(PrimitiveTypeName.INT32, opt).as(LogicalTypeAnnotation.intType(32, false)).named(name);
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, opt).named(name);
            case UINT64 -> Types.primitive(PrimitiveTypeName.INT64, opt).as(LogicalTypeAnnotation.intType(64, false)).named(name);
            case FLOAT32 -> Types.primitive(PrimitiveTypeName.FLOAT, opt).named(name);
            case FLOAT64 -> Types.primitive(PrimitiveTypeName.DOUBLE, opt).named(name);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, opt).as(LogicalTypeAnnotation.dateType()).named(name);
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, opt).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, opt).named(name);
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) t;
                LogicalTypeAnnotation a = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
                // the physical type the Parquet spec names for the precision: INT64 for 9 digits or fewer
                // is legal but warned about, and Spark 4.0.1's vectorized reader fails on it (SPARK-56872)
                yield d.precision() <= 9 ? Types.primitive(PrimitiveTypeName.INT32, opt).as(a).named(name)
                        : d.precision() <= 18 ? Types.primitive(PrimitiveTypeName.INT64, opt).as(a).named(name)
                        : Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, opt).length(16).as(a).named(name);
            }
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) t;
                if (ts.unit() == TimeUnit.SECOND) {
                    throw new IllegalArgumentException("Column '" + column + "': Parquet has no second-precision"
                            + " timestamps; cast it to timestamp(ms) before writing");
                }
                LogicalTypeAnnotation.TimeUnit unit = switch (ts.unit()) {
                    case MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
                    case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
                    default -> LogicalTypeAnnotation.TimeUnit.NANOS;
                };
                yield Types.primitive(PrimitiveTypeName.INT64, opt)
                        .as(LogicalTypeAnnotation.timestampType(ts.zone() != null, unit)).named(name);
            }
            // Parquet has no duration type: the count of its unit, read back as int64
            case DURATION -> Types.primitive(PrimitiveTypeName.INT64, opt).named(name);
            case LIST -> Types.buildGroup(opt).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(toParquet(ELEMENT, ((DataType.ListOf) t).element(), column + "[]"))
                            .named(REPEATED))
                    .named(name);
            // parquet-format's MAP: group (MAP) { repeated group key_value { required key; optional value; } }
            case MAP -> Types.buildGroup(opt).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup()
                            .addField(toParquet(MAP_KEY, ((DataType.MapOf) t).key(), column + ".key", Repetition.REQUIRED))
                            .addField(toParquet(MAP_VALUE, ((DataType.MapOf) t).value(), column + ".value"))
                            .named(MAP_ENTRIES))
                    .named(name);
            case STRUCT -> {
                List<Field> fields = ((DataType.Struct) t).fields();
                if (fields.isEmpty()) {
                    throw new IllegalArgumentException("Column '" + column + "' is a struct without fields, which"
                            + " Parquet cannot store; drop it or give it a field before writing");
                }
                Types.GroupBuilder<GroupType> g = Types.buildGroup(opt);
                for (Field f : fields) {
                    g.addField(toParquet(f.name(), f.type(), column + "." + f.name()));
                }
                yield g.named(name);
            }
            default -> throw new IllegalArgumentException("Column '" + column + "' of type " + t
                    + " cannot be written to Parquet (Parquet has no " + t + " type): cast it to a supported type"
                    + " or drop it before writing");
        };
    }

    /** Appends the batch's rows (the caller keeps the batch). */
    @Override
    public void write(RecordBatch batch) {
        cursor.batch = batch;
        cursor.newBatch = true;
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

    @Override
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
        /** Set for the first row of a batch: the writers bind its vectors then. */
        boolean newBatch;
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

    /** Binds the batch's vectors to each column's writer tree, then writes the rows one by one. */
    private static final class CursorWriteSupport extends WriteSupport<Cursor> {
        private final MessageType message;
        private final ValueWriter[] columns;
        private RecordConsumer consumer;

        CursorWriteSupport(MessageType message, Schema schema) {
            this.message = message;
            this.columns = new ValueWriter[schema.size()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = ValueWriter.of(schema.field(c).name(), c, schema.field(c).type());
            }
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
            if (cursor.newBatch) {
                for (int c = 0; c < columns.length; c++) {
                    columns[c].bind(cursor.batch.vector(c));
                }
                cursor.newBatch = false;
            }
            consumer.startMessage();
            for (ValueWriter column : columns) {
                column.writeField(consumer, cursor.row);
            }
            consumer.endMessage();
        }
    }

    /**
     * Writes the values of one schema node (a column, a struct field or a list element) from the
     * Arrow vector bound to it for the current batch. Built once per file, bound once per batch.
     */
    private abstract static sealed class ValueWriter {
        private final String name;
        private final int index;
        private ArrowBuf validity;

        ValueWriter(String name, int index) {
            this.name = name;
            this.index = index;
        }

        static ValueWriter of(String name, int index, DataType type) {
            return switch (type.kind()) {
                case LIST -> new ListWriter(name, index, of(ELEMENT, 0, ((DataType.ListOf) type).element()));
                case MAP -> new MapWriter(name, index, of(MAP_KEY, 0, ((DataType.MapOf) type).key()),
                        of(MAP_VALUE, 1, ((DataType.MapOf) type).value()));
                case STRUCT -> {
                    List<Field> fields = ((DataType.Struct) type).fields();
                    ValueWriter[] children = new ValueWriter[fields.size()];
                    for (int i = 0; i < children.length; i++) {
                        children[i] = of(fields.get(i).name(), i, fields.get(i).type());
                    }
                    yield new StructWriter(name, index, children);
                }
                default -> new LeafWriter(name, index, type);
            };
        }

        void bind(FieldVector v) {
            validity = v.getValidityBuffer();
        }

        /** The field and its value when slot {@code i} is valid; nothing (a null) otherwise. */
        final void writeField(RecordConsumer consumer, int i) {
            if (BitVectorHelper.get(validity, i) == 0) {
                return;
            }
            consumer.startField(name, index);
            writeValue(consumer, i);
            consumer.endField(name, index);
        }

        abstract void writeValue(RecordConsumer consumer, int i);
    }

    /** {@code group (LIST) { repeated group list { optional T element; } }}: no repeated entry for an empty list. */
    private static final class ListWriter extends ValueWriter {
        private final ValueWriter element;
        private ArrowBuf offsets;

        ListWriter(String name, int index, ValueWriter element) {
            super(name, index);
            this.element = element;
        }

        @Override
        void bind(FieldVector v) {
            super.bind(v);
            ListVector list = (ListVector) v;
            offsets = list.getOffsetBuffer();
            element.bind(list.getDataVector());
        }

        @Override
        void writeValue(RecordConsumer consumer, int i) {
            int start = offsets.getInt((long) i * ListVector.OFFSET_WIDTH);
            int end = offsets.getInt((long) (i + 1) * ListVector.OFFSET_WIDTH);
            consumer.startGroup();
            if (end > start) {
                consumer.startField(REPEATED, 0);
                for (int k = start; k < end; k++) {
                    consumer.startGroup();
                    element.writeField(consumer, k);
                    consumer.endGroup();
                }
                consumer.endField(REPEATED, 0);
            }
            consumer.endGroup();
        }
    }

    /**
     * {@code group (MAP) { repeated group key_value { required key; optional value; } }}: one
     * repeated entry per map entry, none for an empty map.
     */
    private static final class MapWriter extends ValueWriter {
        private final ValueWriter key;
        private final ValueWriter value;
        private ArrowBuf offsets;

        MapWriter(String name, int index, ValueWriter key, ValueWriter value) {
            super(name, index);
            this.key = key;
            this.value = value;
        }

        @Override
        void bind(FieldVector v) {
            super.bind(v);
            ListVector map = (ListVector) v;
            offsets = map.getOffsetBuffer();
            StructVector entries = (StructVector) map.getDataVector();
            key.bind((FieldVector) entries.getChildByOrdinal(0));
            value.bind((FieldVector) entries.getChildByOrdinal(1));
        }

        @Override
        void writeValue(RecordConsumer consumer, int i) {
            int start = offsets.getInt((long) i * ListVector.OFFSET_WIDTH);
            int end = offsets.getInt((long) (i + 1) * ListVector.OFFSET_WIDTH);
            consumer.startGroup();
            if (end > start) {
                consumer.startField(MAP_ENTRIES, 0);
                for (int k = start; k < end; k++) {
                    consumer.startGroup();
                    key.writeField(consumer, k);
                    value.writeField(consumer, k);
                    consumer.endGroup();
                }
                consumer.endField(MAP_ENTRIES, 0);
            }
            consumer.endGroup();
        }
    }

    /** A group with one optional field per struct field; a null field is left out of the group. */
    private static final class StructWriter extends ValueWriter {
        private final ValueWriter[] children;

        StructWriter(String name, int index, ValueWriter[] children) {
            super(name, index);
            this.children = children;
        }

        @Override
        void bind(FieldVector v) {
            super.bind(v);
            StructVector struct = (StructVector) v;
            for (int i = 0; i < children.length; i++) {
                children[i].bind((FieldVector) struct.getChildByOrdinal(i));
            }
        }

        @Override
        void writeValue(RecordConsumer consumer, int i) {
            consumer.startGroup();
            for (ValueWriter child : children) {
                child.writeField(consumer, i);
            }
            consumer.endGroup();
        }
    }

    /** A primitive value read straight from the Arrow buffers. */
    private static final class LeafWriter extends ValueWriter {
        private final DataType type;
        private ArrowBuf data;
        private ArrowBuf offsets;
        /** Reused bytes for strings, binaries and 16-byte decimals. */
        private byte[] scratch = new byte[64];

        LeafWriter(String name, int index, DataType type) {
            super(name, index);
            this.type = type;
        }

        @Override
        void bind(FieldVector v) {
            super.bind(v);
            data = v.getDataBuffer();
            offsets = v instanceof BaseVariableWidthVector var ? var.getOffsetBuffer() : null;
        }

        @Override
        void writeValue(RecordConsumer consumer, int row) {
            switch (type.kind()) {
                case BOOL -> consumer.addBoolean(BitVectorHelper.get(data, row) != 0);
                case INT8 -> consumer.addInteger(data.getByte(row));
                case INT16 -> consumer.addInteger(data.getShort((long) row * 2));
                case UINT8 -> consumer.addInteger(data.getByte(row) & 0xFF);
                case UINT16 -> consumer.addInteger(data.getShort((long) row * 2) & 0xFFFF);
                case INT32, UINT32, DATE -> consumer.addInteger(data.getInt((long) row * 4));
                case INT64, UINT64, TIMESTAMP, DURATION -> consumer.addLong(data.getLong((long) row * 8));
                case FLOAT32 -> consumer.addFloat(data.getFloat((long) row * 4));
                case FLOAT64 -> consumer.addDouble(data.getDouble((long) row * 8));
                case DECIMAL -> writeDecimal(consumer, row);
                case STRING, BINARY -> {
                    int start = offsets.getInt((long) row * 4);
                    int len = offsets.getInt((long) (row + 1) * 4) - start;
                    if (scratch.length < len) {
                        scratch = new byte[len * 2];
                    }
                    data.getBytes(start, scratch, 0, len);
                    consumer.addBinary(Binary.fromReusedByteArray(scratch, 0, len));
                }
                default -> throw new IllegalStateException("unsupported type " + type);
            }
        }

        private void writeDecimal(RecordConsumer consumer, int row) {
            long low = data.getLong((long) row * 16);
            int precision = ((DataType.Decimal) type).precision();
            if (precision <= 9) {
                consumer.addInteger((int) low);
                return;
            }
            if (precision <= 18) {
                consumer.addLong(low);
                return;
            }
            long high = data.getLong((long) row * 16 + 8);
            for (int i = 0; i < 8; i++) {
                scratch[i] = (byte) (high >>> (56 - 8 * i));
                scratch[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
            consumer.addBinary(Binary.fromReusedByteArray(scratch, 0, 16));
        }
    }
}
