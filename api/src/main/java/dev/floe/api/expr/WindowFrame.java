package dev.floe.api.expr;

import dev.floe.api.PlanException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * The rows a framed window function sees around the current row, as in SQL: {@code ROWS} counts
 * rows, {@code RANGE} compares the (single) order key's value with the current row's. Offsets are
 * stored as the user gave them: {@code long} for ROWS; a number ({@code Long}, {@code Double} or
 * {@code BigDecimal}), {@link Duration} or {@link Period} for RANGE.
 *
 * <pre>{@code WindowFrame.rows(-2, 0)   // ROWS BETWEEN 2 PRECEDING AND CURRENT ROW}</pre>
 */
public record WindowFrame(Unit unit, Bound start, Bound end) implements Serializable {
    /** Long.MIN_VALUE, as {@code Window.UNBOUNDED_PRECEDING}. */
    public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;
    /** Long.MAX_VALUE, as {@code Window.UNBOUNDED_FOLLOWING}. */
    public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;

    public enum Unit { ROWS, RANGE }

    /** Where a frame edge lies. */
    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** One edge; {@code offset} is a non-negative magnitude for PRECEDING/FOLLOWING, else null. */
    public record Bound(Kind kind, Object offset) implements Serializable {
        public Bound {
            Objects.requireNonNull(kind, "kind");
        }

        String display() {
            return switch (kind) {
                case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
                case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
                case CURRENT_ROW -> "CURRENT ROW";
                case PRECEDING -> offset + " PRECEDING";
                case FOLLOWING -> offset + " FOLLOWING";
            };
        }

        /** The offset as a signed row count (ROWS frames): preceding negative. */
        public long rows() {
            return switch (kind) {
                case UNBOUNDED_PRECEDING -> UNBOUNDED_PRECEDING;
                case UNBOUNDED_FOLLOWING -> UNBOUNDED_FOLLOWING;
                case CURRENT_ROW -> 0;
                case PRECEDING -> -((Long) offset);
                case FOLLOWING -> (Long) offset;
            };
        }
    }

    public WindowFrame {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.kind() == Kind.UNBOUNDED_FOLLOWING) {
            throw new PlanException("A window frame cannot start at UNBOUNDED_FOLLOWING: " + display());
        }
        if (end.kind() == Kind.UNBOUNDED_PRECEDING) {
            throw new PlanException("A window frame cannot end at UNBOUNDED_PRECEDING: " + display());
        }
        if (start.kind().ordinal() > end.kind().ordinal()) {
            throw new PlanException("A window frame must not start after it ends: " + display());
        }
    }

    /** {@code rowsBetween(lo, hi)}: negative = preceding, 0 = current row, positive = following. */
    public static WindowFrame rows(long lo, long hi) {
        if (lo != UNBOUNDED_PRECEDING && hi != UNBOUNDED_FOLLOWING && lo > hi) {
            throw new PlanException("rowsBetween(" + lo + ", " + hi + "): the start must not be after the end");
        }
        return new WindowFrame(Unit.ROWS, rowsBound(lo), rowsBound(hi));
    }

    private static Bound rowsBound(long v) {
        if (v == UNBOUNDED_PRECEDING) {
            return new Bound(Kind.UNBOUNDED_PRECEDING, null);
        }
        if (v == UNBOUNDED_FOLLOWING) {
            return new Bound(Kind.UNBOUNDED_FOLLOWING, null);
        }
        return v == 0 ? new Bound(Kind.CURRENT_ROW, null)
                : v < 0 ? new Bound(Kind.PRECEDING, -v) : new Bound(Kind.FOLLOWING, v);
    }

    /** {@code rangeBetween(lo, hi)}: numbers (negative = preceding), Duration or Period, or the Window constants. */
    public static WindowFrame range(Object lo, Object hi) {
        return new WindowFrame(Unit.RANGE, rangeBound(lo), rangeBound(hi));
    }

    private static Bound rangeBound(Object v) {
        Objects.requireNonNull(v, "rangeBetween bound");
        if (v instanceof Long l && l == UNBOUNDED_PRECEDING) {
            return new Bound(Kind.UNBOUNDED_PRECEDING, null);
        }
        if (v instanceof Long l && l == UNBOUNDED_FOLLOWING) {
            return new Bound(Kind.UNBOUNDED_FOLLOWING, null);
        }
        if (v instanceof Duration d) {
            return d.isZero() ? new Bound(Kind.CURRENT_ROW, null)
                    : d.isNegative() ? new Bound(Kind.PRECEDING, d.negated()) : new Bound(Kind.FOLLOWING, d);
        }
        if (v instanceof Period p) {
            if (p.isZero()) {
                return new Bound(Kind.CURRENT_ROW, null);
            }
            boolean neg = p.toTotalMonths() < 0 || (p.toTotalMonths() == 0 && p.getDays() < 0);
            if (neg ? p.toTotalMonths() > 0 || p.getDays() > 0 : p.toTotalMonths() < 0 || p.getDays() < 0) {
                throw new PlanException("rangeBetween: a Period offset must not mix signs, got " + p);
            }
            return neg ? new Bound(Kind.PRECEDING, p.negated()) : new Bound(Kind.FOLLOWING, p);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            return l == 0 ? new Bound(Kind.CURRENT_ROW, null)
                    : l < 0 ? new Bound(Kind.PRECEDING, -l) : new Bound(Kind.FOLLOWING, l);
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.signum() == 0 ? new Bound(Kind.CURRENT_ROW, null)
                    : d.signum() < 0 ? new Bound(Kind.PRECEDING, d.negate()) : new Bound(Kind.FOLLOWING, d);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new PlanException("rangeBetween: offset " + d + " is not a finite number");
            }
            return d == 0 ? new Bound(Kind.CURRENT_ROW, null)
                    : d < 0 ? new Bound(Kind.PRECEDING, -d) : new Bound(Kind.FOLLOWING, d);
        }
        throw new PlanException("rangeBetween takes numbers, java.time.Duration, java.time.Period or the Window"
                + " constants, not " + v.getClass().getName() + " (" + v + ")");
    }

    /** True when either edge is an offset (RANGE needs exactly one numeric or temporal order key then). */
    public boolean hasOffsets() {
        return start.kind() == Kind.PRECEDING || start.kind() == Kind.FOLLOWING
                || end.kind() == Kind.PRECEDING || end.kind() == Kind.FOLLOWING;
    }

    public String display() {
        return unit + " BETWEEN " + start.display() + " AND " + end.display();
    }
}
