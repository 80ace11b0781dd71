package dev.floe.arrow.kernels.window;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Selection;
import dev.floe.arrow.kernels.agg.Accumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * An aggregate function over each row's frame {@code [start[i], end[i])} of one partition, through
 * the function's own {@link Accumulator} (so every aggregate the group-by knows works here):
 * <ul>
 * <li>one frame for all rows (the whole partition): one update, one value taken n times;</li>
 * <li>decomposable functions: a segment tree of partial states (level 0 = one state per row,
 * level k+1 merges pairs of level k); each frame is the O(log n) nodes that cover it, merged into
 * the row's group in the order of their positions, so order-sensitive states (first, last) see
 * their rows in order. O(n log n) in all, for any frame, sliding min/max included;</li>
 * <li>other functions (count distinct, lists, exact percentiles): each frame's rows are fed to the
 * row's group, O(sum of frame sizes).</li>
 * </ul>
 * Groups whose frame is empty get the accumulator's empty value (null; 0 for counts).
 */
public final class FrameAggregates {
    /** Rows whose covering nodes are collected at a time (bounds the index arrays). */
    private static final int CHUNK = 4096;
    /** Input rows gathered per update call for non-decomposable functions. */
    private static final int GATHER = 65_536;

    private FrameAggregates() {
    }

    /**
     * The function's value over each row's frame, as a new vector of n values of {@code outType}.
     * {@code input} is null for {@code count()}; {@code newAccumulator} makes fresh accumulators.
     */
    public static FieldVector evaluate(Supplier<Accumulator> newAccumulator, boolean decomposable, FieldVector input,
            DataType inType, DataType outType, int[] start, int[] end, int n, BufferAllocator allocator) {
        return evaluate(newAccumulator, decomposable, input, inType, outType, start, end, n, null, allocator);
    }

    /**
     * As above, with {@code carry}: the one-row partial state of rows that came before these n
     * (a partition streamed in pieces), merged first into every row's value; decomposable only.
     */
    public static FieldVector evaluate(Supplier<Accumulator> newAccumulator, boolean decomposable, FieldVector input,
            DataType inType, DataType outType, int[] start, int[] end, int n, List<FieldVector> carry,
            BufferAllocator allocator) {
        if (carry == null && wholePartition(start, end, n)) {
            int[] zeros = new int[n];
            try (Accumulator acc = newAccumulator.get()) {
                acc.update(input, zeros, n, 1);
                try (FieldVector one = acc.finish(1, allocator)) {
                    return Selection.take(one, outType, zeros, allocator);
                }
            }
        }
        if (carry != null && !decomposable) {
            throw new IllegalArgumentException("only decomposable aggregations carry a state across pieces");
        }
        return decomposable ? segmentTree(newAccumulator, input, start, end, n, carry, allocator)
                : gathered(newAccumulator, input, inType, start, end, n, allocator);
    }

    private static boolean wholePartition(int[] start, int[] end, int n) {
        for (int i = 0; i < n; i++) {
            if (start[i] != 0 || end[i] != n) {
                return false;
            }
        }
        return n > 0;
    }

    private static FieldVector segmentTree(Supplier<Accumulator> newAccumulator, FieldVector input, int[] start,
            int[] end, int n, List<FieldVector> carry, BufferAllocator allocator) {
        List<List<FieldVector>> levels = new ArrayList<>();
        try (Accumulator result = newAccumulator.get()) {
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            try (Accumulator leaves = newAccumulator.get()) {
                leaves.update(input, ids, n, n);
                levels.add(leaves.state(n, allocator));
            }
            int size = n;
            while (size > 1) {
                int next = (size + 1) / 2;
                for (int j = 0; j < size; j++) {
                    ids[j] = j >> 1;
                }
                try (Accumulator up = newAccumulator.get()) {
                    up.merge(levels.get(levels.size() - 1), ids, size, next);
                    levels.add(up.state(next, allocator));
                }
                size = next;
            }
            List<List<DataType>> stateTypes = new ArrayList<>();
            for (List<FieldVector> level : levels) {
                List<DataType> ts = new ArrayList<>();
                for (FieldVector v : level) {
                    ts.add(DataType.fromArrow(v.getField()));
                }
                stateTypes.add(ts);
            }
            if (carry != null) {
                mergeCarry(result, carry, ids, n, allocator);
            }
            mergeCovers(result, levels, stateTypes, start, end, n, allocator);
            return result.finish(n, allocator);
        } finally {
            for (List<FieldVector> level : levels) {
                level.forEach(FieldVector::close);
            }
        }
    }

    /** Merges the one-row state {@code carry} into every group first. */
    private static void mergeCarry(Accumulator result, List<FieldVector> carry, int[] ids, int n,
            BufferAllocator allocator) {
        int[] zeros = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        List<FieldVector> taken = new ArrayList<>(carry.size());
        try {
            for (FieldVector c : carry) {
                taken.add(Selection.take(c, DataType.fromArrow(c.getField()), zeros, n, allocator));
            }
            result.merge(taken, ids, n, n);
        } finally {
            taken.forEach(FieldVector::close);
        }
    }

    /**
     * The one-row partial state of {@code carry} (may be null) followed by input rows [0, n), for
     * the next piece of a streamed partition; the caller closes the vectors.
     */
    public static List<FieldVector> carryOver(Supplier<Accumulator> newAccumulator, List<FieldVector> carry,
            FieldVector input, int n, BufferAllocator allocator) {
        try (Accumulator acc = newAccumulator.get()) {
            int[] zeros = new int[Math.max(1, n)];
            if (carry != null) {
                acc.merge(carry, zeros, 1, 1);
            }
            acc.update(input, zeros, n, 1);
            return acc.state(1, allocator);
        }
    }

    /**
     * The function's value over a whole partition whose one-row partial state is {@code total}
     * (folded with {@link #carryOver} while the partition passed), repeated for n rows.
     */
    public static FieldVector constant(Supplier<Accumulator> newAccumulator, List<FieldVector> total, DataType outType,
            int n, BufferAllocator allocator) {
        try (Accumulator acc = newAccumulator.get()) {
            acc.merge(total, new int[] {0}, 1, 1);
            try (FieldVector one = acc.finish(1, allocator)) {
                return Selection.take(one, outType, new int[n], allocator);
            }
        }
    }

    /** Merges each row's covering nodes into its group, left to right. */
    private static void mergeCovers(Accumulator result, List<List<FieldVector>> levels, List<List<DataType>> types,
            int[] start, int[] end, int n, BufferAllocator allocator) {
        int maxNodes = 2 * levels.size();
        int[] nodeLevel = new int[CHUNK * maxNodes];
        int[] nodeIndex = new int[CHUNK * maxNodes];
        int[] count = new int[CHUNK];
        int[] right = new int[maxNodes];
        int[] rightLevel = new int[maxNodes];
        int[] rows = new int[CHUNK];
        int[] picks = new int[CHUNK];
        for (int from = 0; from < n; from += CHUNK) {
            int rowsInChunk = Math.min(CHUNK, n - from);
            int passes = 0;
            for (int r = 0; r < rowsInChunk; r++) {
                int l = start[from + r];
                int h = end[from + r];
                int k = 0;
                int rk = 0;
                int level = 0;
                int base = r * maxNodes;
                while (l < h) {
                    if ((l & 1) == 1) {
                        nodeLevel[base + k] = level;
                        nodeIndex[base + k++] = l++;
                    }
                    if ((h & 1) == 1) {
                        h--;
                        rightLevel[rk] = level;
                        right[rk++] = h;
                    }
                    l >>= 1;
                    h >>= 1;
                    level++;
                }
                while (rk > 0) {
                    rk--;
                    nodeLevel[base + k] = rightLevel[rk];
                    nodeIndex[base + k++] = right[rk];
                }
                count[r] = k;
                passes = Math.max(passes, k);
            }
            for (int p = 0; p < passes; p++) {
                for (int level = 0; level < levels.size(); level++) {
                    int m = 0;
                    for (int r = 0; r < rowsInChunk; r++) {
                        int at = r * maxNodes + p;
                        if (p < count[r] && nodeLevel[at] == level) {
                            rows[m] = from + r;
                            picks[m++] = nodeIndex[at];
                        }
                    }
                    if (m > 0) {
                        List<FieldVector> states = levels.get(level);
                        List<FieldVector> taken = new ArrayList<>(states.size());
                        try {
                            for (int s = 0; s < states.size(); s++) {
                                taken.add(Selection.take(states.get(s), types.get(level).get(s), picks, m, allocator));
                            }
                            result.merge(taken, rows, m, n);
                        } finally {
                            taken.forEach(FieldVector::close);
                        }
                    }
                }
            }
        }
    }

    private static FieldVector gathered(Supplier<Accumulator> newAccumulator, FieldVector input, DataType inType,
            int[] start, int[] end, int n, BufferAllocator allocator) {
        try (Accumulator acc = newAccumulator.get()) {
            int[] rows = new int[GATHER];
            int[] groups = new int[GATHER];
            int m = 0;
            for (int i = 0; i < n; i++) {
                for (int j = start[i]; j < end[i]; j++) {
                    rows[m] = j;
                    groups[m++] = i;
                    if (m == GATHER) {
                        feed(acc, input, inType, rows, groups, m, n, allocator);
                        m = 0;
                    }
                }
            }
            feed(acc, input, inType, rows, groups, m, n, allocator);
            return acc.finish(n, allocator);
        }
    }

    private static void feed(Accumulator acc, FieldVector input, DataType inType, int[] rows, int[] groups, int m,
            int n, BufferAllocator allocator) {
        if (input == null) {
            acc.update(null, groups, m, n);
            return;
        }
        try (FieldVector taken = Selection.take(input, inType, rows, m, allocator)) {
            acc.update(taken, groups, m, n);
        }
    }
}
