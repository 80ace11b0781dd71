package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.TimeUnit;

/**
 * Result types of date/timestamp {@code add}/{@code sub} with a duration or an interval:
 * <ul>
 *   <li>date or timestamp ± duration → timestamp in the finer of the two units (a date counts
 *       as midnight and gives a zone-less timestamp; a timestamp keeps its zone);</li>
 *   <li>date or timestamp ± interval → the same type (months, then days, then the time part, in
 *       local time; day-of-month clamped to the month's end);</li>
 *   <li>{@code duration + date/timestamp} and {@code interval + date/timestamp} as above.</li>
 * </ul>
 * <pre>{@code col("ship").add(lit(Period.ofDays(90)))  // date}</pre>
 */
public final class TemporalArithmetic {
    private TemporalArithmetic() {
    }

    /** The result type, or null when the operands are not a temporal ± duration/interval. */
    public static DataType resultType(BinaryOp op, DataType l, DataType r) {
        if (op != BinaryOp.ADD && op != BinaryOp.SUB) {
            return null;
        }
        if (l.isTemporal() && isDelta(r)) {
            return result(l, r);
        }
        if (op == BinaryOp.ADD && isDelta(l) && r.isTemporal()) {
            return result(r, l);
        }
        return null;
    }

    private static boolean isDelta(DataType t) {
        return t.kind() == Kind.DURATION || t.kind() == Kind.INTERVAL;
    }

    private static DataType result(DataType temporal, DataType delta) {
        if (delta.kind() == Kind.INTERVAL) {
            return temporal;
        }
        TimeUnit du = ((DataType.Duration) delta).unit();
        if (temporal.kind() == Kind.DATE) {
            return DataType.timestamp(du, null);
        }
        DataType.Timestamp ts = (DataType.Timestamp) temporal;
        TimeUnit unit = ts.unit().perSecond() >= du.perSecond() ? ts.unit() : du;
        return DataType.timestamp(unit, ts.zone());
    }
}
