package dev.floe.arrow.kernels.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.Values;
import dev.floe.arrow.kernels.Sorting;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Peer groups, frame bounds, ranks, ntile and values from other rows on small sorted partitions. */
class WindowValuesTest {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        assertThat(allocator.getAllocatedMemory()).as("bytes leaked").isZero();
        allocator.close();
    }

    private List<Object> longs(FieldVector v) {
        try (v) {
            return Batches.values(v, DataType.int64());
        }
    }

    private List<Object> doubles(FieldVector v) {
        try (v) {
            return Batches.values(v, DataType.float64());
        }
    }

    @Test
    void ranksTreatEqualKeysAndNullsAsPeers() {
        try (FieldVector k = Values.toVector("k", DataType.int64(), Arrays.asList(1L, 1L, 2L, 5L, 5L, 5L, null, null),
                allocator)) {
            int n = 8;
            int[] peers = FrameBounds.peerStarts(List.of(k), List.of(DataType.int64()), List.of(Sorting.Order.of(false)), n);
            int[] ends = FrameBounds.peerEnds(peers, n);
            assertThat(peers).containsExactly(0, 0, 2, 3, 3, 3, 6, 6);
            assertThat(ends).containsExactly(2, 2, 3, 6, 6, 6, 8, 8);
            assertThat(longs(WindowValues.rank(peers, 0, n, allocator))).containsExactly(1L, 1L, 3L, 4L, 4L, 4L, 7L, 7L);
            assertThat(longs(WindowValues.denseRank(peers, 0, n, allocator))).containsExactly(1L, 1L, 2L, 3L, 3L, 3L, 4L, 4L);
            assertThat(doubles(WindowValues.cumeDist(ends, n, allocator)))
                    .containsExactly(0.25, 0.25, 0.375, 0.75, 0.75, 0.75, 1.0, 1.0);
            assertThat(doubles(WindowValues.percentRank(peers, n, allocator)).get(3)).isEqualTo(3.0 / 7);
        }
    }

    @Test
    void ntileGivesTheFirstBucketsOneRowMore() {
        assertThat(longs(WindowValues.ntile(3, 10, allocator))).containsExactly(1L, 1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L);
        assertThat(longs(WindowValues.ntile(5, 2, allocator))).containsExactly(1L, 2L);
        assertThat(longs(WindowValues.ntile(1, 3, allocator))).containsExactly(1L, 1L, 1L);
    }

    @Test
    void lagLeadAndNthValueTakeOtherRowsOrDefaults() {
        try (FieldVector v = Values.toVector("v", DataType.string(), Arrays.asList("a", null, "c", "d"), allocator);
                FieldVector dflt = Values.toVector("d", DataType.string(), Arrays.asList("x", "y", "z", "w"), allocator)) {
            try (FieldVector lag = WindowValues.shifted(v, DataType.string(), -1, null, 4, allocator)) {
                assertThat(Batches.values(lag, DataType.string())).containsExactly(null, "a", null, "c");
            }
            try (FieldVector lead = WindowValues.shifted(v, DataType.string(), 2, dflt, 4, allocator)) {
                assertThat(Batches.values(lead, DataType.string())).containsExactly("c", "d", "z", "w");
            }
            int[] start = {0, 0, 1, 4};
            int[] end = {1, 3, 4, 4};
            try (FieldVector second = WindowValues.nthOfFrame(v, DataType.string(), start, end, 2, 4, allocator);
                    FieldVector last = WindowValues.nthOfFrame(v, DataType.string(), start, end, 0, 4, allocator)) {
                assertThat(Batches.values(second, DataType.string())).containsExactly(null, null, "c", null);
                assertThat(Batches.values(last, DataType.string())).containsExactly("a", "c", "d", null);
            }
        }
    }

    @Test
    void rowsAndRangeFramesStopAtPartitionEdgesAndNulls() {
        int[] start = new int[5];
        int[] end = new int[5];
        FrameBounds.rows(5, -1, 2, start, end);
        assertThat(start).containsExactly(0, 0, 1, 2, 3);
        assertThat(end).containsExactly(3, 4, 5, 5, 5);
        FrameBounds.rows(5, 2, 3, start, end);
        assertThat(start).containsExactly(2, 3, 4, 5, 5);
        assertThat(end).containsExactly(4, 5, 5, 5, 5);
        // keys 1, 2, 2, 6, null ascending: RANGE BETWEEN 1 PRECEDING AND 3 FOLLOWING
        try (FieldVector k = Values.toVector("k", DataType.int32(), Arrays.asList(1, 2, 2, 6, null), allocator)) {
            int[] peers = FrameBounds.peerStarts(List.of(k), List.of(DataType.int32()), List.of(Sorting.Order.of(false)), 5);
            int[] ends = FrameBounds.peerEnds(peers, 5);
            FrameBounds.rangeLong(k, DataType.int32(), false, 5, peers, ends, FrameBounds.OFFSET,
                    FrameBounds.Shift.plus(-1), FrameBounds.OFFSET, FrameBounds.Shift.plus(3), start, end);
            assertThat(start).containsExactly(0, 0, 0, 3, 4);
            assertThat(end).containsExactly(3, 3, 3, 4, 5);
        }
        try (FieldVector k = Values.toVector("k", DataType.float64(), Arrays.asList(9.0, 7.5, 7.0, 1.0), allocator)) {
            int[] s = new int[4];
            int[] e = new int[4];
            int[] peers = {0, 1, 2, 3};
            int[] ends = {1, 2, 3, 4};
            // descending: 1 PRECEDING (larger by up to 1) AND CURRENT ROW
            FrameBounds.rangeDouble(k, DataType.float64(), true, 4, peers, ends, FrameBounds.OFFSET, 1.0,
                    FrameBounds.CURRENT, 0, s, e);
            assertThat(s).containsExactly(0, 1, 1, 3);
            assertThat(e).containsExactly(1, 2, 3, 4);
        }
    }
}
