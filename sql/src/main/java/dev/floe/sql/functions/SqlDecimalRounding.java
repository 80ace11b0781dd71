package dev.floe.sql.functions;

import dev.floe.api.PlanException;
import dev.floe.api.expr.FunctionCall;
import dev.floe.api.expr.ScalarFn;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.MathKernels;
import java.math.RoundingMode;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * SQL's floor, ceil and round of a decimal that rounds digits off, widened for the carry as DuckDB's
 * never fail ({@code floor(-9.59)} is -10): the result is {@link TypeRules#rounded}, one more integer
 * digit than the input. The DataFrame API's {@code floor}/{@code ceil}/{@code round} keep the input
 * type (API.md) and fail on a carry that does not fit; SQL calls this instead, which also covers
 * decimal(38, s), where no wider input cast exists. The parameter is the number of places (round only).
 */
enum SqlDecimalRounding implements ScalarFn {
    FLOOR("floor", RoundingMode.FLOOR), CEIL("ceil", RoundingMode.CEILING), ROUND("round", RoundingMode.HALF_UP);

    private final String fn;
    private final RoundingMode mode;

    SqlDecimalRounding(String fn, RoundingMode mode) {
        this.fn = fn;
        this.mode = mode;
    }

    @Override
    public String fn() {
        return fn;
    }

    private static int digits(List<Object> params) {
        return params.isEmpty() ? 0 : ((Number) params.get(0)).intValue();
    }

    @Override
    public Signature bind(List<DataType> args, List<Object> params, String what) {
        if (args.size() != 1 || !(args.get(0) instanceof DataType.Decimal)) {
            throw new PlanException(what + " needs one decimal argument, got " + args);
        }
        return new Signature(args, TypeRules.rounded(args.get(0), digits(params)));
    }

    @Override
    public FieldVector apply(FieldVector[] args, Signature s, FunctionCall call, int n, BufferAllocator allocator) {
        return MathKernels.roundDecimal(args[0], (DataType.Decimal) s.args().get(0), digits(call.params()), mode,
                (DataType.Decimal) s.result(), call.display(), allocator);
    }
}
