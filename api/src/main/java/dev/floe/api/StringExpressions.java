package dev.floe.api;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.StringFunction;
import dev.floe.api.expr.StringOp;
import java.io.Serializable;
import java.util.List;

/**
 * String functions of an expression, reached with {@link Expression#str()}. Lengths and
 * positions count characters (code points), not bytes; null in gives null out; every
 * function needs a string input and fails with a {@link PlanException} otherwise.
 *
 * <pre>{@code df.where(col("p_type").str().like("%BRASS"))}</pre>
 */
public final class StringExpressions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Expr node;

    StringExpressions(Expr node) {
        this.node = node;
    }

    private Expression fn(StringOp op, List<Expr> args, Object... params) {
        return new Expression(new StringFunction(op, node, args, List.of(params)));
    }

    /** Whether the string contains the substring (a String or a string Expression). {@code col("s").str().contains("ab")} */
    public Expression contains(Object substring) { return fn(StringOp.CONTAINS, List.of(Expression.toExpr(substring))); }

    /** {@code col("s").str().startsWith("PROMO")} */
    public Expression startsWith(Object prefix) { return fn(StringOp.STARTS_WITH, List.of(Expression.toExpr(prefix))); }

    /** {@code col("s").str().endsWith("BRASS")} */
    public Expression endsWith(Object suffix) { return fn(StringOp.ENDS_WITH, List.of(Expression.toExpr(suffix))); }

    /**
     * SQL LIKE, case-sensitive: {@code %} matches any characters, {@code _} exactly one; no escape
     * character. {@code col("p_type").str().like("%BRASS")}
     */
    public Expression like(String sqlPattern) { return fn(StringOp.LIKE, List.of(), sqlPattern); }

    /** Number of characters (code points) as int64. {@code col("s").str().length()} */
    public Expression length() { return fn(StringOp.LENGTH, List.of()); }

    /** Upper case with {@code Locale.ROOT}. {@code col("s").str().upper()} */
    public Expression upper() { return fn(StringOp.UPPER, List.of()); }

    /** Lower case with {@code Locale.ROOT}. {@code col("s").str().lower()} */
    public Expression lower() { return fn(StringOp.LOWER, List.of()); }

    /**
     * {@code length} characters from the 0-based character {@code start}; past the end gives "".
     * {@code col("c_phone").str().substr(0, 2)}
     */
    public Expression substr(int start, int length) {
        if (length < 0) {
            throw new PlanException("substr length must be >= 0, got " + length + " in substr(" + node.display() + ")");
        }
        return fn(StringOp.SUBSTR, List.of(), start, length);
    }

    /** The characters from the 0-based {@code start} to the end. {@code col("s").str().substr(3)} */
    public Expression substr(int start) { return fn(StringOp.SUBSTR, List.of(), start, -1); }

    /** Replaces every occurrence of a literal (not a regex); an empty {@code from} changes nothing. {@code col("s").str().replace("-", "")} */
    public Expression replace(String from, String to) { return fn(StringOp.REPLACE, List.of(), from, to); }

    /** Splits on a literal separator into list(string); "" splits into characters. {@code col("s").str().split(",")} */
    public Expression split(String separator) { return fn(StringOp.SPLIT, List.of(), separator); }

    /** Whether the Java regex is found anywhere in the string. {@code col("s").str().match("[0-9]{3}")} */
    public Expression match(String regex) { return fn(StringOp.MATCH, List.of(), regex); }

    /**
     * The group of the first match (0 = whole match); null when there is no match.
     * {@code col("email").str().extract("@(.+)$", 1)}
     */
    public Expression extract(String regex, int group) { return fn(StringOp.EXTRACT, List.of(), regex, group); }

    /** Removes white space (Unicode) at both ends. {@code col("s").str().strip()} */
    public Expression strip() { return fn(StringOp.STRIP, List.of()); }

    /** Removes white space at the start. {@code col("s").str().lstrip()} */
    public Expression lstrip() { return fn(StringOp.LSTRIP, List.of()); }

    /** Removes white space at the end. {@code col("s").str().rstrip()} */
    public Expression rstrip() { return fn(StringOp.RSTRIP, List.of()); }

    /** This string followed by another; null if either is null. {@code col("first").str().concat(col("last"))} */
    public Expression concat(Object other) { return fn(StringOp.CONCAT, List.of(Expression.toExpr(other))); }
}
