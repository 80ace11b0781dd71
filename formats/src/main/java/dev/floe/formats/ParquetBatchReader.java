package dev.floe.formats;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Decodes the requested columns of some row groups straight into Arrow buffers: flat column
 * chunks in PLAIN and dictionary encodings page by page ({@link ParquetColumnDecoder}), any
 * other chunk value by value through parquet-java's {@link ColumnReader}s (the column API, not
 * record assembly; {@link ParquetColumnReaderPath}), and list / struct columns by assembling
 * their leaves' repetition and definition levels ({@link ParquetNestedColumn}).
 */
final class ParquetBatchReader implements BatchReader {
    /** Fills rows {@code [0, n)} of an allocated vector with the column's next {@code n} rows. */
    private interface ColumnSource {
        void read(FieldVector v, int n);
    }

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
    private final boolean pageDecoding;
    private int nextGroup;
    private long rowsLeft;
    private PageReadStore pages;
    private ColumnReadStoreImpl store;
    private ColumnSource[] sources = new ColumnSource[0];

    ParquetBatchReader(String path, Schema schema, List<String> readColumns, int[] rowGroups, int batchRows,
            BufferAllocator allocator, ScanMetrics metrics) throws IOException {
        this(path, schema, readColumns, rowGroups, batchRows, allocator, metrics, true);
    }

    /** @param pageDecoding false reads every column through the ColumnReader path (what tests compare against) */
    ParquetBatchReader(String path, Schema schema, List<String> readColumns, int[] rowGroups, int batchRows,
            BufferAllocator allocator, ScanMetrics metrics, boolean pageDecoding) throws IOException {
        this.path = path;
        this.pageDecoding = pageDecoding;
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
                closePages();
                if (nextGroup >= rowGroups.length) {
                    return false;
                }
                int group = rowGroups[nextGroup++];
                metrics.rowGroupsRead++;
                if (columns.isEmpty()) {
                    rowsLeft = reader.getRowGroups().get(group).getRowCount();
                    continue;
                }
                pages = reader.readRowGroup(group);
                rowsLeft = pages.getRowCount();
                sources = openColumns(reader.getRowGroups().get(group));
                metrics.columnsDecoded += columns.size();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Failed to decode " + path + ": " + e.getMessage(), e);
        }
    }

    private ColumnSource[] openColumns(BlockMetaData group) {
        ColumnSource[] out = new ColumnSource[readSchema.size()];
        store = null;
        for (int c = 0; c < out.length; c++) {
            Type field = requested.getType(c);
            DataType type = readSchema.field(c).type();
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                ParquetNestedColumn nested = new ParquetNestedColumn(field, requested, columnStore(), type);
                metrics.columnChunksFallback += nested.leafCount();
                out[c] = nested::read;
                continue;
            }
            ColumnDescriptor d = requested.getColumnDescription(new String[] {field.getName()});
            if (pageDecoding && ParquetColumnDecoder.supports(d, type, encodings(group, d))) {
                ParquetColumnDecoder decoder = new ParquetColumnDecoder(d, pages.getPageReader(d), type, metrics);
                out[c] = decoder::read;
            } else {
                ColumnReader r = columnStore().getColumnReader(d);
                metrics.columnChunksFallback++;
                out[c] = (v, n) -> ParquetColumnReaderPath.decode(r, d, type, v, n);
            }
        }
        return out;
    }

    /** The ColumnReader path's store over the current row group, made when a column first needs it. */
    private ColumnReadStoreImpl columnStore() {
        if (store == null) {
            store = new ColumnReadStoreImpl(new CountingPages(pages, metrics), new NoOpGroupConverter(requested),
                    requested, createdBy);
        }
        return store;
    }

    private static Set<Encoding> encodings(BlockMetaData group, ColumnDescriptor d) {
        ColumnPath p = ColumnPath.get(d.getPath());
        for (ColumnChunkMetaData chunk : group.getColumns()) {
            if (chunk.getPath().equals(p)) {
                return chunk.getEncodings();
            }
        }
        throw new IllegalStateException("the row group has no chunk for column " + p.toDotString());
    }

    private void closePages() {
        if (pages != null) {
            pages.close();
            pages = null;
            sources = new ColumnSource[0];
        }
    }

    @Override
    public RecordBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = (int) Math.min(batchRows, rowsLeft);
        List<FieldVector> vectors = new ArrayList<>(sources.length);
        try {
            for (int c = 0; c < sources.length; c++) {
                Field f = readSchema.field(c);
                FieldVector v = f.toArrow().createVector(allocator);
                v.setInitialCapacity(n);
                v.allocateNew();
                vectors.add(v);
                sources[c].read(v, n);
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

    @Override
    public void close() throws IOException {
        closePages();
        reader.close();
    }

    /** Counts the pages the ColumnReader path reads. */
    private record CountingPages(PageReadStore pages, ScanMetrics metrics) implements PageReadStore {
        @Override
        public PageReader getPageReader(ColumnDescriptor d) {
            PageReader r = pages.getPageReader(d);
            return new PageReader() {
                @Override
                public DictionaryPage readDictionaryPage() {
                    return r.readDictionaryPage();
                }

                @Override
                public long getTotalValueCount() {
                    return r.getTotalValueCount();
                }

                @Override
                public DataPage readPage() {
                    DataPage p = r.readPage();
                    if (p != null) {
                        metrics.pagesFallback++;
                    }
                    return p;
                }
            };
        }

        @Override
        public long getRowCount() {
            return pages.getRowCount();
        }

        @Override
        public java.util.Optional<Long> getRowIndexOffset() {
            return pages.getRowIndexOffset();
        }

        @Override
        public java.util.Optional<java.util.PrimitiveIterator.OfLong> getRowIndexes() {
            return pages.getRowIndexes();
        }
    }

    /** Record assembly is not used; the column store only needs converters to exist, shaped like the schema. */
    private static final class NoOpGroupConverter extends GroupConverter {
        private final Converter[] children;

        NoOpGroupConverter(GroupType type) {
            children = new Converter[type.getFieldCount()];
            for (int i = 0; i < children.length; i++) {
                Type t = type.getType(i);
                children[i] = t.isPrimitive() ? new PrimitiveConverter() {
                } : new NoOpGroupConverter(t.asGroupType());
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
