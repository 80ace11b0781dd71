package dev.floe.arrow.io;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Decodes the requested columns of some row groups with parquet-java's {@link ColumnReader}s
 * (the column API, not record assembly), writing values straight into Arrow buffers.
 */
final class ParquetBatchReader implements BatchReader {
    private final String path;
    private final ParquetFileReader reader;
    private final Schema readSchema;
    private final MessageType requested;
    private final List<ColumnDescriptor> columns;
    private final int[] rowGroups;
    private final int batchRows;
    private final BufferAllocator allocator;
    private final ScanMetrics metrics;
    private final String createdBy;
    private int nextGroup;
    private long rowsLeft;
    private ColumnReader[] readers;

    ParquetBatchReader(String path, Schema schema, List<String> readColumns, int[] rowGroups, int batchRows,
            BufferAllocator allocator, ScanMetrics metrics) throws IOException {
        this.path = path;
        this.metrics = metrics == null ? new ScanMetrics() : metrics;
        this.reader = ParquetFormat.openReader(path, this.metrics);
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        this.readSchema = schema.select(readColumns);
        List<Type> fields = new ArrayList<>();
        for (String c : readColumns) {
            fields.add(fileSchema.getType(c));
        }
        this.requested = new MessageType(fileSchema.getName(), fields);
        reader.setRequestedSchema(requested);
        this.columns = requested.getColumns();
        int total = reader.getRowGroups().size();
        if (rowGroups == null) {
            rowGroups = new int[total];
            for (int i = 0; i < total; i++) {
                rowGroups[i] = i;
            }
        }
        this.rowGroups = rowGroups;
        this.batchRows = batchRows;
        this.allocator = allocator;
        this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
    }

    @Override
    public boolean hasNext() {
        try {
            while (rowsLeft == 0) {
                if (nextGroup >= rowGroups.length) {
                    return false;
                }
                int group = rowGroups[nextGroup++];
                metrics.rowGroupsRead++;
                if (columns.isEmpty()) {
                    rowsLeft = reader.getRowGroups().get(group).getRowCount();
                    readers = new ColumnReader[0];
                    continue;
                }
                PageReadStore pages = reader.readRowGroup(group);
                rowsLeft = pages.getRowCount();
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoOpGroupConverter(requested.getFieldCount()),
                        requested, createdBy);
                readers = new ColumnReader[columns.size()];
                for (int c = 0; c < readers.length; c++) {
                    readers[c] = store.getColumnReader(columns.get(c));
                }
                metrics.columnsDecoded += readers.length;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RecordBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = (int) Math.min(batchRows, rowsLeft);
        List<FieldVector> vectors = new ArrayList<>(readers.length);
        try {
            for (int c = 0; c < readers.length; c++) {
                Field f = readSchema.field(c);
                FieldVector v = f.toArrow().createVector(allocator);
                v.setInitialCapacity(n);
                v.allocateNew();
                vectors.add(v);
                decode(readers[c], columns.get(c), f.type(), v, n);
                v.setValueCount(n);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw new IllegalStateException("Failed to decode " + path + ": " + e.getMessage(), e);
        }
        rowsLeft -= n;
        metrics.rowsRead += n;
        metrics.batches++;
        return RecordBatch.of(readSchema, vectors, n);
    }

    private static void decode(ColumnReader r, ColumnDescriptor d, DataType type, FieldVector v, int n) {
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
                for (int i = 0; i < n; i++) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        if (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64) {
                            long u = physical == PrimitiveTypeName.INT32 ? r.getInteger() : r.getLong();
                            data.setLong((long) i * 16, u);
                            data.setLong((long) i * 16 + 8, u >> 63);
                        } else {
                            BigInteger u = new BigInteger(r.getBinary().getBytesUnsafe());
                            data.setLong((long) i * 16, u.longValue());
                            data.setLong((long) i * 16 + 8, u.shiftRight(64).longValue());
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

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Record assembly is not used; the column store only needs converters to exist. */
    private static final class NoOpGroupConverter extends GroupConverter {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
        };
        private final int fields;

        NoOpGroupConverter(int fields) {
            this.fields = fields;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            if (fieldIndex >= fields) {
                throw new IndexOutOfBoundsException(fieldIndex);
            }
            return primitive;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
