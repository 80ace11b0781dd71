package dev.floe.operators.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.runtime.StepMetrics;
import dev.floe.operators.testing.StepHarness;
import dev.floe.operators.testing.TestBatches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each step's CPU time is its thread's CPU time inside its own calls: a step that computes for
 * 40 ms per batch shows at least that much CPU, a step that sleeps 40 ms per batch shows the
 * sleep as wall time and (almost) no CPU, and neither is charged for the other's time.
 */
class StepCpuTimeTest {
    private static final Schema SCHEMA = Schema.of(Field.of("x", DataType.int64()));
    private static final long PER_BATCH = TimeUnit.MILLISECONDS.toNanos(40);
    private static final int BATCHES = 4;

    /** Passes batches on after computing (spin) or sleeping (nap) for {@link #PER_BATCH} each. */
    private record Busy(boolean spin) implements StepSpec {
        @Override
        public Schema inputSchema() {
            return SCHEMA;
        }

        @Override
        public Schema outputSchema() {
            return SCHEMA;
        }

        @Override
        public String describe() {
            return spin ? "Spin" : "Nap";
        }

        @Override
        public int managedMemoryWeight() {
            return 0;
        }

        @Override
        public boolean keepsColumns(List<String> columns) {
            return true;
        }

        @Override
        public Step create(StepContext context) {
            return new Step() {
                @Override
                public void push(RecordBatch input, Emitter out) {
                    if (spin) {
                        long until = StepMetrics.cpuNow() + PER_BATCH;
                        long x = 1;
                        while (StepMetrics.cpuNow() < until) {
                            for (int i = 0; i < 10_000; i++) {
                                x = x * 6364136223846793005L + 1442695040888963407L;
                            }
                        }
                        if (x == 42) {
                            throw new AssertionError("unlikely: keeps the loop from being removed");
                        }
                    } else {
                        try {
                            TimeUnit.NANOSECONDS.sleep(PER_BATCH);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    out.emit(input);
                }

                @Override
                public void finish(Emitter out) {
                }

                @Override
                public long memoryInUse() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void aComputingStepShowsCpuTimeAndASleepingStepShowsOnlyWallTime() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < BATCHES * 10; i++) {
            rows.add(List.of(i));
        }
        try (LeakCheckingAllocator leaks = new LeakCheckingAllocator("cpu-time");
                StepHarness h = StepHarness.steps(List.of(new Busy(true), new Busy(false))).open()) {
            TestBatches.pushAll(h, SCHEMA, rows, 10, leaks.get());
            assertThat(h.finish()).hasSize(rows.size());
            StepMetrics spin = h.metrics().get(0);
            StepMetrics nap = h.metrics().get(1);
            long total = BATCHES * PER_BATCH;
            assertThat(spin.cpuNanos()).as("CPU time of the computing step").isGreaterThanOrEqualTo(total)
                    .isLessThanOrEqualTo(spin.timeNanos() + TimeUnit.MILLISECONDS.toNanos(5));
            assertThat(nap.timeNanos()).as("wall time of the sleeping step").isGreaterThanOrEqualTo(total);
            assertThat(nap.cpuNanos()).as("CPU time of the sleeping step").isNotNegative().isLessThan(total / 4);
            assertThat(spin.figures().cpuNanos()).isEqualTo(spin.cpuNanos());
        }
    }
}
