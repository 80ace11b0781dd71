package dev.floe.arrow;

import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A batch of rows held as one Arrow vector per column. The batch owns its vectors: closing it
 * releases them. Batches are the unit every kernel and operator works on; inside an operator
 * they live in that operator's allocator, between operators they travel as {@link EncodedBatch}.
 *
 * <pre>{@code
 * try (RecordBatch batch = RecordBatch.of(schema, vectors, rows)) {
 *     FieldVector prices = batch.vector("o_totalprice");
 * }
 * }</pre>
 */
public final class RecordBatch implements AutoCloseable {
    private final Schema schema;
    private final List<FieldVector> vectors;
    private final int numRows;
    private boolean closed;

    private RecordBatch(Schema schema, List<FieldVector> vectors, int numRows) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.vectors = List.copyOf(vectors);
        this.numRows = numRows;
        if (schema.size() != vectors.size()) {
            throw new IllegalArgumentException(
                    "schema has " + schema.size() + " columns but " + vectors.size() + " vectors were given");
        }
        for (int i = 0; i < vectors.size(); i++) {
            int count = vectors.get(i).getValueCount();
            if (count != numRows) {
                throw new IllegalArgumentException("column '" + schema.field(i).name() + "' has "
                        + count + " values, the batch has " + numRows + " rows");
            }
        }
    }

    /** Takes ownership of the vectors; each must already have its value count set to numRows. */
    public static RecordBatch of(Schema schema, List<? extends FieldVector> vectors, int numRows) {
        return new RecordBatch(schema, new ArrayList<>(vectors), numRows);
    }

    /** Takes ownership of the root's vectors (the root must not be used afterwards except to close it). */
    public static RecordBatch fromRoot(VectorSchemaRoot root) {
        Schema schema = Schema.fromArrow(root.getSchema());
        return new RecordBatch(schema, new ArrayList<>(root.getFieldVectors()), root.getRowCount());
    }

    /** An empty batch (zero rows) of this schema. */
    public static RecordBatch empty(Schema schema, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            FieldVector v = f.toArrow().createVector(allocator);
            v.setValueCount(0);
            out.add(v);
        }
        return new RecordBatch(schema, out, 0);
    }

    public Schema schema() {
        return schema;
    }

    public int numRows() {
        return numRows;
    }

    public int numColumns() {
        return vectors.size();
    }

    public FieldVector vector(int i) {
        return vectors.get(i);
    }

    public FieldVector vector(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No column '" + name + "' in " + schema.names());
        }
        return vectors.get(i);
    }

    public List<FieldVector> vectors() {
        return vectors;
    }

    /** A view of one column as a {@link Series}; the batch keeps ownership. */
    public Series column(int i) {
        return Series.view(schema.field(i).name(), schema.field(i).type(), vectors.get(i));
    }

    public Series column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No column '" + name + "' in " + schema.names());
        }
        return column(i);
    }

    /** A VectorSchemaRoot over the same vectors (a view: closing the batch frees them). */
    public VectorSchemaRoot asRoot() {
        return new VectorSchemaRoot(schema.toArrow().getFields(), new ArrayList<>(vectors), numRows);
    }

    /** Moves this batch's buffers into another allocator; this batch becomes empty and closed. */
    public RecordBatch transferTo(BufferAllocator target) {
        List<FieldVector> out = new ArrayList<>(vectors.size());
        for (FieldVector v : vectors) {
            TransferPair tp = v.getTransferPair(target);
            tp.transfer();
            out.add((FieldVector) tp.getTo());
        }
        closed = true;
        return new RecordBatch(schema, out, numRows);
    }

    /** A copy of rows [offset, offset + length) in the given allocator. */
    public RecordBatch slice(int offset, int length, BufferAllocator allocator) {
        Objects.checkFromIndexSize(offset, length, numRows);
        List<FieldVector> out = new ArrayList<>(vectors.size());
        for (FieldVector v : vectors) {
            TransferPair tp = v.getTransferPair(allocator);
            tp.splitAndTransfer(offset, length);
            out.add((FieldVector) tp.getTo());
        }
        return new RecordBatch(schema, out, length);
    }

    /** The same vectors under another schema with equal types (used for renames); ownership moves. */
    public RecordBatch withSchema(Schema renamed) {
        closed = true;
        return new RecordBatch(renamed, vectors, numRows);
    }

    /** Total bytes of the Arrow buffers. */
    public long sizeInBytes() {
        long total = 0;
        for (FieldVector v : vectors) {
            total += v.getBufferSize();
        }
        return total;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (FieldVector v : vectors) {
            v.close();
        }
    }

    @Override
    public String toString() {
        return "RecordBatch(" + numRows + " rows: " + String.join(", ", schema.names()) + ")";
    }
}
