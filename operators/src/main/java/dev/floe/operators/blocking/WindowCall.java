package dev.floe.operators.blocking;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.WindowFrame;
import dev.floe.api.expr.WindowOp;
import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.agg.Accumulator;
import java.io.Serializable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One function of a {@link WindowSpec}: a window-only function ({@code op}) or an aggregation
 * ({@code agg}, whose accumulator the group-by uses too), the input columns it reads (-1 = none),
 * its parameter (ntile's n, lag/lead's offset, nth_value's n) and the frame it sees (the default
 * already resolved).
 */
public record WindowCall(WindowOp op, AggExpr agg, int input, int defaultColumn, long param, WindowFrame frame,
        DataType inputType, DataType outputType) implements Serializable {

    public WindowCall {
        if ((op == null) == (agg == null)) {
            throw new IllegalArgumentException("a window call is either a window function or an aggregation");
        }
    }

    /** A fresh accumulator of the aggregation. */
    Accumulator newAccumulator(BufferAllocator allocator) {
        return agg.function().create(inputType, agg.options(), allocator);
    }

    /**
     * True when a partition can stream through this function in pieces: its value of a row needs
     * at most a bounded number of rows before and after it, besides what a carry holds (counters,
     * the running state of a frame from UNBOUNDED PRECEDING).
     */
    boolean streams() {
        return lookBehind() >= 0 && lookAhead() >= 0;
    }

    /**
     * True when the value needs only the partition's size or its whole aggregate besides bounded
     * neighbours: percentRank, cumeDist, ntile, and decomposable aggregations over the whole
     * partition. Such a partition streams on a second pass, once a first pass counted it.
     */
    boolean sized() {
        if (op != null) {
            return op == WindowOp.PERCENT_RANK || op == WindowOp.CUME_DIST || op == WindowOp.NTILE;
        }
        return wholePartition() && agg.function().decomposable();
    }

    /** The frame is the whole partition (the default frame without ORDER BY, or UNBOUNDED to UNBOUNDED). */
    boolean wholePartition() {
        return frame.start().kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING
                && frame.end().kind() == WindowFrame.Kind.UNBOUNDED_FOLLOWING;
    }

    /** {@link #lookBehind()} once the partition's size is known: 0 for {@link #sized()} functions. */
    long lookBehind(boolean sizeKnown) {
        return sizeKnown && sized() ? 0 : lookBehind();
    }

    /** {@link #lookAhead()} once the partition's size is known: 0 for {@link #sized()} functions. */
    long lookAhead(boolean sizeKnown) {
        return sizeKnown && sized() ? 0 : lookAhead();
    }

    /** True when the frame starts at the partition's first row and the rows before a piece fold into a carried state. */
    boolean carried() {
        return agg != null && frame.start().kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING && !wholePartition();
    }

    /**
     * Rows before a row that its value reads and no carry holds: lag's offset, a ROWS frame's
     * {@code n PRECEDING}; -1 when unbounded (the partition's first row, or a RANGE offset).
     */
    long lookBehind() {
        if (op != null) {
            return switch (op) {
                case ROW_NUMBER, RANK, DENSE_RANK -> 0;
                case LAG -> Math.max(0, param);
                case LEAD -> Math.max(0, -param);
                case PERCENT_RANK, CUME_DIST, NTILE -> -1;
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> frame.unit() == WindowFrame.Unit.ROWS
                        && frame.start().kind() != WindowFrame.Kind.UNBOUNDED_PRECEDING ? Math.max(0, -frame.start().rows()) : -1;
            };
        }
        if (frame.unit() == WindowFrame.Unit.RANGE) {
            return runningRange() ? 0 : -1;
        }
        if (frame.start().kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING) {
            return agg.function().decomposable() ? 0 : -1;
        }
        return Math.max(0, -frame.start().rows());
    }

    /** Rows after a row that its value reads: lead's offset, a ROWS frame's {@code n FOLLOWING}; -1 when unbounded. */
    long lookAhead() {
        if (op != null) {
            return switch (op) {
                case ROW_NUMBER, RANK, DENSE_RANK -> 0;
                case LAG -> Math.max(0, -param);
                case LEAD -> Math.max(0, param);
                case PERCENT_RANK, CUME_DIST, NTILE -> -1;
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> frame.unit() == WindowFrame.Unit.ROWS
                        && frame.end().kind() != WindowFrame.Kind.UNBOUNDED_FOLLOWING ? Math.max(0, frame.end().rows()) : -1;
            };
        }
        if (frame.unit() == WindowFrame.Unit.RANGE) {
            return runningRange() ? 0 : -1;
        }
        return frame.end().kind() == WindowFrame.Kind.UNBOUNDED_FOLLOWING ? -1 : Math.max(0, frame.end().rows());
    }

    /** True when the value depends on peer groups (rows with equal order keys), so a piece must end at one's start. */
    boolean needsPeers() {
        if (op != null) {
            return switch (op) {
                case RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST -> true;
                case ROW_NUMBER, LAG, LEAD, NTILE -> false;
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> frame.unit() == WindowFrame.Unit.RANGE;
            };
        }
        return frame.unit() == WindowFrame.Unit.RANGE;
    }

    /** RANGE from UNBOUNDED PRECEDING to CURRENT ROW (the default frame of an ordered window) of a decomposable aggregation. */
    private boolean runningRange() {
        return agg.function().decomposable() && frame.start().kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING
                && frame.end().kind() == WindowFrame.Kind.CURRENT_ROW;
    }
}
