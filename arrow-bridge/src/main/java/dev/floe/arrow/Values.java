package dev.floe.arrow;

import dev.floe.api.types.DataType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Conversions between Java values and Arrow vectors, for the convenience edges only (boxes per value). */
public final class Values {
    private Values() {
    }

    /** A vector of the given type holding the values (Java classes as in API.md), value count set. */
    public static FieldVector toVector(String name, DataType type, List<?> values, BufferAllocator allocator) {
        throw new UnsupportedOperationException("TODO(H1)");
    }

    /** The value at row i as a Java object (API.md classes), or null. */
    public static Object get(FieldVector vector, DataType type, int i) {
        throw new UnsupportedOperationException("TODO(H1)");
    }

    /** The Floe type of a Java value as {@code lit} and {@code fromColumns} map it; null maps to nullType. */
    public static DataType typeOf(Object value) {
        throw new UnsupportedOperationException("TODO(H1)");
    }
}
