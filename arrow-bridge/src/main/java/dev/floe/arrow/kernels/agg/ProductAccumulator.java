package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * PRODUCT of the non-null values of a group as float64 (as DuckDB's and Spark's product):
 * overflow gives ±Infinity, a NaN gives NaN; a group without a non-null value gives null.
 * State = [float64], null for a group without values.
 */
final class ProductAccumulator extends GroupedAccumulator {
    private final NumericReader reader;
    private double[] products = new double[0];
    private boolean[] seen = new boolean[0];

    ProductAccumulator(DataType type) {
        this.reader = new NumericReader(type, "product");
    }

    @Override
    void resize(int newCapacity) {
        int old = products.length;
        products = Arrays.copyOf(products, newCapacity);
        seen = Arrays.copyOf(seen, newCapacity);
        if (newCapacity > old) {
            Arrays.fill(products, old, newCapacity, 1.0);
        }
    }

    @Override
    public void update(FieldVector input, int[] groupIds, int n, int numGroups) {
        fold(input, reader, groupIds, n, numGroups);
    }

    private void fold(FieldVector input, NumericReader r, int[] groupIds, int n, int numGroups) {
        ensure(numGroups);
        if (input instanceof NullVector) {
            return;
        }
        ArrowBuf data = input.getDataBuffer();
        ArrowBuf validity = Cols.nulls(input);
        for (int i = 0; i < n; i++) {
            if (Cols.valid(validity, i)) {
                int g = groupIds[i];
                products[g] *= r.get(data, i);
                seen[g] = true;
            }
        }
    }

    @Override
    public void merge(List<FieldVector> state, int[] groupIds, int n, int numGroups) {
        fold(state.get(0), STATE, groupIds, n, numGroups);
    }

    private static final NumericReader STATE = new NumericReader(DataType.float64(), "product");

    @Override
    public List<FieldVector> state(int numGroups, BufferAllocator allocator) {
        return stateAsFinal(numGroups, allocator);
    }

    @Override
    public FieldVector finish(int numGroups, BufferAllocator allocator) {
        ensure(numGroups);
        return Cols.doubles(products, seen, numGroups, allocator);
    }

    @Override
    public long sizeInBytes() {
        return 9L * products.length;
    }
}
