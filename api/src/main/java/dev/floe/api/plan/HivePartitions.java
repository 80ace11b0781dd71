package dev.floe.api.plan;

import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Hive-style partition directories ({@code year=2024/month=01/}) of a file source: each key is a
 * column whose value is constant per file. Found by {@code dev.floe.formats.HiveDirectories}.
 *
 * @param fields the partition columns, in directory order
 * @param values per file (parallel to the source's files), the decoded directory values; null = null
 */
public record HivePartitions(List<Field> fields, List<List<String>> values) implements java.io.Serializable {
    /** The directory value that stands for null. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    public HivePartitions {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
    }

    /** No partition directories. */
    public static HivePartitions none() {
        return new HivePartitions(List.of(), List.of());
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** The source schema: the files' columns, then the partition columns. */
    public Schema appendTo(Schema fileSchema) {
        List<Field> all = new ArrayList<>(fileSchema.fields());
        all.addAll(fields);
        return new Schema(all);
    }
}
