package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A string function of {@code child}: {@code args} are expressions (the needle of
 * {@code contains}, the right side of {@code concat}), {@code params} literal Strings and
 * Integers (patterns, positions), checked when built: regexes compile, positions are not
 * negative, {@code extract}'s group exists. Built by {@link dev.floe.api.StringExpressions}.
 *
 * <pre>{@code new StringFunction(StringOp.SUBSTR, new Column("name"), List.of(), List.of(0, 3)) // substr(name, 0, 3)}</pre>
 */
public record StringFunction(StringOp op, Expr child, List<Expr> args, List<Object> params) implements Expr {
    public StringFunction {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(child, "child");
        args = List.copyOf(args);
        params = List.copyOf(params);
        if (args.size() != op.args() || params.size() != op.params()) {
            throw new IllegalArgumentException(op.fn() + " takes " + op.args() + " arguments and " + op.params()
                    + " parameters, got " + args + " and " + params);
        }
        validate(op, child, params);
    }

    private static void validate(StringOp op, Expr child, List<Object> params) {
        String what = op.fn() + "(" + child.display() + ")";
        switch (op) {
            case SUBSTR -> {
                int start = (Integer) params.get(0);
                int length = (Integer) params.get(1);
                if (start < 0) {
                    throw new PlanException("substr start must be >= 0 (0-based), got " + start + " in " + what);
                }
                if (length < -1) {
                    throw new PlanException("substr length must be >= 0, got " + length + " in " + what);
                }
            }
            case MATCH, EXTRACT -> {
                Pattern p;
                try {
                    p = Pattern.compile((String) params.get(0));
                } catch (PatternSyntaxException e) {
                    throw new PlanException("Invalid regular expression in " + what + ": " + e.getMessage(), e);
                }
                if (op == StringOp.EXTRACT) {
                    int group = (Integer) params.get(1);
                    int groups = p.matcher("").groupCount();
                    if (group < 0 || group > groups) {
                        throw new PlanException("extract group " + group + " does not exist in " + what + ": the regex '"
                                + params.get(0) + "' has " + groups + " group(s); use 0 for the whole match");
                    }
                }
            }
            default -> {
                for (Object p : params) {
                    Objects.requireNonNull(p, () -> op.fn() + " parameter must not be null in " + what);
                }
            }
        }
    }

    /** The String parameter at {@code i}. */
    public String text(int i) {
        return (String) params.get(i);
    }

    /** The Integer parameter at {@code i}. */
    public int number(int i) {
        return (Integer) params.get(i);
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>(1 + args.size());
        out.add(child);
        out.addAll(args);
        return out;
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return new StringFunction(op, c.get(0), c.subList(1, c.size()), params);
    }

    @Override
    public DataType type(Schema input) {
        requireString(child, child.type(input));
        for (Expr a : args) {
            requireString(a, a.type(input));
        }
        return op.resultType();
    }

    private void requireString(Expr operand, DataType t) {
        if (t.kind() != Kind.STRING && t.kind() != Kind.NULL) {
            throw new PlanException("str()." + op.fn() + " needs a string but " + operand.display() + " is " + t
                    + " in " + display() + "; cast it with .cast(DataType.string()) first");
        }
    }

    @Override
    public String display() {
        StringBuilder sb = new StringBuilder(op.fn()).append('(').append(child.display());
        for (Expr a : args) {
            sb.append(", ").append(a.display());
        }
        for (Object p : params) {
            sb.append(", ");
            if (p instanceof String s) {
                sb.append('\'').append(s.replace("'", "''")).append('\'');
            } else if (op == StringOp.SUBSTR && Integer.valueOf(-1).equals(p)) {
                sb.setLength(sb.length() - 2);
            } else {
                sb.append(p);
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitString(this);
    }
}
