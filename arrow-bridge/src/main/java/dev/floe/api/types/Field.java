package dev.floe.api.types;

import java.util.Objects;

/**
 * A named, typed column. Always nullable.
 *
 * <pre>{@code Field f = new Field("o_orderdate", DataType.date());}</pre>
 */
public record Field(String name, DataType type) implements java.io.Serializable {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static Field of(String name, DataType type) {
        return new Field(name, type);
    }

    public Field withName(String newName) {
        return new Field(newName, type);
    }

    public org.apache.arrow.vector.types.pojo.Field toArrow() {
        return type.toArrowField(name);
    }

    public static Field fromArrow(org.apache.arrow.vector.types.pojo.Field field) {
        return new Field(field.getName(), DataType.fromArrow(field));
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
