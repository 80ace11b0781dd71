package dev.floe.sql;

import dev.floe.api.DataFrame;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;

/** Positions and counts written as numbers: {@code ORDER BY 2}, {@code GROUP BY 1}, LIMIT and OFFSET. */
final class Ordinals {
    private Ordinals() {
    }

    /** The 0-based column a {@code GROUP BY}/{@code ORDER BY} number names, or null when it is no number. */
    static Integer of(net.sf.jsqlparser.expression.Expression e, int columns) {
        if (!(e instanceof LongValue v)) {
            return null;
        }
        long n = v.getValue();
        if (n < 1 || n > columns) {
            throw SqlErrors.invalid("position " + n + " is not in the select list, which has " + columns + " column"
                    + (columns == 1 ? "" : "s"), Position.of(e));
        }
        return (int) n - 1;
    }

    static DataFrame limit(DataFrame df, Limit limit, Offset offset) {
        if (offset != null) {
            df = df.offset(count(offset.getOffset(), "OFFSET"));
        }
        if (limit != null && limit.getRowCount() != null && !limit.isLimitAll() && !limit.isLimitNull()) {
            df = df.limit(count(limit.getRowCount(), "LIMIT"));
        }
        if (limit != null && limit.getOffset() != null) {
            throw SqlErrors.unsupported("LIMIT offset, count (write LIMIT count OFFSET offset)", Position.UNKNOWN);
        }
        return df;
    }

    private static long count(net.sf.jsqlparser.expression.Expression e, String clause) {
        if (e instanceof LongValue v && v.getValue() >= 0) {
            return v.getValue();
        }
        throw SqlErrors.invalid(clause + " takes a non-negative whole number, got " + e, Position.of(e));
    }
}
