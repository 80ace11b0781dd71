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

    /** True when the value of a row depends only on rows up to its last peer (ranking, running aggregates). */
    boolean streams() {
        if (op != null) {
            return op == WindowOp.ROW_NUMBER || op == WindowOp.RANK || op == WindowOp.DENSE_RANK;
        }
        return agg.function().decomposable() && frame.start().kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING
                && frame.end().kind() == WindowFrame.Kind.CURRENT_ROW;
    }
}
