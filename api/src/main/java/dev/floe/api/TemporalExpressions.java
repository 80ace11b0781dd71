package dev.floe.api;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.TemporalFunction;
import dev.floe.api.expr.TemporalOp;
import java.io.Serializable;

/**
 * Date and timestamp functions of an expression, reached with {@link Expression#dt()}. Fields
 * are int32; a timestamp with a zone is read in that zone's local time, one without a zone as
 * wall-clock time. {@code hour}, {@code minute} and {@code second} need a timestamp.
 *
 * <pre>{@code df.groupBy(col("o_orderdate").dt().year().alias("o_year"))}</pre>
 */
public final class TemporalExpressions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Expr node;

    TemporalExpressions(Expr node) {
        this.node = node;
    }

    private Expression fn(TemporalOp op) {
        return new Expression(new TemporalFunction(op, node, null));
    }

    /** {@code col("d").dt().year()} */
    public Expression year() { return fn(TemporalOp.YEAR); }

    /** 1..12. {@code col("d").dt().month()} */
    public Expression month() { return fn(TemporalOp.MONTH); }

    /** Day of the month, 1..31. {@code col("d").dt().day()} */
    public Expression day() { return fn(TemporalOp.DAY); }

    /** 0..23. {@code col("ts").dt().hour()} */
    public Expression hour() { return fn(TemporalOp.HOUR); }

    /** 0..59. {@code col("ts").dt().minute()} */
    public Expression minute() { return fn(TemporalOp.MINUTE); }

    /** Whole seconds, 0..59. {@code col("ts").dt().second()} */
    public Expression second() { return fn(TemporalOp.SECOND); }

    /** Monday = 0 … Sunday = 6. {@code col("d").dt().dayOfWeek()} */
    public Expression dayOfWeek() { return fn(TemporalOp.DAY_OF_WEEK); }

    /** 1..366. {@code col("d").dt().dayOfYear()} */
    public Expression dayOfYear() { return fn(TemporalOp.DAY_OF_YEAR); }

    /** The calendar date (local in the timestamp's zone). {@code col("ts").dt().date()} */
    public Expression date() { return fn(TemporalOp.DATE); }

    /**
     * Rounds down to the start of a unit, keeping the type: year, quarter, month, week (Monday),
     * day, hour, minute, second, millisecond, microsecond. {@code col("ts").dt().truncate("month")}
     */
    public Expression truncate(String unit) {
        return new Expression(new TemporalFunction(TemporalOp.TRUNCATE, node, unit));
    }
}
