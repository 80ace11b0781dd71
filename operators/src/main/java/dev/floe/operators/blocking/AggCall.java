package dev.floe.operators.blocking;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.arrow.kernels.agg.AggOptions;
import java.io.Serializable;

/**
 * One aggregation as the physical plan runs it.
 *
 * @param inputColumn  the column of the step's input it reads (raw values, or for FINAL the first
 *                     of its state columns); -1 for {@code count()}
 * @param inputType    the type of the raw values it aggregates
 * @param options      the function's literal parameters (ddof, fractions, separator, ignoreNulls)
 * @param secondColumn the raw second input of covariance/correlation; -1 otherwise
 */
public record AggCall(AggFunction function, int inputColumn, DataType inputType, AggOptions options, int secondColumn)
        implements Serializable {

    public AggCall(AggFunction function, int inputColumn, DataType inputType, int ddof) {
        this(function, inputColumn, inputType, AggOptions.ddof(ddof), -1);
    }

    public int ddof() {
        return options.ddof();
    }

    public String describe() {
        return function.sqlName();
    }
}
