package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One field of a struct-typed {@code child}, null where the struct is null; the result column is
 * named after the field (like Daft). Built by {@link dev.floe.api.StructExpressions#get}.
 *
 * <pre>{@code new StructField(new Column("address"), "city") // address.city}</pre>
 */
public record StructField(Expr child, String field) implements Expr {
    public StructField {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(field, "field");
    }

    @Override
    public List<Expr> children() {
        return List.of(child);
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new StructField(children.get(0), field);
    }

    /** The field's position in the struct type, or a PlanException naming the fields there are. */
    public int ordinal(DataType structType) {
        if (!(structType instanceof DataType.Struct s)) {
            throw new PlanException("struct().get needs a struct but " + child.display() + " is " + structType
                    + " in " + display());
        }
        List<Field> fields = s.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return i;
            }
        }
        throw new PlanException("Struct " + child.display() + " has no field '" + field + "' in " + display()
                + "; its fields are " + fields.stream().map(Field::name).collect(Collectors.joining(", ", "[", "]")));
    }

    @Override
    public DataType type(Schema input) {
        DataType t = child.type(input);
        int i = ordinal(t);
        return ((DataType.Struct) t).fields().get(i).type();
    }

    @Override
    public String name() {
        return field;
    }

    @Override
    public String display() {
        return child.display() + "." + field;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitStructField(this);
    }
}
