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
    SUM("sum", "a numeric or boolean column") {
        @Override
        DataType result(DataType in) {
            if (in.isInteger() || in.kind() == DataType.Kind.BOOL) {
                return DataType.int64();
            }
            if (in.isFloating()) {
                return DataType.float64();
            }
            return in instanceof DataType.Decimal d ? DataType.decimal(DataType.Decimal.MAX_PRECISION, d.scale()) : null;
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return in.isInteger() || in.kind() == DataType.Kind.BOOL ? new IntegerSumAccumulator(in)
                    : in.isFloating() ? new FloatSumAccumulator(in, false)
                    : new Int128SumAccumulator(in, false);
        }
    },
    MEAN("mean", "a numeric column") {
        @Override
        DataType result(DataType in) {
            return in.isNumeric() ? DataType.float64() : null;
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return in.isFloating() ? new FloatSumAccumulator(in, true) : new Int128SumAccumulator(in, true);
        }

        @Override
        public List<DataType> stateTypes(DataType in) {
            resultType(in);
            return in.isFloating() ? List.of(DataType.float64(), DataType.int64())
                    : List.of(DataType.decimal(DataType.Decimal.MAX_PRECISION,
                            in instanceof DataType.Decimal d ? d.scale() : 0), DataType.int64());
        }
    },
    MIN("min", "an orderable column (numbers, booleans, strings, binary, dates, timestamps, durations)") {
        @Override
        DataType result(DataType in) {
            return Physical.of(in) == Physical.OTHER ? null : in;
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return MinMaxAccumulator.of(in, false);
        }
    },
    MAX("max", MIN.expects) {
        @Override
        DataType result(DataType in) {
            return MIN.result(in);
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return MinMaxAccumulator.of(in, true);
        }
    },
    /** Non-null values of any type. */
    COUNT("count", "any column") {
        @Override
        DataType result(DataType in) {
            return DataType.int64();
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return new CountAccumulator(false);
        }
    },
    /** {@code count()}: every row; takes no input. */
    COUNT_ALL("count", "no input") {
        @Override
        DataType result(DataType in) {
            return DataType.int64();
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return new CountAccumulator(true);
        }
    },
    COUNT_DISTINCT("count_distinct", "a column that is not a list, struct or interval") {
        @Override
        DataType result(DataType in) {
            return Physical.of(in) == Physical.OTHER && in.kind() != DataType.Kind.NULL ? null : DataType.int64();
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return new CountDistinctAccumulator(in);
        }
    },
    ANY_VALUE("any_value", "any column") {
        @Override
        DataType result(DataType in) {
            return in;
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return new AnyValueAccumulator(in, allocator);
        }
    },
    AGG_LIST("agg_list", "any column") {
        @Override
        DataType result(DataType in) {
            return DataType.list(in);
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return new AggListAccumulator(in, allocator);
        }
    },
    STDDEV("stddev", MEAN.expects) {
        @Override
        DataType result(DataType in) {
            return MEAN.result(in);
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return new VarianceAccumulator(in, ddof, true);
        }

        @Override
        public List<DataType> stateTypes(DataType in) {
            return VARIANCE.stateTypes(in);
        }
    },
    VARIANCE("variance", MEAN.expects) {
        @Override
        DataType result(DataType in) {
            return MEAN.result(in);
        }

        @Override
        Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator) {
            return new VarianceAccumulator(in, ddof, false);
        }

        @Override
        public List<DataType> stateTypes(DataType in) {
            resultType(in);
            return List.of(DataType.int64(), DataType.float64(), DataType.float64());
        }
    };

    private final String sqlName;
    private final String expects;

    AggFunction(String sqlName, String expects) {
        this.sqlName = sqlName;
        this.expects = expects;
    }

    /** The result type over {@code in}, or null when this function is not defined for it. */
    abstract DataType result(DataType in);

    /** A new accumulator for an input type {@link #accepts} said yes to. */
    abstract Accumulator accumulator(DataType in, int ddof, BufferAllocator allocator);

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
        return !takesInput() || result(in) != null;
    }

    /** The result type over {@code in}; an {@link IllegalArgumentException} naming both when not {@link #accepts}. */
    public DataType resultType(DataType in) {
        if (!takesInput()) {
            return DataType.int64();
        }
        Objects.requireNonNull(in, "in");
        DataType r = result(in);
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
        return List.of(resultType(in));
    }

    /** A new accumulator over {@code in}; {@code ddof} only matters for STDDEV/VARIANCE (sample = 1). */
    public Accumulator create(DataType in, int ddof, BufferAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        resultType(in);
        if (ddof < 0) {
            throw new IllegalArgumentException("ddof must be >= 0, got " + ddof);
        }
        return accumulator(in, ddof, allocator);
    }
}
