package dev.floe.api.optimizer.rules;

import dev.floe.api.SerializableFunction;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Series;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;

/**
 * The run-time check of a scalar subquery whose plan does not show it yields at most one row: given
 * the row count of each group (one group per outer key), true everywhere, or a failure with the
 * subquery's text when a count exceeds one. Reads the counts as a primitive loop over the batch.
 */
final class AtMostOneRow implements SerializableFunction<Series[], Series> {
    private static final long serialVersionUID = 1L;

    private final String message;

    AtMostOneRow(String message) {
        this.message = message;
    }

    @Override
    public Series apply(Series[] args) {
        BigIntVector rows = (BigIntVector) args[0].toArrow();
        int n = rows.getValueCount();
        for (int i = 0; i < n; i++) {
            if (!rows.isNull(i) && rows.get(i) > 1) {
                throw new IllegalStateException(message + " (" + rows.get(i) + " rows)");
            }
        }
        BitVector out = new BitVector("at_most_one_row", rows.getAllocator());
        out.allocateNew(n);
        for (int i = 0; i < n; i++) {
            out.set(i, 1);
        }
        out.setValueCount(n);
        return Series.owning("at_most_one_row", DataType.bool(), out);
    }
}
