package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Physical;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The aggregate functions, one constant each, and the one place that states for each its printed
 * name, whether it takes an input, which input types it accepts and what it returns, its partial
 * state and the accumulator that computes it. The plan's schema ({@code AggExpr.type}) and the
 * kernels read the same rule, so a plan that type-checks runs.
 *
 * <pre>{@code
 * AggFunction.SUM.resultType(DataType.decimal(15, 2));         // decimal(38, 2)
 * AggFunction.SUM.resultType(DataType.bool());                 // int64: the number of true values
 * AggFunction.VARIANCE.stateTypes(DataType.float64());         // [int64, float64, float64]
 * try (Accumulator mean = AggFunction.MEAN.create(DataType.int32(), 1, allocator)) { ... }
 * }</pre>
 *
 * Partial states: SUM = [result type]; COUNT, COUNT_ALL = [int64]; MEAN of floats = [float64 sum,
 * int64 count], of integers and decimal(p, s) = [decimal(38, s) exact sum (s = 0 for integers),
 * int64 count]; VARIANCE, STDDEV = [int64 count, float64 mean, float64 m2]; MIN, MAX, ANY_VALUE =
 * [input type]. COUNT_DISTINCT and AGG_LIST are not decomposable (the planner shuffles raw rows
 * and aggregates once).
 */
public enum AggFunction {
    /** Integers and booleans (the number of true values, as DuckDB) give int64, floats float64, decimal(p, s) decimal(38, s). */
    SUM("sum", "a numeric or boolean column", AggFunction::sumType, (in, ddof, a) ->
            in.isInteger() || in.kind() == DataType.Kind.BOOL ? new IntegerSumAccumulator(in)
                    : in.isFloating() ? new FloatSumAccumulator(in, false) : new Int128SumAccumulator(in, false)),
    MEAN("mean", "a numeric column", AggFunction::numericToFloat64, (in, ddof, a) ->
            in.isFloating() ? new FloatSumAccumulator(in, true) : new Int128SumAccumulator(in, true)),
    MIN("min", "an orderable column (numbers, booleans, strings, binary, dates, timestamps, durations)",
            AggFunction::orderable, (in, ddof, a) -> MinMaxAccumulator.of(in, false)),
    MAX("max", MIN.expects, AggFunction::orderable, (in, ddof, a) -> MinMaxAccumulator.of(in, true)),
    /** Non-null values of any type. */
    COUNT("count", "any column", in -> DataType.int64(), (in, ddof, a) -> new CountAccumulator(false)),
    /** {@code count()}: every row; takes no input. */
    COUNT_ALL("count", "no input", in -> DataType.int64(), (in, ddof, a) -> new CountAccumulator(true)),
    COUNT_DISTINCT("count_distinct", "a column that is not a list, struct or interval",
            in -> Physical.of(in) == Physical.OTHER && in.kind() != DataType.Kind.NULL ? null : DataType.int64(),
            (in, ddof, a) -> new CountDistinctAccumulator(in)),
    ANY_VALUE("any_value", "any column", in -> in, (in, ddof, a) -> new AnyValueAccumulator(in, a)),
    AGG_LIST("agg_list", "any column", DataType::list, (in, ddof, a) -> new AggListAccumulator(in, a)),
    STDDEV("stddev", MEAN.expects, AggFunction::numericToFloat64, (in, ddof, a) -> new VarianceAccumulator(in, ddof, true)),
    VARIANCE("variance", MEAN.expects, AggFunction::numericToFloat64, (in, ddof, a) -> new VarianceAccumulator(in, ddof, false));

    /** The result type over an input type, or null when the function is not defined for it. */
    private interface TypeRule {
        DataType apply(DataType in);
    }

    /** Creates the accumulator over an accepted input type. */
    private interface Factory {
        Accumulator create(DataType in, int ddof, BufferAllocator allocator);
    }

    private final String sqlName;
    private final String expects;
    private final TypeRule result;
    private final Factory factory;

    AggFunction(String sqlName, String expects, TypeRule result, Factory factory) {
        this.sqlName = sqlName;
        this.expects = expects;
        this.result = result;
        this.factory = factory;
    }

    private static DataType sumType(DataType in) {
        if (in.isInteger() || in.kind() == DataType.Kind.BOOL) {
            return DataType.int64();
        }
        if (in.isFloating()) {
            return DataType.float64();
        }
        return in instanceof DataType.Decimal d ? DataType.decimal(DataType.Decimal.MAX_PRECISION, d.scale()) : null;
    }

    private static DataType numericToFloat64(DataType in) {
        return in.isNumeric() ? DataType.float64() : null;
    }

    private static DataType orderable(DataType in) {
        return Physical.of(in) == Physical.OTHER ? null : in;
    }

    /** Printed name, e.g. {@code count_distinct}. */
    public String sqlName() {
        return sqlName;
    }

    /** What the input must be, for error messages: "a numeric column". */
    public String expects() {
        return expects;
    }

    /** False only for {@code count()}, which counts rows and reads no column. */
    public boolean takesInput() {
        return this != COUNT_ALL;
    }

    /** Partial results merge (two-phase aggregation); otherwise raw rows are shuffled and aggregated once. */
    public boolean decomposable() {
        return this != COUNT_DISTINCT && this != AGG_LIST;
    }

    /** True when this function is defined over values of {@code in} ({@code count()} ignores its input type). */
    public boolean accepts(DataType in) {
        return !takesInput() || result.apply(in) != null;
    }

    /** The result type over {@code in}; an {@link IllegalArgumentException} naming both when not {@link #accepts}. */
    public DataType resultType(DataType in) {
        if (!takesInput()) {
            return DataType.int64();
        }
        Objects.requireNonNull(in, "in");
        DataType r = result.apply(in);
        if (r == null) {
            throw new IllegalArgumentException(sqlName + " needs " + expects + ", not " + in);
        }
        return r;
    }

    /** Types of the partial state columns (decomposable functions only). */
    public List<DataType> stateTypes(DataType in) {
        if (!decomposable()) {
            throw new IllegalArgumentException(this + " has no partial state: it is not decomposable");
        }
        DataType r = resultType(in);
        return switch (this) {
            case MEAN -> in.isFloating() ? List.of(DataType.float64(), DataType.int64())
                    : List.of(DataType.decimal(DataType.Decimal.MAX_PRECISION,
                            in instanceof DataType.Decimal d ? d.scale() : 0), DataType.int64());
            case VARIANCE, STDDEV -> List.of(DataType.int64(), DataType.float64(), DataType.float64());
            default -> List.of(r);
        };
    }

    /** A new accumulator over {@code in}; {@code ddof} only matters for STDDEV/VARIANCE (sample = 1). */
    public Accumulator create(DataType in, int ddof, BufferAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        resultType(in);
        if (ddof < 0) {
            throw new IllegalArgumentException("ddof must be >= 0, got " + ddof);
        }
        return factory.create(in, ddof, allocator);
    }
}
