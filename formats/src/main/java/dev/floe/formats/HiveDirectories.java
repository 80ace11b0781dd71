package dev.floe.formats;

import dev.floe.api.plan.HivePartitions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Finds hive-style partition directories ({@code year=2024/month=01/}) under the read roots and
 * builds their constant columns: a column is {@code int64} when every value is an integer,
 * {@code date} when every value is an ISO date, else {@code string};
 * {@value HivePartitions#NULL_PARTITION} is null. Keys that are also columns of the files are
 * left to the files.
 *
 * <pre>{@code HivePartitions p = HiveDirectories.discover(List.of("out/"), files, fileSchema);}</pre>
 */
public final class HiveDirectories {
    private HiveDirectories() {}

    /**
     * Finds the partition directories of every file, relative to the root (the user path it came
     * from); files must agree on the keys.
     */
    public static HivePartitions discover(List<String> roots, List<FileEntry> files, Schema fileSchema) {
        List<String> absRoots = roots.stream().map(HiveDirectories::rootPath).toList();
        List<String> keys = null;
        String keysFile = null;
        List<List<String>> raw = new ArrayList<>();
        for (FileEntry f : files) {
            List<String[]> pairs = pairs(f.path(), absRoots);
            List<String> fileKeys = pairs.stream().map(p -> p[0]).toList();
            if (keys == null) {
                keys = fileKeys;
                keysFile = f.path();
            } else if (!keys.equals(fileKeys)) {
                throw new IllegalArgumentException("Files disagree on hive partition directories: " + keys + " in "
                        + keysFile + ", " + fileKeys + " in " + f.path());
            }
            raw.add(pairs.stream().map(p -> p[1]).toList());
        }
        if (keys == null || keys.isEmpty()) {
            return HivePartitions.none();
        }
        List<Field> fields = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            if (fileSchema.contains(keys.get(k)) || keys.subList(0, k).contains(keys.get(k))) {
                continue;
            }
            List<String> column = new ArrayList<>();
            for (List<String> r : raw) {
                column.add(r.get(k));
            }
            fields.add(new Field(keys.get(k), inferType(column)));
            used.add(k);
        }
        List<List<String>> values = new ArrayList<>();
        for (List<String> r : raw) {
            List<String> v = new ArrayList<>();
            for (int k : used) {
                v.add(r.get(k));
            }
            values.add(java.util.Collections.unmodifiableList(v));
        }
        return new HivePartitions(fields, values);
    }

    private static String rootPath(String pattern) {
        int glob = -1;
        for (int i = 0; i < pattern.length() && glob < 0; i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                glob = i;
            }
        }
        String base = glob < 0 ? pattern : pattern.substring(0, Math.max(0, pattern.lastIndexOf('/', glob)));
        return normalize(base.isEmpty() ? "." : base);
    }

    /** The path part of a path or URI ({@code file:/a/b}, {@code s3://bucket/a/b}, {@code a/b}), absolute. */
    private static String normalize(String p) {
        String s = p;
        java.util.regex.Matcher scheme = java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:").matcher(s);
        boolean hasScheme = scheme.find() && scheme.end() > 2; // not a Windows drive letter
        if (hasScheme) {
            s = s.substring(scheme.end());
            if (s.startsWith("//")) {
                int slash = s.indexOf('/', 2);
                s = slash < 0 ? "/" : s.substring(slash);
            }
        } else if (!s.startsWith("/")) {
            s = new File(s).getAbsoluteFile().toPath().normalize().toString();
        }
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The key=value directories between the file's root and its name. */
    private static List<String[]> pairs(String file, List<String> roots) {
        String path = normalize(file);
        String relative = null;
        for (String root : roots) {
            String prefix = root.endsWith("/") ? root : root + "/";
            if (path.startsWith(prefix) && (relative == null || path.length() - prefix.length() < relative.length())) {
                relative = path.substring(prefix.length());
            }
        }
        List<String[]> out = new ArrayList<>();
        if (relative == null) {
            return out;
        }
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            int eq = segments[i].indexOf('=');
            if (eq > 0) {
                String value = unescape(segments[i].substring(eq + 1));
                out.add(new String[] {unescape(segments[i].substring(0, eq)), HivePartitions.NULL_PARTITION.equals(value) ? null : value});
            }
        }
        return out;
    }

    /** Undoes the writer's %XX escapes (bytes of UTF-8). */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static DataType inferType(List<String> values) {
        boolean allLong = true;
        boolean allDate = true;
        for (String v : values) {
            if (v == null) {
                continue;
            }
            allLong &= isLong(v);
            allDate &= isDate(v);
        }
        return allLong ? DataType.int64() : allDate ? DataType.date() : DataType.string();
    }

    private static boolean isLong(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String v) {
        if (v.length() != 10) {
            return false;
        }
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The Java value of a partition directory value in its column type (Long, LocalDate, String, null). */
    public static Object value(String raw, DataType type) {
        if (raw == null) {
            return null;
        }
        return switch (type.kind()) {
            case INT64 -> Long.parseLong(raw);
            case DATE -> LocalDate.parse(raw);
            default -> raw;
        };
    }

    /** The partition values of file {@code file} in the comparison domain of {@link StatsPruning}. */
    public static java.util.Map<String, Object> normalizedValues(HivePartitions partitions, int file) {
        java.util.Map<String, Object> out = new java.util.HashMap<>();
        for (int k = 0; k < partitions.fields().size(); k++) {
            DataType t = partitions.fields().get(k).type();
            Object v = value(partitions.values().get(file).get(k), t);
            out.put(partitions.fields().get(k).name(), v == null ? null : StatsPruning.normalize(v, t));
        }
        return out;
    }

    /** A vector of {@code n} copies of a partition value ({@code raw} null = all null). */
    public static FieldVector constantVector(Field field, String raw, int n, BufferAllocator allocator) {
        FieldVector v = field.toArrow().createVector(allocator);
        try {
            v.setInitialCapacity(n);
            v.allocateNew();
            if (raw != null && n > 0) {
                fill(v, field.type(), raw, n);
            }
            v.setValueCount(n);
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    private static void fill(FieldVector v, DataType type, String raw, int n) {
        ArrowBuf valid = v.getValidityBuffer();
        switch (type.kind()) {
            case INT64 -> {
                long x = Long.parseLong(raw);
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    data.setLong((long) i * 8, x);
                }
            }
            case DATE -> {
                int x = (int) LocalDate.parse(raw).toEpochDay();
                ArrowBuf data = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    data.setInt((long) i * 4, x);
                }
            }
            case STRING -> {
                byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
                BaseVariableWidthVector vw = (BaseVariableWidthVector) v;
                for (int i = 0; i < n; i++) {
                    vw.setSafe(i, bytes);
                }
                return;
            }
            default -> throw new IllegalArgumentException("partition column of type " + type);
        }
        for (int i = 0; i < n; i++) {
            BitVectorHelper.setBit(valid, i);
        }
    }
}
