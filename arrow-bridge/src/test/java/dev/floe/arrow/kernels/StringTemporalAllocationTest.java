package dev.floe.arrow.kernels;

import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The common string paths (find, like, length, substr, strip, replace, split, concat, ASCII
 * upper) and the temporal kernels create no Java object per row: warmed, they allocate less
 * than one heap byte per row (Arrow buffers are off-heap).
 */
class StringTemporalAllocationTest {
    private static final int N = 65_536;
    private static final DataType TS = DataType.timestamp(TimeUnit.MICROSECOND, "Europe/Paris");

    private interface Kernel {
        FieldVector apply(VarCharVector s, FieldVector ts, BufferAllocator a);
    }

    private static Arguments k(String name, Kernel kernel) {
        return Arguments.of(name, kernel);
    }

    static Stream<Arguments> kernels() {
        Operand needle = Operand.scalar(DataType.string(), "b1");
        return Stream.of(
                k("contains", (s, t, a) -> StringKernels.find(StringKernels.Find.CONTAINS, s, needle, a)),
                k("like general", (s, t, a) -> LikeKernel.like(s, "%b_2%", a)),
                k("like prefix", (s, t, a) -> LikeKernel.like(s, "ab%", a)),
                k("length", (s, t, a) -> StringKernels.length(s, a)),
                k("substr", (s, t, a) -> StringKernels.substr(s, 1, 3, a)),
                k("strip", (s, t, a) -> StringKernels.strip(StringKernels.Side.BOTH, s, a)),
                k("upper ascii", (s, t, a) -> StringKernels.mapCase(StringKernels.Case.UPPER, s, a)),
                k("replace", (s, t, a) -> StringKernels.replace(s, "b", "xyz", a)),
                k("split", (s, t, a) -> StringKernels.split(s, "1", a)),
                k("concat", (s, t, a) -> StringKernels.concat(Operand.of(s, DataType.string()), needle, N, a)),
                k("day of year", (s, t, a) -> TemporalKernels.field(TemporalKernels.Field.DAY_OF_YEAR, t, TS, a)),
                k("hour", (s, t, a) -> TemporalKernels.field(TemporalKernels.Field.HOUR, t, TS, a)),
                k("truncate month", (s, t, a) -> TemporalKernels.truncate(TemporalKernels.Unit.MONTH, t, TS, a)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void lessThanOneHeapBytePerRow(String name, Kernel kernel) {
        List<Object> strings = new ArrayList<>(N);
        List<Object> times = new ArrayList<>(N);
        for (int r = 0; r < N; r++) {
            strings.add(r % 9 == 0 ? null : " ab" + (r % 1000) + " ");
            times.add(r % 9 == 0 ? null : java.time.Instant.parse("2021-01-01T00:00:00Z").plusSeconds(r * 600L));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("alloc-" + name);
                VarCharVector s = (VarCharVector) vec(a.get(), DataType.string(), strings);
                FieldVector t = vec(a.get(), TS, times)) {
            for (int warm = 0; warm < 20; warm++) {
                kernel.apply(s, t, a.get()).close();
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            int rounds = 10;
            for (int round = 0; round < rounds; round++) {
                kernel.apply(s, t, a.get()).close();
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat((double) allocated / (rounds * (double) N)).as("heap bytes per row of " + name).isLessThan(1.0);
        }
    }
}
