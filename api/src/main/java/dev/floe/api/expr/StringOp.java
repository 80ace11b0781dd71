package dev.floe.api.expr;

import dev.floe.api.types.DataType;

/**
 * The string functions of {@link StringFunction}: how many expression arguments and literal
 * parameters each takes, and its result type.
 */
public enum StringOp {
    CONTAINS("contains", 1, 0), STARTS_WITH("starts_with", 1, 0), ENDS_WITH("ends_with", 1, 0),
    LIKE("like", 0, 1), LENGTH("length", 0, 0), UPPER("upper", 0, 0), LOWER("lower", 0, 0),
    SUBSTR("substr", 0, 2), REPLACE("replace", 0, 2), SPLIT("split", 0, 1), MATCH("match", 0, 1),
    EXTRACT("extract", 0, 2), STRIP("strip", 0, 0), LSTRIP("lstrip", 0, 0), RSTRIP("rstrip", 0, 0),
    CONCAT("concat", 1, 0);

    private final String fn;
    private final int args;
    private final int params;

    StringOp(String fn, int args, int params) {
        this.fn = fn;
        this.args = args;
        this.params = params;
    }

    /** Printed name, e.g. {@code starts_with}. */
    public String fn() {
        return fn;
    }

    /** Number of expression arguments besides the string itself. */
    public int args() {
        return args;
    }

    /** Number of literal parameters (patterns, positions). */
    public int params() {
        return params;
    }

    public DataType resultType() {
        return switch (this) {
            case CONTAINS, STARTS_WITH, ENDS_WITH, LIKE, MATCH -> DataType.bool();
            case LENGTH -> DataType.int64();
            case SPLIT -> DataType.list(DataType.string());
            default -> DataType.string();
        };
    }
}
