package dev.floe.api.expr;

/** Unary operators and functions of one argument. */
public enum UnaryOp {
    NOT, NEG, IS_NULL, NOT_NULL, ABS, CEIL, FLOOR, SQRT, EXP, LOG, SIGN;

    /** Printed name, e.g. {@code abs}. */
    public String fn() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
