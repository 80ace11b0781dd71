package dev.floe.arrow.kernels.window;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Buffers;
import dev.floe.arrow.kernels.KernelException;
import dev.floe.arrow.kernels.Physical;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Running aggregates in one pass, O(rows): frames {@code [0, end[i])} with non-decreasing ends
 * (UNBOUNDED PRECEDING to CURRENT ROW, with or without peers) of count, count(*), sum of integers
 * and floats, and min/max of integers, dates, timestamps and durations. Other functions and frames
 * go through {@link FrameAggregates}. A carried one-row state (the rows of earlier pieces of a
 * streamed partition, laid out as the aggregate's partial state) seeds the fold.
 *
 * <pre>{@code
 * if (RunningAggregates.supports(AggFunction.SUM, DataType.int64()) && RunningAggregates.isRunning(start, end, n)) {
 *     FieldVector sums = RunningAggregates.evaluate(AggFunction.SUM, v, DataType.int64(), end, n, null, allocator);
 * }
 * }</pre>
 */
public final class RunningAggregates {
    private RunningAggregates() {
    }

    /** True for the functions and input types this class folds. */
    public static boolean supports(AggFunction f, DataType in) {
        return switch (f) {
            case COUNT, COUNT_ALL -> true;
            case SUM -> in != null && (Physical.of(in) == Physical.LONG && in.isInteger() || Physical.of(in) == Physical.DOUBLE);
            case MIN, MAX -> in != null && Physical.of(in) == Physical.LONG;
            default -> false;
        };
    }

    /** True when every frame starts at the partition's first row and the ends never decrease. */
    public static boolean isRunning(int[] start, int[] end, int n) {
        for (int i = 0; i < n; i++) {
            if (start[i] != 0 || (i > 0 && end[i] < end[i - 1])) {
                return false;
            }
        }
        return true;
    }

    private static long read(ArrowBuf data, int width, boolean unsigned, int i) {
        return switch (width) {
            case 1 -> unsigned ? data.getByte(i) & 0xFFL : data.getByte(i);
            case 2 -> unsigned ? data.getShort(2L * i) & 0xFFFFL : data.getShort(2L * i);
            case 4 -> unsigned ? data.getInt(4L * i) & 0xFFFFFFFFL : data.getInt(4L * i);
            default -> data.getLong(8L * i);
        };
    }

    private static void write(ArrowBuf data, int width, int i, long v) {
        switch (width) {
            case 1 -> data.setByte(i, (byte) v);
            case 2 -> data.setShort(2L * i, (short) v);
            case 4 -> data.setInt(4L * i, (int) v);
            default -> data.setLong(8L * i, v);
        }
    }

    /** The running values for the first n rows; {@code carry} (may be null) is the state of rows before them. */
    public static FieldVector evaluate(AggFunction f, FieldVector input, DataType in, int[] end, int n,
            List<FieldVector> carry, BufferAllocator allocator) {
        FieldVector seed = carry == null ? null : carry.get(0);
        boolean seeded = seed != null && !seed.isNull(0);
        DataType out = f.resultType(in);
        FieldVector result = Buffers.allocate(out, n, allocator);
        try {
            ArrowBuf dst = result.getDataBuffer();
            ArrowBuf valid = result.getValidityBuffer();
            boolean doubles = Physical.of(out) == Physical.DOUBLE;
            int width = f == AggFunction.MIN || f == AggFunction.MAX ? Physical.width(in) : 8;
            int inWidth = in == null ? 0 : Physical.width(in);
            boolean unsigned = in != null && (in.kind() == DataType.Kind.UINT8 || in.kind() == DataType.Kind.UINT16
                    || in.kind() == DataType.Kind.UINT32);
            ArrowBuf src = input == null ? null : input.getDataBuffer();
            long acc = 0;
            double dacc = 0;
            boolean any = seeded;
            if (seeded) {
                if (doubles) {
                    dacc = seed.getDataBuffer().getDouble(0);
                } else {
                    acc = read(seed.getDataBuffer(), width, unsigned, 0);
                }
            }
            int j = 0;
            for (int i = 0; i < n; i++) {
                for (; j < end[i]; j++) {
                    boolean isNull = input != null && input.isNull(j);
                    switch (f) {
                        case COUNT_ALL -> acc++;
                        case COUNT -> acc += isNull ? 0 : 1;
                        case SUM -> {
                            if (!isNull) {
                                if (doubles) {
                                    dacc += inWidth == 4 ? src.getFloat(4L * j) : src.getDouble(8L * j);
                                } else {
                                    long x = read(src, inWidth, unsigned, j);
                                    long r = acc + x;
                                    if (((acc ^ r) & (x ^ r)) < 0) {
                                        throw new KernelException("integer overflow in sum: adding " + x
                                                + " to the running sum " + acc + " exceeds the int64 range; cast the"
                                                + " column to a decimal or float64 before summing");
                                    }
                                    acc = r;
                                }
                                any = true;
                            }
                        }
                        default -> {
                            if (!isNull) {
                                long x = read(src, inWidth, unsigned, j);
                                acc = !any ? x : f == AggFunction.MIN ? Math.min(acc, x) : Math.max(acc, x);
                                any = true;
                            }
                        }
                    }
                }
                if (f == AggFunction.COUNT || f == AggFunction.COUNT_ALL || any) {
                    if (doubles) {
                        dst.setDouble(8L * i, dacc);
                    } else {
                        write(dst, width, i, acc);
                    }
                    BitVectorHelper.setBit(valid, i);
                }
            }
            result.setValueCount(n);
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }
}
