package dev.floe.arrow.kernels.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.Values;
import dev.floe.arrow.kernels.Sorting;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RANGE frames over decimal order keys against the definition: the frame of a row with key v
 * holds the rows whose key x lies in [v + lo, v + hi] (ascending) or [v - hi, v - lo] (descending),
 * lo and hi the signed SQL offsets (negative = PRECEDING), compared exactly; a null key's frame is
 * its null peers. Offsets finer than the key's scale, keys at 38 digits and offsets past any key
 * distance included.
 */
class FrameBoundsDecimalTest {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        assertThat(allocator.getAllocatedMemory()).as("bytes leaked").isZero();
        allocator.close();
    }

    private static final List<String> SMALL = Arrays.asList("-3.70", "-1.37", "-1.37", "-1.36", "0.00", "0.01",
            "1.36", "1.37", "2.74", "2.75", "5.00", null, null);
    private static final String NINES = "99999999999999999999999999999999999999";
    private static final List<String> WIDE = Arrays.asList("-" + NINES, "-" + NINES, "-1", "0", "12345678901234567890",
            NINES, null);

    static Stream<Arguments> frames() {
        List<Arguments> out = new ArrayList<>();
        String[][] bounds = {{"-1.37", "1.37"}, {"-0.005", "0.005"}, {"-2.7", "0"}, {"0", "1.365"}, {"0.01", "2.74"},
                {"-5", "-1.37"}, {"-0.01", null}, {null, "0.5"}, {"-1", "-0.001"}};
        for (boolean desc : new boolean[] {false, true}) {
            for (String[] b : bounds) {
                out.add(Arguments.of(2, SMALL, desc, b[0], b[1]));
            }
            out.add(Arguments.of(0, WIDE, desc, "-1", "1"));
            out.add(Arguments.of(0, WIDE, desc, "-" + NINES, "0"));
            out.add(Arguments.of(0, WIDE, desc, "-1" + NINES, "1" + NINES));   // past every key distance
            out.add(Arguments.of(0, WIDE, desc, "0", "199999999999999999999999999999999999998"));
        }
        return out.stream();
    }

    /** lo/hi: signed offsets, "0" the current row's peers, null unbounded. */
    @ParameterizedTest(name = "scale {0}, descending {2}: RANGE BETWEEN {3} AND {4}")
    @MethodSource("frames")
    void framesHoldExactlyTheKeysWithinTheOffsets(int scale, List<String> keys, boolean desc, String lo, String hi) {
        List<BigDecimal> sorted = new ArrayList<>();
        for (String k : keys) {
            sorted.add(k == null ? null : new BigDecimal(k).setScale(scale));
        }
        Comparator<BigDecimal> order = desc ? Comparator.nullsFirst(Comparator.<BigDecimal>reverseOrder())
                : Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder());
        sorted.sort(order);
        int n = sorted.size();
        DataType type = DataType.decimal(38, scale);
        int[] start = new int[n];
        int[] end = new int[n];
        try (FieldVector key = Values.toVector("k", type, new ArrayList<>(sorted), allocator)) {
            int[] peerStart = FrameBounds.peerStarts(List.of(key), List.of(type), List.of(Sorting.Order.of(desc)), n);
            int[] peerEnd = FrameBounds.peerEnds(peerStart, n);
            FrameBounds.rangeDecimal(key, scale, desc, n, peerStart, peerEnd, kind(lo), shift(lo, desc), kind(hi),
                    shift(hi, desc), start, end);
        }
        int firstNull = sorted.indexOf(null);
        int nulls = (int) sorted.stream().filter(java.util.Objects::isNull).count();
        for (int i = 0; i < n; i++) {
            BigDecimal v = sorted.get(i);
            String what = "row " + i + " (key " + v + ") of " + sorted;
            if (v == null) {
                // a null key's frame: its null peers, or the partition's end where a bound is unbounded
                assertThat(new int[] {start[i], end[i]}).as("frame of " + what).containsExactly(
                        lo == null ? 0 : firstNull, hi == null ? n : firstNull + nulls);
                continue;
            }
            // rows in order: the lower condition turns true once, the upper one false once; unbounded = the partition's edge
            int valuedStart = desc ? nulls : 0;
            int valuedEnd = desc ? n : n - nulls;
            int first = lo == null ? 0 : valuedEnd;
            int last = hi == null ? n : valuedStart;
            for (int j = valuedEnd - 1; j >= valuedStart && lo != null; j--) {
                first = within(sorted.get(j).subtract(v), lo, null, desc) ? j : first;
            }
            for (int j = valuedStart; j < valuedEnd && hi != null; j++) {
                last = within(sorted.get(j).subtract(v), null, hi, desc) ? j + 1 : last;
            }
            if (first >= last) {
                assertThat(end[i]).as("empty frame of " + what).isEqualTo(start[i]);
            } else {
                assertThat(new int[] {start[i], end[i]}).as("frame of " + what).containsExactly(first, last);
            }
        }
    }

    /** d = x - v in SQL's terms: lo &le; d &le; hi ascending, -hi &le; d &le; -lo descending; null = unbounded. */
    private static boolean within(BigDecimal d, String lo, String hi, boolean desc) {
        BigDecimal dd = desc ? d.negate() : d;
        return (lo == null || dd.compareTo(new BigDecimal(lo)) >= 0) && (hi == null || dd.compareTo(new BigDecimal(hi)) <= 0);
    }

    private static int kind(String bound) {
        return bound == null ? FrameBounds.UNBOUNDED : new BigDecimal(bound).signum() == 0 ? FrameBounds.CURRENT
                : FrameBounds.OFFSET;
    }

    /** The shift toward larger keys, as WindowPartition passes it: a descending key's PRECEDING is larger. */
    private static BigDecimal shift(String bound, boolean desc) {
        if (bound == null || new BigDecimal(bound).signum() == 0) {
            return null;
        }
        BigDecimal b = new BigDecimal(bound);
        return desc ? b.negate() : b;
    }
}
