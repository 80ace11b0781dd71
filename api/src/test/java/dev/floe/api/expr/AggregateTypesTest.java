package dev.floe.api.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.kernels.agg.Accumulator;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema a plan promises for an aggregation is the type the kernel produces: for every
 * aggregate over every input type, either the plan rejects it with a PlanException naming the
 * expression, or the accumulator is created and its result vector has exactly the planned type.
 */
class AggregateTypesTest {
    private static final List<DataType> TYPES = List.of(DataType.bool(), DataType.int8(), DataType.int32(),
            DataType.int64(), DataType.uint64(), DataType.float32(), DataType.float64(), DataType.decimal(12, 2),
            DataType.string(), DataType.binary(), DataType.date(), DataType.timestamp(TimeUnit.MICROSECOND, null),
            DataType.duration(TimeUnit.SECOND), DataType.list(DataType.int32()), DataType.interval(),
            DataType.nullType());

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (AggFunction f : AggFunction.values()) {
            if (f == AggFunction.COUNT_ALL) {
                continue;
            }
            for (DataType t : TYPES) {
                out.add(Arguments.of(f, t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("cases")
    void planTypeIsKernelType(AggFunction f, DataType input) {
        Schema schema = Schema.of(Field.of("x", input));
        AggExpr agg = f.takesSecondInput()
                ? new AggExpr(f, new Column("x"), new Column("x"), dev.floe.arrow.kernels.agg.AggOptions.DEFAULT)
                : AggExpr.of(f, new Column("x"));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("agg-types")) {
            DataType planned;
            try {
                planned = agg.type(schema);
            } catch (PlanException e) {
                assertThat(e.getMessage()).contains("x").contains(input.toString());
                Throwable kernel = catchThrowable(() -> create(f, input, a).close());
                assertThat(kernel).as("the plan rejects %s, so must the kernel", agg.display()).isNotNull();
                return;
            }
            try (Accumulator acc = create(f, input, a);
                    FieldVector result = acc.finish(0, a.get())) {
                assertThat(DataType.fromArrow(result.getField())).as(agg.display()).isEqualTo(planned);
            }
        }
    }

    private static Accumulator create(AggFunction f, DataType input, LeakCheckingAllocator a) {
        return f.create(input, 1, a.get());
    }
}
