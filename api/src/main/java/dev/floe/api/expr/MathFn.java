package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.kernels.MathFunctionKernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Math functions called through {@link FunctionCall}, each defined once: printed name, type rule
 * and kernel. Float functions take any numeric argument as float64 and return float64 (NaN where
 * undefined: log of a negative, asin(2)). Built by {@link dev.floe.api.Expression} and
 * {@link dev.floe.api.Functions}.
 */
public enum MathFn implements ScalarFn {
    LOG10("log10", Math::log10), LOG2("log2", x -> Math.log(x) / Math.log(2)), LN("ln", Math::log),
    SIN("sin", Math::sin), COS("cos", Math::cos), TAN("tan", Math::tan), ASIN("asin", Math::asin),
    ACOS("acos", Math::acos), ATAN("atan", Math::atan), SINH("sinh", Math::sinh), COSH("cosh", Math::cosh),
    TANH("tanh", Math::tanh), DEGREES("degrees", Math::toDegrees), RADIANS("radians", Math::toRadians),
    CBRT("cbrt", Math::cbrt),
    POW("pow", null), ATAN2("atan2", null),
    GREATEST("greatest", null), LEAST("least", null), CLIP("clip", null), PMOD("pmod", null),
    IS_NAN("is_nan", null), FILL_NAN("fill_nan", null);

    private final String fn;
    private final DoubleUnaryOperator unary;

    MathFn(String fn, DoubleUnaryOperator unary) {
        this.fn = fn;
        this.unary = unary;
    }

    @Override
    public String fn() {
        return fn;
    }

    private static void requireNumeric(List<DataType> in, String what) {
        for (int i = 0; i < in.size(); i++) {
            DataType t = in.get(i);
            if (!t.isNumeric() && t.kind() != Kind.NULL) {
                throw new PlanException(what + " needs numbers but argument " + (i + 1) + " is " + t
                        + "; cast it with .cast(DataType.float64()) first");
            }
        }
    }

    private void arity(List<DataType> in, int count, String what) {
        if (count >= 0 ? in.size() != count : in.isEmpty()) {
            throw new PlanException(what + ": " + fn + " takes " + (count < 0 ? "at least one" : String.valueOf(count))
                    + " argument(s), got " + in.size());
        }
    }

    /** The type every argument converts to: numbers to their supertype, temporals to the timestamp, else equal types. */
    static DataType common(List<DataType> in, String what) {
        DataType out = DataType.nullType();
        for (DataType t : in) {
            if (t.kind() == Kind.NULL || t.equals(out)) {
                continue;
            }
            if (out.kind() == Kind.NULL) {
                out = t;
            } else if (out.isNumeric() && t.isNumeric()) {
                out = TypeRules.numericSupertype(out, t);
            } else if (out.isTemporal() && t.isTemporal()) {
                out = out.kind() == Kind.TIMESTAMP ? out : t;
            } else {
                throw new PlanException("Incompatible types " + out + " and " + t + " in " + what
                        + "; cast the arguments to one type first");
            }
        }
        switch (out.kind()) {
            case LIST, STRUCT, MAP, INTERVAL -> throw new PlanException(what + " needs values with an order but they are " + out);
            default -> {
            }
        }
        return out;
    }

    private static Signature all(List<DataType> in, DataType arg, DataType result) {
        return new Signature(new ArrayList<>(Collections.nCopies(in.size(), arg)), result);
    }

    @Override
    public Signature bind(List<DataType> in, List<Object> params, String what) {
        if (unary != null) {
            arity(in, 1, what);
            requireNumeric(in, what);
            return all(in, DataType.float64(), DataType.float64());
        }
        return switch (this) {
            case POW, ATAN2 -> {
                arity(in, 2, what);
                requireNumeric(in, what);
                yield all(in, DataType.float64(), DataType.float64());
            }
            case GREATEST, LEAST -> {
                arity(in, -1, what);
                DataType t = common(in, what);
                yield all(in, t, t);
            }
            case CLIP -> {
                arity(in, 3, what);
                DataType t = common(in, what);
                yield all(in, t, t);
            }
            case PMOD -> {
                arity(in, 2, what);
                requireNumeric(in, what);
                boolean integers = in.stream().allMatch(t -> t.isInteger() || t.kind() == Kind.NULL);
                DataType t = integers ? DataType.int64() : DataType.float64();
                yield all(in, t, t);
            }
            case IS_NAN -> {
                arity(in, 1, what);
                requireNumeric(in, what);
                yield all(in, DataType.float64(), DataType.bool());
            }
            case FILL_NAN -> {
                arity(in, 2, what);
                requireNumeric(in, what);
                yield all(in, DataType.float64(), DataType.float64());
            }
            default -> throw new IllegalStateException(fn);
        };
    }

    @Override
    public FieldVector apply(FieldVector[] v, Signature s, FunctionCall call, int n, BufferAllocator a) {
        if (unary != null) {
            return MathFunctionKernels.map((Float8Vector) v[0], unary, a);
        }
        return switch (this) {
            case POW -> MathFunctionKernels.map2((Float8Vector) v[0], (Float8Vector) v[1], Math::pow, a);
            case ATAN2 -> MathFunctionKernels.map2((Float8Vector) v[0], (Float8Vector) v[1], Math::atan2, a);
            case GREATEST -> MathFunctionKernels.extreme(true, v, s.result(), n, a);
            case LEAST -> MathFunctionKernels.extreme(false, v, s.result(), n, a);
            case CLIP -> MathFunctionKernels.clip(v[0], v[1], v[2], s.result(), a);
            case PMOD -> s.result().kind() == Kind.INT64
                    ? MathFunctionKernels.pmod((BigIntVector) v[0], (BigIntVector) v[1], a)
                    : MathFunctionKernels.pmod((Float8Vector) v[0], (Float8Vector) v[1], a);
            case IS_NAN -> MathFunctionKernels.isNan((Float8Vector) v[0], a);
            case FILL_NAN -> MathFunctionKernels.fillNan((Float8Vector) v[0], (Float8Vector) v[1], a);
            default -> throw new IllegalStateException(fn);
        };
    }
}
