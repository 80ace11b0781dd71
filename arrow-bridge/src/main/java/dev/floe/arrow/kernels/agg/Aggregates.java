package dev.floe.arrow.kernels.agg;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Physical;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Creates accumulators and states their result and partial-state types.
 *
 * <pre>{@code
 * Accumulator mean = Aggregates.create(AggKind.MEAN, DataType.int32(), 0, allocator);
 * Aggregates.resultType(AggKind.SUM, DataType.decimal(15, 2));   // decimal(38, 2)
 * Aggregates.stateTypes(AggKind.VARIANCE, DataType.float64());   // [int64, float64, float64]
 * }</pre>
 *
 * Partial states: SUM = [result type]; COUNT, COUNT_ALL = [int64]; MEAN of floats = [float64 sum,
 * int64 count], of integers and decimal(p, s) = [decimal(38, s) exact sum (s = 0 for integers),
 * int64 count]; VARIANCE, STDDEV = [int64 count, float64 mean, float64 m2]; MIN, MAX, ANY_VALUE =
 * [input type]. Types an aggregate does not accept are an {@link IllegalArgumentException}
 * naming both (the planner checks types before, so this is a programming error).
 */
public final class Aggregates {
    private Aggregates() {
    }

    /** ddof only matters for STDDEV/VARIANCE (sample = 1). */
    public static Accumulator create(AggKind kind, DataType inputType, int ddof, BufferAllocator allocator) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(allocator, "allocator");
        if (kind != AggKind.COUNT_ALL) {
            Objects.requireNonNull(inputType, "inputType");
        }
        resultType(kind, inputType); // validates the input type
        return switch (kind) {
            case COUNT -> new CountAccumulator(false);
            case COUNT_ALL -> new CountAccumulator(true);
            case COUNT_DISTINCT -> new CountDistinctAccumulator(inputType);
            case SUM -> inputType.isInteger() ? new IntegerSumAccumulator(inputType)
                    : inputType.isFloating() ? new FloatSumAccumulator(inputType, false)
                    : new Int128SumAccumulator(inputType, false);
            case MEAN -> inputType.isFloating() ? new FloatSumAccumulator(inputType, true)
                    : new Int128SumAccumulator(inputType, true);
            case VARIANCE, STDDEV -> {
                if (ddof < 0) {
                    throw new IllegalArgumentException("ddof must be >= 0, got " + ddof);
                }
                yield new VarianceAccumulator(inputType, ddof, kind == AggKind.STDDEV);
            }
            case MIN, MAX -> MinMaxAccumulator.of(inputType, kind == AggKind.MAX);
            case ANY_VALUE -> new AnyValueAccumulator(inputType, allocator);
            case AGG_LIST -> new AggListAccumulator(inputType, allocator);
        };
    }

    public static DataType resultType(AggKind kind, DataType inputType) {
        return switch (kind) {
            case COUNT, COUNT_ALL, COUNT_DISTINCT -> DataType.int64();
            case SUM -> {
                if (inputType.isInteger()) {
                    yield DataType.int64();
                }
                if (inputType.isFloating()) {
                    yield DataType.float64();
                }
                if (inputType instanceof DataType.Decimal d) {
                    yield DataType.decimal(DataType.Decimal.MAX_PRECISION, d.scale());
                }
                throw unsupported(kind, inputType);
            }
            case MEAN, STDDEV, VARIANCE -> {
                if (!inputType.isNumeric()) {
                    throw unsupported(kind, inputType);
                }
                yield DataType.float64();
            }
            case MIN, MAX -> {
                if (Physical.of(inputType) == Physical.OTHER) {
                    throw unsupported(kind, inputType);
                }
                yield inputType;
            }
            case ANY_VALUE -> inputType;
            case AGG_LIST -> DataType.list(inputType);
        };
    }

    /** Types of the partial state columns (decomposable kinds only). */
    public static List<DataType> stateTypes(AggKind kind, DataType inputType) {
        if (!kind.decomposable()) {
            throw new IllegalArgumentException(kind + " has no partial state: it is not decomposable");
        }
        DataType result = resultType(kind, inputType);
        return switch (kind) {
            case MEAN -> inputType.isFloating()
                    ? List.of(DataType.float64(), DataType.int64())
                    : List.of(DataType.decimal(DataType.Decimal.MAX_PRECISION,
                            inputType instanceof DataType.Decimal d ? d.scale() : 0), DataType.int64());
            case VARIANCE, STDDEV -> List.of(DataType.int64(), DataType.float64(), DataType.float64());
            default -> List.of(result);
        };
    }

    private static IllegalArgumentException unsupported(AggKind kind, DataType inputType) {
        return new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT)
                + " is not defined for " + inputType);
    }
}
