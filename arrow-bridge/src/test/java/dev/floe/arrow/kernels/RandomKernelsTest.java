package dev.floe.arrow.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

/** The counter-based streams: a value depends on its position only, not on how batches are cut. */
class RandomKernelsTest {
    @Test
    void valuesDependOnThePositionNotOnTheBatchBoundaries() {
        try (BufferAllocator a = new RootAllocator();
                Float8Vector whole = RandomKernels.uniform(RandomKernels.streamKey(9, 2), 0, 100, a);
                Float8Vector head = RandomKernels.uniform(RandomKernels.streamKey(9, 2), 0, 37, a);
                Float8Vector tail = RandomKernels.uniform(RandomKernels.streamKey(9, 2), 37, 63, a);
                Float8Vector otherPartition = RandomKernels.uniform(RandomKernels.streamKey(9, 3), 0, 100, a)) {
            int equalToOtherPartition = 0;
            for (int i = 0; i < 100; i++) {
                assertThat(whole.isNull(i)).isFalse();
                assertThat(whole.get(i)).isGreaterThanOrEqualTo(0.0).isLessThan(1.0)
                        .isEqualTo(i < 37 ? head.get(i) : tail.get(i - 37));
                equalToOtherPartition += whole.get(i) == otherPartition.get(i) ? 1 : 0;
            }
            assertThat(equalToOtherPartition).isZero();
        }
    }

    @Test
    void idsPutThePartitionInTheUpperBitsAndRefuseToOverflowIntoTheNext() {
        try (BufferAllocator a = new RootAllocator(); BigIntVector ids = RandomKernels.monotonicIds(3, 10, 11, a)) {
            assertThat(ids.getValueCount()).isEqualTo(11);
            for (int i = 0; i < 11; i++) {
                assertThat(ids.get(i)).isEqualTo((3L << 33) + 10 + i);
            }
            assertThatThrownBy(() -> RandomKernels.monotonicIds(1, (1L << 33) - 5, 6, a))
                    .hasMessageContaining("more than 2^33 rows");
        }
    }
}
