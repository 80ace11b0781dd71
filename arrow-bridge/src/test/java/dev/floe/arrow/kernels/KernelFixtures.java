package dev.floe.arrow.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.Values;
import dev.floe.arrow.testing.Batches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Shared vocabulary of the kernel tests: vectors from Java values ({@code vec(a, int64(), 1L, null)}),
 * values back out, and comparisons that treat floats by bits (so NaN and -0.0 are checked exactly).
 */
final class KernelFixtures {
    private KernelFixtures() {
    }

    static FieldVector vec(BufferAllocator allocator, DataType type, Object... values) {
        return Values.toVector("in", type, Arrays.asList(values), allocator);
    }

    static FieldVector vec(BufferAllocator allocator, DataType type, List<?> values) {
        return Values.toVector("in", type, values, allocator);
    }

    static BitVector bits(BufferAllocator allocator, Boolean... values) {
        return (BitVector) vec(allocator, DataType.bool(), (Object[]) values);
    }

    static List<Object> values(FieldVector v, DataType type) {
        return Batches.values(v, type);
    }

    /** The values with a null appended: vector cases carry one null row beside each value. */
    static List<Object> withNull(Object value) {
        List<Object> out = new ArrayList<>();
        out.add(value);
        out.add(null);
        return out;
    }

    /** Asserts the vector holds exactly these values (floats compared by bits: NaN = NaN, -0.0 != 0.0). */
    static void assertValues(FieldVector actual, DataType type, List<?> expected, String description) {
        assertThat(actual.getValueCount()).as("row count of %s", description).isEqualTo(expected.size());
        List<Object> got = values(actual, type);
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object g = got.get(i);
            if (e instanceof Double d && g instanceof Double x) {
                assertThat(Double.doubleToLongBits(x)).as("row %d of %s: got %s, expected %s", i, description, x, d)
                        .isEqualTo(Double.doubleToLongBits(d));
            } else if (e instanceof Float f && g instanceof Float x) {
                assertThat(Float.floatToIntBits(x)).as("row %d of %s: got %s, expected %s", i, description, x, f)
                        .isEqualTo(Float.floatToIntBits(f));
            } else if (e instanceof byte[] b) {
                assertThat((byte[]) g).as("row %d of %s", i, description).containsExactly(b);
            } else {
                assertThat(g).as("row %d of %s", i, description).isEqualTo(e);
            }
        }
    }
}
