package dev.floe.operators.blocking;

import dev.floe.api.expr.WindowFrame;
import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Physical;
import dev.floe.arrow.kernels.window.FrameAggregates;
import dev.floe.arrow.kernels.window.FrameBounds;
import dev.floe.arrow.kernels.window.RunningAggregates;
import dev.floe.arrow.kernels.window.WindowValues;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Evaluates a {@link WindowSpec}'s functions over the sorted rows of one partition (or a piece of it). */
final class WindowPartition {
    private WindowPartition() {
    }

    /**
     * What earlier pieces of a streamed partition leave to the next: rows emitted, peer groups
     * seen, and each running aggregate's one-row partial state (null for other functions).
     */
    record Carry(long rows, long groups, List<List<FieldVector>> states) implements AutoCloseable {
        static Carry start(int calls) {
            List<List<FieldVector>> none = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                none.add(null);
            }
            return new Carry(0, 0, none);
        }

        @Override
        public void close() {
            for (List<FieldVector> s : states) {
                if (s != null) {
                    s.forEach(FieldVector::close);
                }
            }
        }
    }

    /** The rows evaluated (null: none yet), the rows still held (null: none) and the carry for the rest. */
    record Result(RecordBatch output, RecordBatch rest, Carry carry) {
    }

    /**
     * Evaluates {@code part} (ownership passes in). A complete partition is evaluated whole; an
     * incomplete one (streaming functions only) up to the start of its last peer group.
     */
    static Result evaluate(WindowSpec spec, RecordBatch part, boolean complete, Carry carry, BufferAllocator allocator) {
        int m = part.numRows();
        List<FieldVector> orderKeys = new ArrayList<>();
        List<DataType> orderTypes = new ArrayList<>();
        for (int c : spec.orderColumns()) {
            orderKeys.add(part.vector(c));
            orderTypes.add(spec.inputSchema().field(c).type());
        }
        int[] peerStart = FrameBounds.peerStarts(orderKeys, orderTypes, spec.orders(), m);
        int n = complete ? m : peerStart[m - 1];
        if (n == 0) {
            return new Result(null, part, carry);
        }
        int[] peerEnd = FrameBounds.peerEnds(peerStart, m);
        List<FieldVector> outputs = new ArrayList<>(spec.calls().size());
        Carry next = null;
        try {
            for (int k = 0; k < spec.calls().size(); k++) {
                outputs.add(call(spec, spec.calls().get(k), part, n, m, peerStart, peerEnd, carry, k, allocator));
            }
            next = complete ? Carry.start(spec.calls().size()) : carryOver(spec, part, n, peerStart, carry, allocator);
        } catch (RuntimeException e) {
            outputs.forEach(FieldVector::close);
            part.close();
            throw e;
        } finally {
            carry.close();
        }
        RecordBatch head = part;
        RecordBatch rest = null;
        if (n < m) {
            try (part) {
                head = part.slice(0, n, allocator);
                rest = part.slice(n, m - n, allocator);
            }
        }
        List<FieldVector> vectors = new ArrayList<>(head.vectors());
        vectors.addAll(outputs);
        return new Result(RecordBatch.of(spec.outputSchema(), vectors, n), rest, next);
    }

    private static Carry carryOver(WindowSpec spec, RecordBatch part, int n, int[] peerStart, Carry carry,
            BufferAllocator allocator) {
        long groups = carry.groups();
        for (int i = 0; i < n; i++) {
            if (peerStart[i] == i) {
                groups++;
            }
        }
        List<List<FieldVector>> states = new ArrayList<>();
        for (int k = 0; k < spec.calls().size(); k++) {
            WindowCall c = spec.calls().get(k);
            states.add(c.agg() == null ? null : FrameAggregates.carryOver(() -> c.newAccumulator(allocator),
                    carry.states().get(k), c.input() < 0 ? null : part.vector(c.input()), n, allocator));
        }
        return new Carry(carry.rows() + n, groups, states);
    }

    private static FieldVector call(WindowSpec spec, WindowCall c, RecordBatch part, int n, int m, int[] peerStart,
            int[] peerEnd, Carry carry, int k, BufferAllocator allocator) {
        FieldVector in = c.input() < 0 ? null : part.vector(c.input());
        if (c.op() != null) {
            return switch (c.op()) {
                case ROW_NUMBER -> WindowValues.rowNumber(carry.rows() + 1, n, allocator);
                case RANK -> WindowValues.rank(peerStart, carry.rows(), n, allocator);
                case DENSE_RANK -> WindowValues.denseRank(peerStart, carry.groups(), n, allocator);
                case PERCENT_RANK -> WindowValues.percentRank(peerStart, m, allocator);
                case CUME_DIST -> WindowValues.cumeDist(peerEnd, m, allocator);
                case NTILE -> WindowValues.ntile(c.param(), m, allocator);
                case LAG, LEAD -> WindowValues.shifted(in, c.inputType(),
                        c.op() == dev.floe.api.expr.WindowOp.LAG ? -c.param() : c.param(),
                        c.defaultColumn() < 0 ? null : part.vector(c.defaultColumn()), m, allocator);
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
                    int[][] f = frames(spec, c.frame(), part, m, peerStart, peerEnd);
                    long nth = c.op() == dev.floe.api.expr.WindowOp.FIRST_VALUE ? 1
                            : c.op() == dev.floe.api.expr.WindowOp.LAST_VALUE ? 0 : c.param();
                    yield WindowValues.nthOfFrame(in, c.inputType(), f[0], f[1], nth, m, allocator);
                }
            };
        }
        int[][] f = frames(spec, c.frame(), part, n, peerStart, peerEnd);
        if (RunningAggregates.supports(c.agg().function(), c.inputType()) && RunningAggregates.isRunning(f[0], f[1], n)) {
            return RunningAggregates.evaluate(c.agg().function(), in, c.inputType(), f[1], n, carry.states().get(k),
                    allocator);
        }
        return FrameAggregates.evaluate(() -> c.newAccumulator(allocator), c.agg().function().decomposable(), in,
                c.inputType(), c.outputType(), f[0], f[1], n, carry.states().get(k), allocator);
    }

    /** {start, end} of each of the first n rows' frames. */
    private static int[][] frames(WindowSpec spec, WindowFrame frame, RecordBatch part, int n, int[] peerStart,
            int[] peerEnd) {
        int[] start = new int[n];
        int[] end = new int[n];
        if (frame.unit() == WindowFrame.Unit.ROWS) {
            FrameBounds.rows(n, frame.start().rows(), frame.end().rows(), start, end);
            return new int[][] {start, end};
        }
        if (!frame.hasOffsets()) {
            boolean fromFirst = frame.start().kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING;
            boolean toLast = frame.end().kind() == WindowFrame.Kind.UNBOUNDED_FOLLOWING;
            for (int i = 0; i < n; i++) {
                start[i] = fromFirst ? 0 : peerStart[i];
                end[i] = toLast ? n : peerEnd[i];
            }
            return new int[][] {start, end};
        }
        int keyColumn = spec.orderColumns().get(0);
        FieldVector key = part.vector(keyColumn);
        DataType type = spec.inputSchema().field(keyColumn).type();
        boolean desc = spec.orders().get(0).descending();
        if (Physical.of(type) == Physical.DOUBLE) {
            FrameBounds.rangeDouble(key, type, desc, n, peerStart, peerEnd, kind(frame.start()),
                    doubleOffset(frame.start(), desc), kind(frame.end()), doubleOffset(frame.end(), desc), start, end);
        } else {
            FrameBounds.rangeLong(key, type, desc, n, peerStart, peerEnd, kind(frame.start()),
                    shift(frame.start(), type, desc), kind(frame.end()), shift(frame.end(), type, desc), start, end);
        }
        return new int[][] {start, end};
    }

    private static int kind(WindowFrame.Bound b) {
        return switch (b.kind()) {
            case UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING -> FrameBounds.UNBOUNDED;
            case CURRENT_ROW -> FrameBounds.CURRENT;
            case PRECEDING, FOLLOWING -> FrameBounds.OFFSET;
        };
    }

    /** +1 when the bound moves toward larger key values. */
    private static int sign(WindowFrame.Bound b, boolean desc) {
        return (b.kind() == WindowFrame.Kind.PRECEDING ? -1 : 1) * (desc ? -1 : 1);
    }

    private static double doubleOffset(WindowFrame.Bound b, boolean desc) {
        return b.offset() == null ? 0 : sign(b, desc) * ((Number) b.offset()).doubleValue();
    }

    private static FrameBounds.Shift shift(WindowFrame.Bound b, DataType type, boolean desc) {
        if (b.offset() == null) {
            return v -> v;
        }
        int sign = sign(b, desc);
        if (b.offset() instanceof Period p) {
            long months = sign * p.toTotalMonths();
            long days = sign * (long) p.getDays();
            return v -> dev.floe.arrow.kernels.TemporalKernels.addMonthsDays(v, months, days);
        }
        if (b.offset() instanceof Duration d) {
            TimeUnit unit = ((DataType.Timestamp) type).unit();
            long amount = switch (unit) {
                case SECOND -> d.getSeconds();
                case MILLISECOND -> saturate(d, 1_000_000L);
                case MICROSECOND -> saturate(d, 1_000L);
                case NANOSECOND -> saturate(d, 1L);
            };
            return FrameBounds.Shift.plus(sign * amount);
        }
        return FrameBounds.Shift.plus(sign * ((Number) b.offset()).longValue());
    }

    /** The duration in units of {@code nanosPerUnit} nanoseconds, saturating past the long range. */
    private static long saturate(Duration d, long nanosPerUnit) {
        long perSecond = 1_000_000_000L / nanosPerUnit;
        if (Math.abs(d.getSeconds()) > Long.MAX_VALUE / perSecond - 1) {
            return d.isNegative() ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        return d.getSeconds() * perSecond + d.getNano() / nanosPerUnit;
    }
}
