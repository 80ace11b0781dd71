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
 * [input type]; FIRST, LAST = [input type, bool seen]; BOOL_AND, BOOL_OR = [bool]; COUNT_IF =
 * [int64]; PRODUCT = [float64]; SKEW, KURTOSIS = [int64 count, float64 mean, m2, m3, m4];
 * COVARIANCE, CORRELATION = [int64 count, float64 mean x, mean y, co-moment, m2 x, m2 y];
 * APPROX_COUNT_DISTINCT, APPROX_PERCENTILE = [binary: the serialized DataSketches sketch, merged
 * by the final phase]. COUNT_DISTINCT, AGG_LIST, AGG_SET, STRING_AGG, MEDIAN and PERCENTILE are
 * not decomposable (the planner shuffles raw rows and aggregates once); the last five keep every
 * value of a group ({@link #keepsValues}). Parameters (ddof, fractions, separator, ignoreNulls)
 * travel in {@link AggOptions}.
 */
public enum AggFunction {
    /** Integers and booleans (the number of true values, as DuckDB) give int64, floats float64, decimal(p, s) decimal(38, s). */
    SUM("sum", "a numeric or boolean column", AggFunction::sumType, (in, o, a) ->
            in.isInteger() || in.kind() == DataType.Kind.BOOL ? new IntegerSumAccumulator(in)
                    : in.isFloating() ? new FloatSumAccumulator(in, false) : new Int128SumAccumulator(in, false)),
    MEAN("mean", "a numeric column", AggFunction::numericToFloat64, (in, o, a) ->
            in.isFloating() ? new FloatSumAccumulator(in, true) : new Int128SumAccumulator(in, true)),
    MIN("min", "an orderable column (numbers, booleans, strings, binary, dates, timestamps, durations)",
            AggFunction::orderable, (in, o, a) -> MinMaxAccumulator.of(in, false)),
    MAX("max", MIN.expects, AggFunction::orderable, (in, o, a) -> MinMaxAccumulator.of(in, true)),
    /** Non-null values of any type. */
    COUNT("count", "any column", in -> DataType.int64(), (in, o, a) -> new CountAccumulator(false)),
    /** {@code count()}: every row; takes no input. */
    COUNT_ALL("count", "no input", in -> DataType.int64(), (in, o, a) -> new CountAccumulator(true)),
    COUNT_DISTINCT("count_distinct", "a column that is not a list, struct or interval",
            AggFunction::hashable, (in, o, a) -> new CountDistinctAccumulator(in)),
    ANY_VALUE("any_value", "any column", in -> in, (in, o, a) -> new AnyValueAccumulator(in, a)),
    AGG_LIST("agg_list", "any column", DataType::list, (in, o, a) -> new AggListAccumulator(in, a)),
    STDDEV("stddev", MEAN.expects, AggFunction::numericToFloat64, (in, o, a) -> new VarianceAccumulator(in, o.ddof(), true)),
    VARIANCE("variance", MEAN.expects, AggFunction::numericToFloat64, (in, o, a) -> new VarianceAccumulator(in, o.ddof(), false)),
    /** The value of the first row the group sees (null if that row's is), or its first non-null value with ignoreNulls. */
    FIRST("first", "any column", in -> in, (in, o, a) -> new FirstLastAccumulator(in, false, o.ignoreNulls(), a)),
    /** The value of the last row the group sees, or its last non-null value with ignoreNulls. */
    LAST("last", "any column", in -> in, (in, o, a) -> new FirstLastAccumulator(in, true, o.ignoreNulls(), a)),
    /** Exact median, interpolated as DuckDB's quantile_cont(x, 0.5); float64. Keeps every value of a group. */
    MEDIAN("median", MEAN.expects, AggFunction::numericToFloat64, (in, o, a) -> new PercentileAccumulator(in, new double[] {0.5})),
    /** Exact percentiles with linear interpolation (DuckDB's quantile_cont): one fraction float64, several list(float64). */
    PERCENTILE("percentile", MEAN.expects, AggFunction::numericToFloat64,
            (in, o, a) -> new PercentileAccumulator(in, o.fractionArray())),
    /** Distinct non-null values estimated by an HLL sketch (Apache DataSketches, lgK 14); int64. */
    APPROX_COUNT_DISTINCT("approx_count_distinct", COUNT_DISTINCT.expects, AggFunction::hashable,
            (in, o, a) -> new HllAccumulator(in)),
    /** Percentiles estimated by a KLL sketch (Apache DataSketches, k 200): values seen in the group, float64 or list. */
    APPROX_PERCENTILE("approx_percentile", MEAN.expects, AggFunction::numericToFloat64,
            (in, o, a) -> new KllAccumulator(in, o.fractionArray())),
    /** True when every non-null value is true; null without one. */
    BOOL_AND("bool_and", "a boolean column", AggFunction::boolOnly, (in, o, a) -> new BoolAccumulator(true)),
    /** True when any non-null value is true; null without one. */
    BOOL_OR("bool_or", BOOL_AND.expects, AggFunction::boolOnly, (in, o, a) -> new BoolAccumulator(false)),
    /** The number of true values (0 for none); int64. */
    COUNT_IF("count_if", BOOL_AND.expects, in -> in.kind() == DataType.Kind.BOOL ? DataType.int64() : null,
            (in, o, a) -> new CountIfAccumulator()),
    /** The distinct non-null values as a list (order unspecified); a group without one gives an empty list. */
    AGG_SET("agg_set", COUNT_DISTINCT.expects, in -> hashable(in) == null ? null : DataType.list(in),
            (in, o, a) -> new AggSetAccumulator(in, a)),
    /** The non-null strings joined with the separator (order unspecified); null without one. */
    STRING_AGG("string_agg", "a string column", in -> in.kind() == DataType.Kind.STRING ? in : null,
            (in, o, a) -> new StringAggAccumulator(o.separator(), a)),
    /** Product of the non-null values as float64; null without one. */
    PRODUCT("product", MEAN.expects, AggFunction::numericToFloat64, (in, o, a) -> new ProductAccumulator(in)),
    /** Sample skewness, bias-corrected as DuckDB's skewness; float64, null below 3 values. */
    SKEW("skew", MEAN.expects, AggFunction::numericToFloat64, (in, o, a) -> new MomentsAccumulator(in, false)),
    /** Sample excess kurtosis, bias-corrected as DuckDB's kurtosis; float64, null below 4 values. */
    KURTOSIS("kurtosis", MEAN.expects, AggFunction::numericToFloat64, (in, o, a) -> new MomentsAccumulator(in, true)),
    /** Sample covariance of two numeric inputs over rows where both are non-null; float64. */
    COVARIANCE("covariance", "two numeric columns", AggFunction::numericToFloat64,
            (in, o, a) -> new CovarianceAccumulator(false)),
    /** Pearson correlation of two numeric inputs over rows where both are non-null; float64. */
    CORRELATION("correlation", COVARIANCE.expects, AggFunction::numericToFloat64,
            (in, o, a) -> new CovarianceAccumulator(true));

    /** The result type over an input type, or null when the function is not defined for it. */
    private interface TypeRule {
        DataType apply(DataType in);
    }

    /** Creates the accumulator over an accepted input type. */
    private interface Factory {
        Accumulator create(DataType in, AggOptions options, BufferAllocator allocator);
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

    private static DataType hashable(DataType in) {
        return Physical.of(in) == Physical.OTHER && in.kind() != DataType.Kind.NULL ? null : DataType.int64();
    }

    private static DataType boolOnly(DataType in) {
        return in.kind() == DataType.Kind.BOOL ? in : null;
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
        return switch (this) {
            case COUNT_DISTINCT, AGG_LIST, AGG_SET, STRING_AGG, MEDIAN, PERCENTILE -> false;
            default -> true;
        };
    }

    /**
     * True when the state keeps every value of a group (lists, strings, exact percentiles): new
     * groups spill by key like any aggregation's, but a group's own values must fit the operator's
     * memory, so the aggregate step fails with a clear error past it instead of exhausting it.
     */
    public boolean keepsValues() {
        return switch (this) {
            case AGG_LIST, AGG_SET, STRING_AGG, MEDIAN, PERCENTILE -> true;
            default -> false;
        };
    }

    /** True for functions of two inputs (covariance, correlation), both of the accepted types. */
    public boolean takesSecondInput() {
        return this == COVARIANCE || this == CORRELATION;
    }

    /** True when this function is defined over values of {@code in} ({@code count()} ignores its input type). */
    public boolean accepts(DataType in) {
        return !takesInput() || result.apply(in) != null;
    }

    /** The result type over {@code in} with default options; see {@link #resultType(DataType, AggOptions)}. */
    public DataType resultType(DataType in) {
        return resultType(in, AggOptions.DEFAULT);
    }

    /**
     * The result type over {@code in} (several percentile fractions give a list); an
     * {@link IllegalArgumentException} naming both when not {@link #accepts}.
     */
    public DataType resultType(DataType in, AggOptions options) {
        if (!takesInput()) {
            return DataType.int64();
        }
        Objects.requireNonNull(in, "in");
        DataType r = result.apply(in);
        if (r == null) {
            throw new IllegalArgumentException(sqlName + " needs " + expects + ", not " + in);
        }
        if ((this == PERCENTILE || this == APPROX_PERCENTILE) && options.fractions().size() > 1) {
            return DataType.list(r);
        }
        return r;
    }

    /** Types of the partial state columns with default options. */
    public List<DataType> stateTypes(DataType in) {
        return stateTypes(in, AggOptions.DEFAULT);
    }

    /** Types of the partial state columns (decomposable functions only). */
    public List<DataType> stateTypes(DataType in, AggOptions options) {
        if (!decomposable()) {
            throw new IllegalArgumentException(this + " has no partial state: it is not decomposable");
        }
        DataType r = resultType(in, options);
        DataType f = DataType.float64();
        return switch (this) {
            case MEAN -> in.isFloating() ? List.of(DataType.float64(), DataType.int64())
                    : List.of(DataType.decimal(DataType.Decimal.MAX_PRECISION,
                            in instanceof DataType.Decimal d ? d.scale() : 0), DataType.int64());
            case VARIANCE, STDDEV -> List.of(DataType.int64(), f, f);
            case FIRST, LAST -> List.of(in, DataType.bool());
            case APPROX_COUNT_DISTINCT, APPROX_PERCENTILE -> List.of(DataType.binary());
            case SKEW, KURTOSIS -> List.of(DataType.int64(), f, f, f, f);
            case COVARIANCE, CORRELATION -> List.of(DataType.int64(), f, f, f, f, f);
            default -> List.of(r);
        };
    }

    /** A new accumulator over {@code in}; {@code ddof} only matters for STDDEV/VARIANCE (sample = 1). */
    public Accumulator create(DataType in, int ddof, BufferAllocator allocator) {
        return create(in, AggOptions.ddof(ddof), allocator);
    }

    /** A new accumulator over {@code in} with the function's parameters. */
    public Accumulator create(DataType in, AggOptions options, BufferAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        resultType(in, options);
        return factory.create(in, options, allocator);
    }
}
