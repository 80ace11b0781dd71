package dev.floe.api;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.FunctionCall;
import dev.floe.api.expr.StringFn;
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

    // ---- functions called through FunctionCall (StringFn) ----------------------------------------

    private Expression call(StringFn f, List<Expr> more, Object... params) {
        List<Expr> args = new java.util.ArrayList<>();
        args.add(node);
        args.addAll(more);
        return new Expression(new FunctionCall(f, args, List.of(params)));
    }

    /**
     * Every match of the Java regex replaced (Spark's {@code regexp_replace}; {@code $1} in the
     * replacement is group 1). {@code col("phone").str().regexpReplace("[^0-9]", "")}
     */
    public Expression regexpReplace(String regex, String replacement) {
        return call(StringFn.REGEXP_REPLACE, List.of(), regex, replacement);
    }

    /**
     * Splits into list(string) on a Java regex when {@code regex} is true (empty parts kept, as
     * Spark's {@code split}), on a literal otherwise (as {@link #split(String)}).
     * {@code col("s").str().split(",\s*", true)}
     */
    public Expression split(String pattern, boolean regex) {
        return regex ? call(StringFn.REGEXP_SPLIT, List.of(), pattern) : split(pattern);
    }

    /**
     * Left-pads with {@code pad} to {@code length} characters, or keeps the first {@code length}
     * characters of a longer string. {@code col("id").str().lpad(8, "0")}
     */
    public Expression lpad(int length, String pad) { return call(StringFn.LPAD, List.of(), length, pad); }

    /** Right-pads with {@code pad} to {@code length} characters, or cuts to that many. {@code col("s").str().rpad(10, ".")} */
    public Expression rpad(int length, String pad) { return call(StringFn.RPAD, List.of(), length, pad); }

    /** The first {@code n} characters. {@code col("s").str().left(3)} */
    public Expression left(int n) { return call(StringFn.LEFT, List.of(), nonNegative("left", n)); }

    /** The last {@code n} characters. {@code col("s").str().right(3)} */
    public Expression right(int n) { return call(StringFn.RIGHT, List.of(), nonNegative("right", n)); }

    private int nonNegative(String method, int n) {
        if (n < 0) {
            throw new PlanException(method + " needs a count >= 0, got " + n + " in " + method + "(" + node.display() + ")");
        }
        return n;
    }

    /** The characters (code points) in reverse order. {@code col("s").str().reverse()} */
    public Expression reverse() { return call(StringFn.REVERSE, List.of()); }

    /** The string repeated {@code n} times ({@code ""} for {@code n <= 0}). {@code col("s").str().repeat(3)} */
    public Expression repeat(int n) { return call(StringFn.REPEAT, List.of(), n); }

    /**
     * Each character of {@code from} replaced by the one at the same position of {@code to}, or
     * removed when {@code to} is shorter. {@code col("s").str().translate("-/", "_")}
     */
    public Expression translate(String from, String to) { return call(StringFn.TRANSLATE, List.of(), from, to); }

    /**
     * Words (separated by spaces) with their first letter in upper case and the rest in lower
     * case (Spark's {@code initcap}). {@code col("name").str().initcap()}
     */
    public Expression initcap() { return call(StringFn.INITCAP, List.of()); }

    /**
     * 1-based character position of the first occurrence of {@code substring}, 0 when absent (SQL
     * {@code instr}); int64. {@code col("email").str().instr("@")}
     */
    public Expression instr(Object substring) { return call(StringFn.INSTR, List.of(Expression.toExpr(substring))); }

    /** 0-based character position of the first occurrence, -1 when absent (Daft's {@code find}); int64. {@code col("s").str().find("x")} */
    public Expression find(Object substring) { return call(StringFn.FIND, List.of(Expression.toExpr(substring))); }

    /** Levenshtein edit distance in characters to another string, int64. {@code col("a").str().levenshtein(col("b"))} */
    public Expression levenshtein(Object other) { return call(StringFn.LEVENSHTEIN, List.of(Expression.toExpr(other))); }

    /**
     * Part {@code index} of the string split on a literal delimiter: 1-based, negative counts from
     * the end, "" when out of range. {@code col("path").str().splitPart("/", -1)}
     */
    public Expression splitPart(String delimiter, int index) { return call(StringFn.SPLIT_PART, List.of(), delimiter, index); }

    /** Case-insensitive {@link #like}. {@code col("name").str().ilike("%smith%")} */
    public Expression ilike(String sqlPattern) { return call(StringFn.ILIKE, List.of(), sqlPattern); }

    /**
     * Parses with a {@link java.time.format.DateTimeFormatter}-style pattern of numeric fields (y M
     * d H m s S and literals) into a date; a string that does not match gives null (Spark's
     * {@code to_date}). {@code col("s").str().toDate("dd/MM/yyyy")}
     */
    public Expression toDate(String pattern) { return datePattern(dev.floe.api.expr.DateFn.TO_DATE, pattern); }

    /** Parses into a zone-less timestamp(us) like {@link #toDate}. {@code col("s").str().toTimestamp("yyyy-MM-dd HH:mm:ss")} */
    public Expression toTimestamp(String pattern) { return datePattern(dev.floe.api.expr.DateFn.TO_TIMESTAMP, pattern); }

    private Expression datePattern(dev.floe.api.expr.DateFn f, String pattern) {
        return new Expression(new FunctionCall(f, List.of(node), java.util.Arrays.asList(pattern)));
    }

    /**
     * The value at a JSON path ({@code $.a.b}, {@code $['a']}, {@code $.items[0]}) of JSON text, as
     * a string: strings unquoted, numbers and booleans as written, objects and arrays as minified
     * JSON; null for JSON null, a missing path or malformed JSON (Spark's {@code get_json_object}).
     * {@code col("payload").str().jsonExtract("$.user.id")}
     */
    public Expression jsonExtract(String path) { return call(StringFn.JSON_EXTRACT, List.of(), path); }
}
