package dev.floe.api.expr;

/** Binary operators and their printed symbols. */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), FLOOR_DIV("//"),
    EQ("="), NEQ("!="), LT("<"), LE("<="), GT(">"), GE(">="), EQ_NULL_SAFE("<=>"),
    AND("AND"), OR("OR");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isArithmetic() {
        return ordinal() <= FLOOR_DIV.ordinal();
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= EQ_NULL_SAFE.ordinal();
    }

    public boolean isLogical() {
        return this == AND || this == OR;
    }

    /** The comparison with operands swapped ({@code a < b} == {@code b > a}). */
    public BinaryOp flip() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> this;
        };
    }

    /** Binding strength for printing without redundant parentheses. */
    int precedence() {
        return switch (this) {
            case OR -> 1;
            case AND -> 2;
            case EQ, NEQ, LT, LE, GT, GE, EQ_NULL_SAFE -> 4;
            case ADD, SUB -> 5;
            case MUL, DIV, MOD, FLOOR_DIV -> 6;
        };
    }
}
