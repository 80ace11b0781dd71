package dev.floe.arrow;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.VectorBatchAppender;

/**
 * A materialized result: Arrow batches with one schema, owned by the table. Close it when done.
 * Java values from {@link #get}, {@link #toRows} and {@link #toMaps} use the classes in API.md.
 *
 * <pre>{@code
 * try (Table t = df.toTable()) {
 *     long n = t.numRows();
 *     Object first = t.get(0, "o_orderkey");
 * }
 * }</pre>
 */
public final class Table implements AutoCloseable {
    private final Schema schema;
    private final List<RecordBatch> batches;
    private final Map<String, Series> columnCache = new HashMap<>();
    private boolean closed;

    private Table(Schema schema, List<RecordBatch> batches) {
        this.schema = schema;
        this.batches = List.copyOf(batches);
    }

    /** Takes ownership of the batches. */
    public static Table of(Schema schema, List<RecordBatch> batches) {
        return new Table(schema, batches);
    }

    /**
     * Builds a one-batch table from Java lists; insertion order = column order. Each column's type
     * comes from its values' class ({@link Values#typeOf}); an all-null column is nullType.
     */
    public static Table fromColumns(LinkedHashMap<String, List<?>> columns) {
        List<Field> fields = new ArrayList<>();
        List<FieldVector> vectors = new ArrayList<>();
        int rows = -1;
        try {
            int position = 0;
            for (Map.Entry<String, List<?>> e : columns.entrySet()) {
                position++;
                if (e.getKey() == null) {
                    throw new IllegalArgumentException("column " + position + " of " + columns.size()
                            + " has a null name; give every column a name");
                }
                List<?> values = e.getValue();
                if (values == null) {
                    throw new IllegalArgumentException("column '" + e.getKey() + "' has a null list of values; "
                            + "pass an empty list for a column without rows");
                }
                if (rows >= 0 && values.size() != rows) {
                    throw new IllegalArgumentException("column '" + e.getKey() + "' has " + values.size()
                            + " values but the columns before it have " + rows);
                }
                rows = values.size();
                DataType type = columnType(e.getKey(), values);
                fields.add(new Field(e.getKey(), type));
                vectors.add(Values.toVector(e.getKey(), type, values, Allocators.root()));
            }
        } catch (RuntimeException ex) {
            vectors.forEach(FieldVector::close);
            throw ex;
        }
        Schema schema = new Schema(fields);
        return new Table(schema, List.of(RecordBatch.of(schema, vectors, Math.max(rows, 0))));
    }

    private static DataType columnType(String name, List<?> values) {
        DataType type = DataType.nullType();
        for (Object v : values) {
            type = Values.merge(type, Values.typeOf(v), "column '" + name + "'");
        }
        return type;
    }

    public Schema schema() {
        return schema;
    }

    public List<String> columnNames() {
        return schema.names();
    }

    public List<RecordBatch> batches() {
        requireOpen();
        return batches;
    }

    public long numRows() {
        requireOpen();
        long n = 0;
        for (RecordBatch b : batches) {
            n += b.numRows();
        }
        return n;
    }

    /** The whole column as one Series (a copy when the table has several batches), owned by the table. */
    public Series column(String name) {
        requireOpen();
        int index = schema.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No column '" + name + "' in " + schema.names());
        }
        return columnCache.computeIfAbsent(name, n -> {
            Field f = schema.field(index);
            if (batches.size() == 1) {
                return Series.view(n, f.type(), batches.get(0).vector(index));
            }
            FieldVector out = f.toArrow().createVector(Allocators.root());
            int total = Math.toIntExact(numRows());
            out.setInitialCapacity(total);
            out.allocateNew();
            int row = 0;
            for (RecordBatch b : batches) {
                FieldVector src = b.vector(index);
                for (int i = 0; i < b.numRows(); i++) {
                    out.copyFromSafe(i, row++, src);
                }
            }
            out.setValueCount(total);
            return Series.owning(n, f.type(), out);
        });
    }

    /** The value at a row (0-based over the whole table) as a Java object. */
    public Object get(int row, String column) {
        requireOpen();
        int index = schema.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("No column '" + column + "' in " + schema.names());
        }
        int r = row;
        for (RecordBatch b : batches) {
            if (r < b.numRows()) {
                return Values.get(b.vector(index), schema.field(index).type(), r);
            }
            r -= b.numRows();
        }
        throw new IndexOutOfBoundsException("row " + row + " of a table with " + numRows() + " rows");
    }

    public List<List<Object>> toRows() {
        requireOpen();
        List<List<Object>> out = new ArrayList<>();
        for (RecordBatch b : batches) {
            for (int i = 0; i < b.numRows(); i++) {
                List<Object> row = new ArrayList<>(schema.size());
                for (int c = 0; c < schema.size(); c++) {
                    row.add(Values.get(b.vector(c), schema.field(c).type(), i));
                }
                out.add(row);
            }
        }
        return out;
    }

    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> row : toRows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < schema.size(); c++) {
                m.put(schema.field(c).name(), row.get(c));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * All rows in one new VectorSchemaRoot (a copy in Floe's root allocator, buffers appended as
     * blocks); the caller owns it and closes it.
     */
    public VectorSchemaRoot toArrow() {
        requireOpen();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema.toArrow(), Allocators.root());
        try {
            root.allocateNew();
            for (int c = 0; c < schema.size(); c++) {
                FieldVector dst = root.getVector(c);
                dst.setValueCount(0);
                for (RecordBatch b : batches) {
                    VectorBatchAppender.batchAppend(dst, b.vector(c));
                }
            }
            root.setRowCount(Math.toIntExact(numRows()));
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
        return root;
    }

    /** Aligned text of the first {@code maxRows} rows: names, types, values (long ones cut). */
    public String format(int maxRows) {
        return format(maxRows, TableFormatter.MAX_CELL);
    }

    /**
     * Aligned text of the first {@code maxRows} rows with cells of at most {@code maxCell}
     * characters (0 or less: values whole).
     */
    public String format(int maxRows, int maxCell) {
        requireOpen();
        return TableFormatter.format(this, maxRows, maxCell);
    }

    @Override
    public String toString() {
        return closed ? "Table(closed, " + schema.names() + ")" : format(8);
    }

    /** Whether {@link #close()} has run; a closed table keeps its schema but no rows. */
    public boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("table is closed: its rows were released by close(); read them "
                    + "before closing (or call toTable() again) — columns " + schema.names());
        }
    }

    /** Releases the rows; later reads throw IllegalStateException ("table is closed"). Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Series s : columnCache.values()) {
            s.close();
        }
        columnCache.clear();
        for (RecordBatch b : batches) {
            b.close();
        }
    }
}
