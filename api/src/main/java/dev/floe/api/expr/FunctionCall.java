package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A call of a {@link ScalarFn} with expression arguments and literal parameters (Strings, numbers,
 * booleans; checked when built by {@link ScalarFn#validate}).
 *
 * <pre>{@code new FunctionCall(StringFn.LPAD, List.of(new Column("s")), List.of(5, "0")) // lpad(s, 5, '0')}</pre>
 */
public record FunctionCall(ScalarFn fn, List<Expr> args, List<Object> params) implements Expr {
    public FunctionCall {
        Objects.requireNonNull(fn, "fn");
        args = List.copyOf(args);
        params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
        fn.validate(params, displayOf(fn, args, params));
    }

    /** The call's signature over rows of {@code input}. */
    public ScalarFn.Signature signature(Schema input) {
        List<DataType> types = new ArrayList<>(args.size());
        for (Expr a : args) {
            types.add(a.type(input));
        }
        return fn.bind(types, params, display());
    }

    /** The String parameter at {@code i}. */
    public String text(int i) {
        return (String) params.get(i);
    }

    /** The integer parameter at {@code i}. */
    public long number(int i) {
        return ((Number) params.get(i)).longValue();
    }

    @Override
    public List<Expr> children() {
        return args;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        return new FunctionCall(fn, children, params);
    }

    @Override
    public DataType type(Schema input) {
        return signature(input).result();
    }

    @Override
    public String display() {
        return displayOf(fn, args, params);
    }

    private static String displayOf(ScalarFn fn, List<Expr> args, List<Object> params) {
        StringBuilder sb = new StringBuilder(fn.fn()).append('(');
        String sep = "";
        for (Expr a : args) {
            sb.append(sep).append(a.display());
            sep = ", ";
        }
        for (Object p : params) {
            sb.append(sep);
            sep = ", ";
            if (p instanceof String s) {
                sb.append('\'').append(s.replace("'", "''")).append('\'');
            } else {
                sb.append(p);
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitCall(this);
    }
}
