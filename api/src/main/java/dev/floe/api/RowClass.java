package dev.floe.api;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How rows become objects of a Java record or bean ({@code df.as(Person.class)}), matched by column
 * name and checked against the schema when the mapping is made, before any job runs (Spark's
 * {@code Encoders}, for records). A record takes every component from the column of its name; a
 * bean has a public no-argument constructor and a setter per column it reads (properties without a
 * column are an error, columns without a property are ignored). A component's type must hold the
 * column's values as API.md lists them ({@code int64} in {@code long} or {@code Long}, {@code string}
 * in {@code String}, {@code date} in {@code LocalDate}, ...); integer columns also fit a wider
 * integer and {@code float32} fits {@code double}. Every column may hold nulls, so a primitive
 * component is checked row by row: a null there fails (as Spark's "Null value appeared in
 * non-nullable field") naming the column, the row's number in the result and the component, and
 * saying to declare the boxed type.
 */
final class RowClass<T> {
    private final Class<T> type;
    private final int[] columns;
    private final Class<?>[] targets;
    private final String[] names;
    private final Constructor<T> recordConstructor;
    private final Method[] setters;

    private RowClass(Class<T> type, int[] columns, Class<?>[] targets, String[] names, Constructor<T> recordConstructor,
            Method[] setters) {
        this.type = type;
        this.columns = columns;
        this.targets = targets;
        this.names = names;
        this.recordConstructor = recordConstructor;
        this.setters = setters;
    }

    static <T> RowClass<T> of(Class<T> type, Schema schema) {
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] targets = new Class<?>[components.length];
            String[] names = new String[components.length];
            int[] columns = new int[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                targets[i] = components[i].getType();
                columns[i] = column(type, schema, names[i], targets[i]);
            }
            try {
                Constructor<T> constructor = type.getDeclaredConstructor(targets);
                constructor.setAccessible(true);
                return new RowClass<>(type, columns, targets, names, constructor, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new PlanException("as(" + type.getSimpleName() + "): cannot use the record's canonical "
                        + "constructor (" + e.getMessage() + "); make the record public or a public static nested record", e);
            }
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new PlanException("as(" + type.getSimpleName() + "): not a record, and a bean needs a public "
                    + "no-argument constructor", e);
        }
        BeanInfo info;
        try {
            info = Introspector.getBeanInfo(type, Object.class);
        } catch (IntrospectionException e) {
            throw new PlanException("as(" + type.getSimpleName() + "): " + e.getMessage(), e);
        }
        List<PropertyDescriptor> writable = new ArrayList<>();
        for (PropertyDescriptor p : info.getPropertyDescriptors()) {
            if (p.getWriteMethod() != null) {
                writable.add(p);
            }
        }
        if (writable.isEmpty()) {
            throw new PlanException("as(" + type.getSimpleName() + "): neither a record nor a bean with setters; "
                    + "declare a record whose components are named like the columns " + schema.names());
        }
        int n = writable.size();
        int[] columns = new int[n];
        Class<?>[] targets = new Class<?>[n];
        String[] names = new String[n];
        Method[] setters = new Method[n];
        for (int i = 0; i < n; i++) {
            names[i] = writable.get(i).getName();
            targets[i] = writable.get(i).getPropertyType();
            setters[i] = writable.get(i).getWriteMethod();
            columns[i] = column(type, schema, names[i], targets[i]);
        }
        return new RowClass<>(type, columns, targets, names, null, setters);
    }

    private static int column(Class<?> type, Schema schema, String name, Class<?> target) {
        int at = schema.indexOf(name);
        if (at < 0) {
            throw new PlanException("as(" + type.getSimpleName() + "): " + name + " has no column of that name; columns: "
                    + schema.names() + ". Rename with withColumnRenamed or alias, or drop it from the class");
        }
        Field f = schema.field(at);
        if (!fits(f.type(), target)) {
            throw new PlanException("as(" + type.getSimpleName() + "): " + name + " is " + target.getSimpleName()
                    + " but column '" + name + "' is " + f.type() + ", read as " + javaClass(f.type()).getSimpleName()
                    + "; declare it " + javaClass(f.type()).getSimpleName() + " or cast the column");
        }
        return at;
    }

    /** The class API.md gives a column's values. */
    static Class<?> javaClass(DataType t) {
        return switch (t.kind()) {
            case BOOL -> Boolean.class;
            case INT8 -> Byte.class;
            case INT16, UINT8 -> Short.class;
            case INT32, UINT16 -> Integer.class;
            case INT64, UINT32 -> Long.class;
            case UINT64 -> java.math.BigInteger.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case DECIMAL -> java.math.BigDecimal.class;
            case STRING -> String.class;
            case BINARY -> byte[].class;
            case DATE -> java.time.LocalDate.class;
            case TIMESTAMP -> ((DataType.Timestamp) t).zone() == null ? java.time.LocalDateTime.class
                    : java.time.Instant.class;
            case DURATION -> java.time.Duration.class;
            case INTERVAL -> java.time.Period.class;
            case LIST -> List.class;
            case STRUCT -> Map.class;
            case MAP -> Map.class;
            case NULL -> Object.class;
        };
    }

    private static boolean fits(DataType column, Class<?> target) {
        Class<?> boxed = box(target);
        Class<?> value = javaClass(column);
        if (boxed.isAssignableFrom(value) || column.kind() == DataType.Kind.NULL && !target.isPrimitive()) {
            return true;
        }
        int rank = integerRank(value);
        if (rank > 0 && integerRank(boxed) > rank) {
            return true;
        }
        return value == Float.class && boxed == Double.class;
    }

    private static int integerRank(Class<?> c) {
        return c == Byte.class ? 1 : c == Short.class ? 2 : c == Integer.class ? 3 : c == Long.class ? 4 : 0;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == boolean.class ? Boolean.class : c == byte.class ? Byte.class : c == short.class ? Short.class
                : c == int.class ? Integer.class : c == long.class ? Long.class : c == float.class ? Float.class
                : c == double.class ? Double.class : c == char.class ? Character.class : Void.class;
    }

    private Object value(Results.RowView row, int i) {
        Object v = row.get(columns[i]);
        Class<?> target = targets[i];
        if (v == null) {
            if (target.isPrimitive()) {
                throw new ExecutionException("as(" + type.getSimpleName() + "): column '" + names[i] + "' is null at row "
                        + row.index + " of the result, but " + (recordConstructor != null ? "record component " : "property ")
                        + target + " " + names[i] + " is primitive and cannot hold null; declare it "
                        + box(target).getSimpleName() + " " + names[i] + " (the boxed type), or drop or fill the nulls first "
                        + "(dropNull(\"" + names[i] + "\") or fillNull)");
            }
            return null;
        }
        Class<?> boxed = box(target);
        if (boxed == Long.class && !(v instanceof Long)) {
            return ((Number) v).longValue();
        }
        if (boxed == Integer.class && !(v instanceof Integer)) {
            return ((Number) v).intValue();
        }
        if (boxed == Short.class && !(v instanceof Short)) {
            return ((Number) v).shortValue();
        }
        if (boxed == Double.class && !(v instanceof Double)) {
            return ((Number) v).doubleValue();
        }
        return v;
    }

    T map(Results.RowView row) {
        try {
            if (recordConstructor != null) {
                Object[] args = new Object[columns.length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = value(row, i);
                }
                return recordConstructor.newInstance(args);
            }
            T bean = type.getConstructor().newInstance();
            for (int i = 0; i < setters.length; i++) {
                setters[i].invoke(bean, value(row, i));
            }
            return bean;
        } catch (InvocationTargetException e) {
            throw new ExecutionException("as(" + type.getSimpleName() + "): its constructor or a setter failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ExecutionException("as(" + type.getSimpleName() + "): " + e, e);
        }
    }
}
