package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A constant. {@code value} is a Java value of the class API.md lists for {@code type}, or null.
 */
public record Literal(Object value, DataType type) implements Expr {
    public Literal {
        Objects.requireNonNull(type, "type");
    }

    public boolean isNull() {
        return value == null;
    }

    @Override public List<Expr> children() { return List.of(); }

    @Override public Expr withChildren(List<Expr> children) { return this; }

    @Override public DataType type(Schema input) { return type; }

    @Override
    public String display() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] b) {
            return "binary(" + b.length + " bytes)";
        }
        return value.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Literal l) || !type.equals(l.type)) {
            return false;
        }
        if (value instanceof byte[] a && l.value instanceof byte[] b) {
            return java.util.Arrays.equals(a, b);
        }
        return Objects.equals(value, l.value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + (value instanceof byte[] b ? java.util.Arrays.hashCode(b) : Objects.hashCode(value));
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitLiteral(this);
    }
}
