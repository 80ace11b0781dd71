package dev.floe.arrow;

import dev.floe.api.types.Schema;
import java.util.List;

/**
 * A materialized result: Arrow batches with one schema, owned by the table. Close it when done.
 * Java values from {@link #get}, {@link #toRows} and {@link #toMaps} use the classes in API.md.
 */
public final class Table implements AutoCloseable {
    private final Schema schema;
    private final List<RecordBatch> batches;

    private Table(Schema schema, List<RecordBatch> batches) {
        this.schema = schema;
        this.batches = List.copyOf(batches);
    }

    /** Takes ownership of the batches. */
    public static Table of(Schema schema, List<RecordBatch> batches) {
        return new Table(schema, batches);
    }

    public Schema schema() {
        return schema;
    }

    public List<String> columnNames() {
        return schema.names();
    }

    public List<RecordBatch> batches() {
        return batches;
    }

    public long numRows() {
        long n = 0;
        for (RecordBatch b : batches) {
            n += b.numRows();
        }
        return n;
    }

    /** Aligned text of the first maxRows rows (TODO(H1): full implementation). */
    public String format(int maxRows) {
        throw new UnsupportedOperationException("TODO(H1)");
    }

    @Override
    public void close() {
        for (RecordBatch b : batches) {
            b.close();
        }
    }
}
