package dev.floe.sql.functions;

import static dev.floe.sql.functions.SqlTypes.at;

import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.eval.ConstantEvaluator;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SQL function call being translated: the name as written, the bound arguments, DISTINCT, the
 * position of the call in the SQL text ({@code line:column}) and the input schema the arguments are
 * typed against (null when unknown: then no argument is coerced by type). The helpers read
 * constant arguments and types and build errors that name the function and the position.
 */
public record SqlCall(String name, List<Expression> args, boolean distinct, String position, Schema input) {
    public SqlCall {
        args = List.copyOf(args);
    }

    /** The name in lower case. */
    public String lower() {
        return name.toLowerCase(Locale.ROOT);
    }

    public int arity() {
        return args.size();
    }

    public Expression arg(int i) {
        return args.get(i);
    }

    /** The type of argument {@code i} in the input schema, or null when there is no schema. */
    public DataType type(int i) {
        return typeOf(args.get(i));
    }

    /** The type of any expression in the input schema, or null when there is no schema. */
    public DataType typeOf(Expression e) {
        if (input == null) {
            return null;
        }
        try {
            return e.node().type(input);
        } catch (PlanException ex) {
            if (typedLater(e.node())) {
                return null;
            }
            throw error("argument " + e + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Whether {@code e} holds {@code grouping(...)}, a window function or an aggregation of an
     * aggregation: their types are only known where the binder places them ({@code sum(sum(x)) OVER
     * (...)} is a window over the aggregation's output, {@code grouping(k)} needs the ROLLUP), so the
     * input schema cannot type them and their errors are left to the DataFrame the binder builds.
     */
    static boolean typedLater(dev.floe.api.expr.Expr e) {
        return typedLater(e, false);
    }

    private static boolean typedLater(dev.floe.api.expr.Expr e, boolean inAggregate) {
        if (e instanceof dev.floe.api.expr.Grouping || e instanceof dev.floe.api.expr.WindowFunction
                || e instanceof dev.floe.api.expr.WindowExpr) {
            return true;
        }
        boolean agg = e instanceof dev.floe.api.expr.AggExpr;
        if (agg && inAggregate) {
            return true;
        }
        for (dev.floe.api.expr.Expr c : e.children()) {
            if (typedLater(c, inAggregate || agg)) {
                return true;
            }
        }
        return false;
    }

    /** The value of argument {@code i} when it is constant (a literal or foldable), else empty. */
    public Optional<Object> constant(int i) {
        if (args.get(i).node() instanceof Literal l) {
            return Optional.ofNullable(l.value());
        }
        return ConstantEvaluator.tryFold(args.get(i).node()).map(Literal::value);
    }

    /** Argument {@code i} as a constant whole number, or a {@link PlanException} naming {@code what} it is. */
    public int intArg(int i, String what) {
        Object v = constant(i).orElse(null);
        if (v instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                // not a whole number or out of range: fall through to the error
            }
        }
        throw error("the " + what + " (argument " + (i + 1) + ") must be a constant whole number, got " + arg(i));
    }

    /** Argument {@code i} as a constant whole number of 64 bits, or a {@link PlanException} naming {@code what} it is. */
    public long longArg(int i, String what) {
        Object v = constant(i).orElse(null);
        if (v instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                // not a whole number or out of range: fall through to the error
            }
        }
        throw error("the " + what + " (argument " + (i + 1) + ") must be a constant whole number, got " + arg(i));
    }

    /** Argument {@code i} as a constant string, or a {@link PlanException} naming {@code what} it is. */
    public String stringArg(int i, String what) {
        Object v = constant(i).orElse(null);
        if (v instanceof String s) {
            return s;
        }
        throw error("the " + what + " (argument " + (i + 1) + ") must be a constant string, got " + arg(i));
    }

    /** Argument {@code i} as a constant number, or a {@link PlanException}. */
    public double doubleArg(int i, String what) {
        Object v = constant(i).orElse(null);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error("the " + what + " (argument " + (i + 1) + ") must be a constant number, got " + arg(i));
    }

    /** Fails unless the call has between {@code min} and {@code max} arguments. */
    public void arity(int min, int max) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? min + " argument" + (min == 1 ? "" : "s")
                    : max == Integer.MAX_VALUE ? "at least " + min + " argument" + (min == 1 ? "" : "s")
                    : min + " to " + max + " arguments";
            throw error("takes " + expected + ", got " + args.size());
        }
    }

    /** A {@link PlanException} "Function 'name' at line:col: detail". */
    public PlanException error(String detail) {
        return new PlanException("Function '" + name + "'" + at(position) + " " + detail);
    }

    PlanException error(String detail, Throwable cause) {
        return new PlanException("Function '" + name + "'" + at(position) + " " + detail, cause);
    }
}
