package dev.floe.api;

import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowFrame;
import dev.floe.api.expr.Expr;
import java.util.List;

/**
 * A window for {@link Expression#over}: how rows are partitioned, ordered within a partition, and
 * which rows around the current one a framed function sees. Immutable: every call returns a new
 * window.
 *
 * <pre>{@code
 * Window w = Window.partitionBy(col("dept")).orderBy(col("salary").desc())
 *         .rowsBetween(Window.UNBOUNDED_PRECEDING, Window.CURRENT_ROW);
 * df.withColumn("rank", rank().over(w))
 *   .withColumn("running", col("salary").sum().over(w));
 * }</pre>
 *
 * The static methods start a window; they return a {@link WindowSpec}, which has the same methods
 * as instance methods ({@code partitionBy}, {@code orderBy}, {@code rowsBetween},
 * {@code rangeBetween}). Java does not allow a static and an instance method with one signature in
 * one type, so a variable declared as {@code Window} offers only {@code rowsBetween} and
 * {@code rangeBetween}; declare it as {@code WindowSpec} to add keys later.
 *
 * <p>Default frame (none given): with {@code orderBy}, RANGE from UNBOUNDED PRECEDING to CURRENT
 * ROW, so rows with equal order keys (peers) share a value; without, the whole partition. Ranking
 * and offset functions ignore the frame. Without {@code partitionBy} the window sees all rows as
 * one partition and runs on one task.
 */
public sealed interface Window permits WindowSpec {
    /** {@code rowsBetween(UNBOUNDED_PRECEDING, ...)}: the partition's first row. */
    long UNBOUNDED_PRECEDING = Long.MIN_VALUE;
    /** {@code rowsBetween(..., UNBOUNDED_FOLLOWING)}: the partition's last row. */
    long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;
    /** The current row (with RANGE: the current row and its peers). */
    long CURRENT_ROW = 0;

    /** A window partitioned by the expressions. {@code Window.partitionBy(col("dept"))} */
    static WindowSpec partitionBy(Expression... keys) {
        return WindowSpec.EMPTY.partitionBy(keys);
    }

    /** A window partitioned by the columns. {@code Window.partitionBy("dept", "year")} */
    static WindowSpec partitionBy(String... columns) {
        return WindowSpec.EMPTY.partitionBy(columns);
    }

    /** An unpartitioned window: all rows form one partition. */
    static WindowSpec partitionBy() {
        return WindowSpec.EMPTY;
    }

    /** An unpartitioned, ordered window. {@code Window.orderBy(col("ts"))} */
    static WindowSpec orderBy(Expression... keys) {
        return WindowSpec.EMPTY.orderBy(keys);
    }

    /** An unpartitioned window ordered by the columns, ascending. */
    static WindowSpec orderBy(String... columns) {
        return WindowSpec.EMPTY.orderBy(columns);
    }

    /**
     * A ROWS frame: {@code lo} and {@code hi} count rows from the current one (negative = preceding,
     * {@link #CURRENT_ROW} = 0, positive = following, or the UNBOUNDED constants).
     * {@code rowsBetween(-2, 0)} is a moving frame of three rows.
     */
    WindowSpec rowsBetween(long lo, long hi);

    /**
     * A RANGE frame over the single order key's value: numbers for numeric keys, {@link
     * java.time.Period} for dates, {@link java.time.Duration} for timestamps (negative = preceding),
     * or the constants. {@code rangeBetween(-10, 10)} covers rows whose key is within 10 of the
     * current row's. Over integer and decimal keys a {@link java.math.BigDecimal} offset compares
     * exactly ({@code rangeBetween(new BigDecimal("-0.5"), 0)}); a double offset over a decimal key
     * means its shortest decimal form ({@code 0.1} is 0.1).
     */
    WindowSpec rangeBetween(Object lo, Object hi);

    /** The partition keys. */
    List<Expr> partitionKeys();

    /** The order keys. */
    List<SortKey> orderKeys();

    /** The frame, or null for the default. */
    WindowFrame frame();
}
