package dev.floe.arrow.testing;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Builds record batches from Java values in tests: {@code Batches.with(a).col("x", int64(), 1L, null).build()}. */
public final class Batches {
    private final BufferAllocator allocator;
    private final List<Field> fields = new ArrayList<>();
    private final List<List<?>> columns = new ArrayList<>();

    private Batches(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    public static Batches with(BufferAllocator allocator) {
        return new Batches(allocator);
    }

    public Batches col(String name, DataType type, Object... values) {
        fields.add(Field.of(name, type));
        columns.add(Arrays.asList(values));
        return this;
    }

    public RecordBatch build() {
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        List<FieldVector> vectors = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            vectors.add(Values.toVector(fields.get(i).name(), fields.get(i).type(), columns.get(i), allocator));
        }
        return RecordBatch.of(new Schema(fields), vectors, rows);
    }

    /** Column i of a batch as Java values. */
    public static List<Object> values(RecordBatch batch, int column) {
        List<Object> out = new ArrayList<>();
        for (int r = 0; r < batch.numRows(); r++) {
            out.add(Values.get(batch.vector(column), batch.schema().field(column).type(), r));
        }
        return out;
    }

    /** A vector's values as Java values. */
    public static List<Object> values(FieldVector v, DataType type) {
        List<Object> out = new ArrayList<>();
        for (int r = 0; r < v.getValueCount(); r++) {
            out.add(Values.get(v, type, r));
        }
        return out;
    }
}
