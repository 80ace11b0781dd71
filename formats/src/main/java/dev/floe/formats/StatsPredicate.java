package dev.floe.formats;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A predicate simple enough to check against column statistics (min, max, null count): the
 * part of a scan's filters that can prove a row group or a file holds no matching row. Values
 * are Java literals as the API takes them (Long, Integer, BigDecimal, Double, String, LocalDate,
 * LocalDateTime, Instant); {@link StatsPruning} compares them in the column's type.
 *
 * <pre>{@code StatsPredicate p = new StatsPredicate.Compare("d", StatsPredicate.Op.GE, LocalDate.of(2024, 1, 1));}</pre>
 */
public sealed interface StatsPredicate extends Serializable {

    /** Comparison operators, {@code column op value}. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** Text for plan lines. */
    String display();

    <R> R accept(Visitor<R> visitor);

    /** One method per predicate kind, no defaults: a new kind does not compile until every visitor handles it. */
    interface Visitor<R> {
        R compare(Compare p);

        R in(In p);

        R isNull(IsNull p);

        R notNull(NotNull p);

        R and(And p);

        R or(Or p);
    }

    /** {@code column op value}; a null value matches no row. */
    record Compare(String column, Op op, Object value) implements StatsPredicate {
        public Compare {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(op, "op");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.compare(this);
        }

        @Override
        public String display() {
            return column + " " + op.symbol() + " " + show(value);
        }
    }

    /** {@code column IN (values)}; nulls in the list never match. */
    record In(String column, List<Object> values) implements StatsPredicate {
        public In {
            Objects.requireNonNull(column, "column");
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.in(this);
        }

        @Override
        public String display() {
            return column + " IN (" + values.stream().map(StatsPredicate::show).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** {@code column IS NULL}. */
    record IsNull(String column) implements StatsPredicate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.isNull(this);
        }

        @Override
        public String display() {
            return column + " IS NULL";
        }
    }

    /** {@code column IS NOT NULL}. */
    record NotNull(String column) implements StatsPredicate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.notNull(this);
        }

        @Override
        public String display() {
            return column + " IS NOT NULL";
        }
    }

    /** Every child holds. */
    record And(List<StatsPredicate> children) implements StatsPredicate {
        public And {
            children = List.copyOf(children);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.and(this);
        }

        @Override
        public String display() {
            return children.stream().map(c -> c instanceof Or ? "(" + c.display() + ")" : c.display())
                    .collect(Collectors.joining(" AND "));
        }
    }

    /** At least one child holds. */
    record Or(List<StatsPredicate> children) implements StatsPredicate {
        public Or {
            children = List.copyOf(children);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.or(this);
        }

        @Override
        public String display() {
            return children.stream().map(c -> c instanceof And ? "(" + c.display() + ")" : c.display())
                    .collect(Collectors.joining(" OR "));
        }
    }

    private static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }
}
