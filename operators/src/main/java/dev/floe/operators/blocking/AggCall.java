package dev.floe.operators.blocking;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.io.Serializable;

/**
 * One aggregation as the physical plan runs it.
 *
 * @param inputColumn the column of the step's input it reads (raw values, or for FINAL the first
 *                    of its state columns); -1 for {@code count()}
 * @param inputType   the type of the raw values it aggregates
 */
public record AggCall(AggFunction function, int inputColumn, DataType inputType, int ddof) implements Serializable {

    public String describe() {
        return function.sqlName();
    }
}
