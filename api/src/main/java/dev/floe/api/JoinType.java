package dev.floe.api;

/**
 * How rows without a partner are treated in {@code join(...)}. SEMI and ANTI keep left columns
 * only and never duplicate left rows; ANTI keeps left rows with null keys (NOT EXISTS).
 */
public enum JoinType {
    INNER, LEFT, RIGHT, OUTER, SEMI, ANTI
}
