package dev.floe.api.types;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An ordered list of named, typed fields. Prints as {@code name: type} lines.
 *
 * <pre>{@code Schema s = Schema.of(Field.of("id", DataType.int64()), Field.of("name", DataType.string()));}</pre>
 */
public final class Schema implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Field> fields;
    private transient Map<String, Integer> index;

    public Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public static Schema empty() {
        return new Schema(List.of());
    }

    public List<Field> fields() {
        return fields;
    }

    /** The column types in order. */
    public List<DataType> types() {
        List<DataType> out = new java.util.ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(f.type());
        }
        return out;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    public List<String> names() {
        return fields.stream().map(Field::name).collect(Collectors.toUnmodifiableList());
    }

    /** Index of the column with this exact (case-sensitive) name, or -1. The first one wins. */
    public int indexOf(String name) {
        Map<String, Integer> idx = index;
        if (idx == null) {
            idx = new HashMap<>();
            for (int i = fields.size() - 1; i >= 0; i--) {
                idx.put(fields.get(i).name(), i);
            }
            index = idx;
        }
        return idx.getOrDefault(name, -1);
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    public Optional<Field> find(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
    }

    /** The schema with only these columns, in this order. */
    public Schema select(List<String> names) {
        List<Field> out = new ArrayList<>(names.size());
        for (String n : names) {
            int i = indexOf(n);
            if (i < 0) {
                throw new IllegalArgumentException("No column '" + n + "' in " + names());
            }
            out.add(fields.get(i));
        }
        return new Schema(out);
    }

    public org.apache.arrow.vector.types.pojo.Schema toArrow() {
        List<org.apache.arrow.vector.types.pojo.Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(f.toArrow());
        }
        return new org.apache.arrow.vector.types.pojo.Schema(out);
    }

    public static Schema fromArrow(org.apache.arrow.vector.types.pojo.Schema schema) {
        List<Field> out = new ArrayList<>();
        for (org.apache.arrow.vector.types.pojo.Field f : schema.getFields()) {
            out.add(Field.fromArrow(f));
        }
        return new Schema(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && fields.equals(s.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** {@code name: type} lines. */
    @Override
    public String toString() {
        return fields.stream().map(Field::toString).collect(Collectors.joining("\n"));
    }

    /**
     * The schema as the tree Spark's {@code printSchema()} draws, with Floe's type names: every
     * column is nullable, a list shows its {@code element}, a struct its fields, a map its
     * {@code key} and {@code value} (as Spark prints them).
     * <pre>
     * root
     *  |-- dept: string (nullable = true)
     *  |-- tags: list (nullable = true)
     *  |    |-- element: string (containsNull = true)
     * </pre>
     */
    public String treeString() {
        StringBuilder sb = new StringBuilder("root\n");
        for (Field f : fields) {
            tree(sb, " |-- ", f.name(), f.type(), "nullable");
        }
        return sb.toString();
    }

    private static void tree(StringBuilder sb, String prefix, String name, DataType type, String nullability) {
        String shown = type instanceof DataType.ListOf ? "list" : type instanceof DataType.Struct ? "struct"
                : type instanceof DataType.MapOf ? "map" : type.toString();
        sb.append(prefix).append(name).append(": ").append(shown);
        sb.append(nullability == null ? "\n" : " (" + nullability + " = true)\n"); // a map's keys are never null
        String inner = prefix.replace("|-- ", "|    |-- ");
        if (type instanceof DataType.ListOf list) {
            tree(sb, inner, "element", list.element(), "containsNull");
        } else if (type instanceof DataType.MapOf map) {
            tree(sb, inner, "key", map.key(), null);
            tree(sb, inner, "value", map.value(), "valueContainsNull");
        } else if (type instanceof DataType.Struct struct) {
            for (Field f : struct.fields()) {
                tree(sb, inner, f.name(), f.type(), "nullable");
            }
        }
    }

    /** Unmodifiable view used by error messages. */
    public List<Field> asList() {
        return Collections.unmodifiableList(fields);
    }
}
