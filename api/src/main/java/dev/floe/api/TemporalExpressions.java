package dev.floe.api;

import dev.floe.api.expr.DateFn;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.FunctionCall;
import dev.floe.api.expr.TemporalFunction;
import dev.floe.api.expr.TemporalOp;
import java.io.Serializable;
import java.util.List;

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

    /** 1..4. {@code col("d").dt().quarter()} */
    public Expression quarter() { return fn(TemporalOp.QUARTER); }

    /** ISO-8601 week of the year, 1..53 (Spark's {@code weekofyear}, DuckDB's {@code week}). {@code col("d").dt().weekOfYear()} */
    public Expression weekOfYear() { return fn(TemporalOp.WEEK_OF_YEAR); }

    // ---- functions called through FunctionCall (DateFn) -------------------------------------------

    private Expression call(DateFn f, List<Expr> more, Object... params) {
        List<Expr> args = new java.util.ArrayList<>();
        args.add(node);
        args.addAll(more);
        return new Expression(new FunctionCall(f, args, List.of(params)));
    }

    /**
     * The date plus a whole number of days (an int or an integer expression); a timestamp gives
     * its date first (Spark's {@code date_add}); result date. {@code col("d").dt().dateAdd(30)}
     */
    public Expression dateAdd(Object days) { return call(DateFn.DATE_ADD, List.of(Expression.toExpr(days))); }

    /** The date minus a whole number of days; result date. {@code col("d").dt().dateSub(7)} */
    public Expression dateSub(Object days) {
        return call(DateFn.DATE_ADD, List.of(new dev.floe.api.expr.Unary(dev.floe.api.expr.UnaryOp.NEG, Expression.toExpr(days))));
    }

    /** The last day of the month, as a date. {@code col("d").dt().lastDay()} */
    public Expression lastDay() { return call(DateFn.LAST_DAY, List.of()); }

    /**
     * Whole seconds since 1970-01-01T00:00Z as int64 (floor); a zone-less timestamp or a date is
     * read as UTC. {@code col("ts").dt().unixTimestamp()}
     */
    public Expression unixTimestamp() { return call(DateFn.UNIX_TIMESTAMP, List.of()); }

    /**
     * Formats with a {@link java.time.format.DateTimeFormatter}-style pattern (letters y M d D E H
     * h a m s S, English names, quoted text), in the value's local time; result string. Spark's
     * {@code date_format}. {@code col("ts").dt().dateFormat("yyyy-MM-dd HH:mm")}
     */
    public Expression dateFormat(String pattern) { return call(DateFn.DATE_FORMAT, List.of(), pattern); }

    /**
     * A zone-less timestamp read as UTC, shown as wall-clock time in {@code zone} (Spark's
     * {@code from_utc_timestamp}); result zone-less. {@code col("ts").dt().fromUtcTimestamp("Europe/Paris")}
     */
    public Expression fromUtcTimestamp(String zone) { return call(DateFn.FROM_UTC_TIMESTAMP, List.of(), zone); }

    /**
     * A zone-less timestamp read as wall-clock time in {@code zone}, converted to UTC (Spark's
     * {@code to_utc_timestamp}; in a DST overlap the earlier offset). {@code col("ts").dt().toUtcTimestamp("America/New_York")}
     */
    public Expression toUtcTimestamp(String zone) { return call(DateFn.TO_UTC_TIMESTAMP, List.of(), zone); }

    /**
     * The same instants as a timestamp with {@code zone} (fields then read in that zone); a
     * zone-less input is read as UTC (Daft's {@code convert_time_zone}). {@code col("ts").dt().convertTimeZone("Asia/Tokyo")}
     */
    public Expression convertTimeZone(String zone) { return call(DateFn.CONVERT_TIME_ZONE, List.of(), zone); }
}
