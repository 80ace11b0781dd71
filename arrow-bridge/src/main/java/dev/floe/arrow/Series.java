package dev.floe.arrow;

import dev.floe.api.types.DataType;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * One named, typed column over an Arrow vector. A series made with {@link #of} owns its vector;
 * one taken from a batch or table is a view valid as long as its owner.
 *
 * <pre>{@code Series s = Series.of("x", DataType.int64(), List.of(1L, 2L)); long v = s.getLong(0);}</pre>
 */
public final class Series implements AutoCloseable {
    private final String name;
    private final DataType dataType;
    private final FieldVector vector;
    private final boolean owned;

    private Series(String name, DataType dataType, FieldVector vector, boolean owned) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.vector = Objects.requireNonNull(vector, "vector");
        this.owned = owned;
    }

    /** A view: the caller keeps ownership of the vector. */
    public static Series view(String name, DataType type, FieldVector vector) {
        return new Series(name, type, vector, false);
    }

    /** Takes ownership of the vector. */
    public static Series owning(String name, DataType type, FieldVector vector) {
        return new Series(name, type, vector, true);
    }

    /** Builds a series from Java values (see API.md for the value classes per type). Boxes: for convenience only. */
    public static Series of(String name, DataType type, List<?> values) {
        FieldVector v = Values.toVector(name, type, values, Allocators.root());
        return owning(name, type, v);
    }

    public String name() {
        return name;
    }

    public DataType dataType() {
        return dataType;
    }

    public int length() {
        return vector.getValueCount();
    }

    public boolean isNull(int i) {
        return vector.isNull(i);
    }

    /** The value as a Java object (boxing; for convenience edges only). */
    public Object get(int i) {
        return Values.get(vector, dataType, i);
    }

    public long getLong(int i) {
        if (vector instanceof BaseIntVector iv) {
            return iv.getValueAsLong(i);
        }
        throw new IllegalStateException("getLong on a " + dataType + " series '" + name + "'");
    }

    public double getDouble(int i) {
        if (vector instanceof FloatingPointVector fv) {
            return fv.getValueAsDouble(i);
        }
        if (vector instanceof BaseIntVector iv) {
            return iv.getValueAsLong(i);
        }
        throw new IllegalStateException("getDouble on a " + dataType + " series '" + name + "'");
    }

    public String getString(int i) {
        if (vector instanceof VarCharVector sv) {
            return sv.isNull(i) ? null : new String(sv.get(i), java.nio.charset.StandardCharsets.UTF_8);
        }
        Object o = get(i);
        return o == null ? null : o.toString();
    }

    /** The underlying vector (a view; the series or its owner keeps ownership). */
    public FieldVector toArrow() {
        return vector;
    }

    public Series rename(String newName) {
        return new Series(newName, dataType, vector, false);
    }

    @Override
    public void close() {
        if (owned) {
            vector.close();
        }
    }

    @Override
    public String toString() {
        return "Series(" + name + ": " + dataType + ", " + length() + " values)";
    }
}
