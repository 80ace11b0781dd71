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
import java.math.BigDecimal;
import java.math.RoundingMode;
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
     * What earlier pieces of a streamed partition leave to the next, counted up to the start of the
     * rows held now: the partition's rows before them, its peer groups before them (less one when
     * the held rows start inside a group, which they count again), each carried aggregate's one-row
     * partial state (null for other functions), and how many of the held rows were already emitted
     * (the look-behind the next piece reads but does not emit again).
     */
    record Carry(long rows, long groups, List<List<FieldVector>> states, int context) implements AutoCloseable {
        static Carry start(int calls) {
            List<List<FieldVector>> none = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                none.add(null);
            }
            return new Carry(0, 0, none, 0);
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
     * What a first pass over a partition past the budget learnt: its rows, and for each function
     * over the whole partition its one-row partial state (null for other functions).
     */
    record Sized(long rows, List<List<FieldVector>> totals) {
    }

    static Result evaluate(WindowSpec spec, RecordBatch part, boolean complete, Carry carry, BufferAllocator allocator) {
        return evaluate(spec, part, complete, carry, null, allocator);
    }

    /**
     * Evaluates {@code part} (ownership passes in), whose first {@code carry.context()} rows were
     * emitted before. A complete partition is evaluated to its end. An incomplete one (streaming
     * functions only) up to the last row whose look-ahead rows are all held and, when a function
     * depends on peers, to the start of the last peer group; the rows from there on, and the
     * look-behind rows before them, are held for the next piece.
     */
    static Result evaluate(WindowSpec spec, RecordBatch part, boolean complete, Carry carry, Sized sized,
            BufferAllocator allocator) {
        int m = part.numRows();
        List<FieldVector> orderKeys = new ArrayList<>();
        List<DataType> orderTypes = new ArrayList<>();
        for (int c : spec.orderColumns()) {
            orderKeys.add(part.vector(c));
            orderTypes.add(spec.inputSchema().field(c).type());
        }
        int[] peerStart = FrameBounds.peerStarts(orderKeys, orderTypes, spec.orders(), m);
        int ctx = carry.context();
        int n = complete ? m : evaluable(spec, m, peerStart, sized != null);
        if (n <= ctx) {
            if (complete) {
                // only look-behind rows were left: every row of the partition is out
                part.close();
                carry.close();
                return new Result(null, null, Carry.start(spec.calls().size()));
            }
            return new Result(null, part, carry);
        }
        int[] peerEnd = FrameBounds.peerEnds(peerStart, m);
        // the next piece starts with the look-behind of its first row to emit
        int keepFrom = complete ? m : (int) Math.max(0, n - spec.lookBehind(sized != null));
        List<FieldVector> outputs = new ArrayList<>(spec.calls().size());
        Carry next = null;
        RecordBatch rest = null;
        try {
            for (int k = 0; k < spec.calls().size(); k++) {
                outputs.add(call(spec, spec.calls().get(k), part, m, peerStart, peerEnd, carry, sized, k, allocator));
            }
            next = complete ? Carry.start(spec.calls().size())
                    : carryOver(spec, part, keepFrom, n - keepFrom, peerStart, carry, allocator);
            rest = keepFrom < m ? part.slice(keepFrom, m - keepFrom, allocator) : null;
        } catch (RuntimeException e) {
            outputs.forEach(FieldVector::close);
            part.close();
            if (next != null) {
                next.close();
            }
            throw e;
        } finally {
            carry.close();
        }
        List<FieldVector> vectors = new ArrayList<>(part.vectors());
        vectors.addAll(outputs);
        RecordBatch all = RecordBatch.of(spec.outputSchema(), vectors, m);
        if (ctx == 0 && n == m) {
            return new Result(all, rest, next);
        }
        try (all) {
            return new Result(all.slice(ctx, n - ctx, allocator), rest, next);
        }
    }

    /**
     * Rows of an incomplete piece of m rows whose values are known: all but the look-ahead of the
     * last, and when a function depends on peers, only whole peer groups before the last one.
     */
    private static int evaluable(WindowSpec spec, int m, int[] peerStart, boolean sizeKnown) {
        long n = m - spec.lookAhead(sizeKnown);
        if (n <= 0) {
            return 0;
        }
        if (spec.needsPeers()) {
            n = peerStart[(int) Math.min(n, peerStart[m - 1])];
        }
        return (int) n;
    }

    private static Carry carryOver(WindowSpec spec, RecordBatch part, int keepFrom, int context, int[] peerStart,
            Carry carry, BufferAllocator allocator) {
        long groups = carry.groups();
        for (int i = 0; i < keepFrom; i++) {
            if (peerStart[i] == i) {
                groups++;
            }
        }
        if (keepFrom < part.numRows() && peerStart[keepFrom] != keepFrom) {
            // the held rows start inside a group that the next piece counts again at its first row
            groups--;
        }
        List<List<FieldVector>> states = new ArrayList<>();
        try {
            for (int k = 0; k < spec.calls().size(); k++) {
                WindowCall c = spec.calls().get(k);
                states.add(!c.carried() ? null : FrameAggregates.carryOver(() -> c.newAccumulator(allocator),
                        carry.states().get(k), c.input() < 0 ? null : part.vector(c.input()), keepFrom, allocator));
            }
        } catch (RuntimeException e) {
            states.forEach(st -> {
                if (st != null) {
                    st.forEach(FieldVector::close);
                }
            });
            throw e;
        }
        return new Carry(carry.rows() + keepFrom, groups, states, context);
    }

    /** The call's values for all m rows of the piece (the caller emits those that are known). */
    private static FieldVector call(WindowSpec spec, WindowCall c, RecordBatch part, int m, int[] peerStart,
            int[] peerEnd, Carry carry, Sized sized, int k, BufferAllocator allocator) {
        FieldVector in = c.input() < 0 ? null : part.vector(c.input());
        if (sized != null && c.sized()) {
            // the second pass over a partition whose size (and whole aggregates) the first pass found
            if (c.op() == null) {
                return FrameAggregates.constant(() -> c.newAccumulator(allocator), sized.totals().get(k), c.outputType(),
                        m, allocator);
            }
            return switch (c.op()) {
                case PERCENT_RANK -> WindowValues.percentRank(peerStart, carry.rows(), sized.rows(), m, allocator);
                case CUME_DIST -> WindowValues.cumeDist(peerEnd, carry.rows(), sized.rows(), m, allocator);
                default -> WindowValues.ntile(c.param(), carry.rows(), sized.rows(), m, allocator);
            };
        }
        if (c.op() != null) {
            return switch (c.op()) {
                case ROW_NUMBER -> WindowValues.rowNumber(carry.rows() + 1, m, allocator);
                case RANK -> WindowValues.rank(peerStart, carry.rows(), m, allocator);
                case DENSE_RANK -> WindowValues.denseRank(peerStart, carry.groups(), m, allocator);
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
        int[][] f = frames(spec, c.frame(), part, m, peerStart, peerEnd);
        if (RunningAggregates.supports(c.agg().function(), c.inputType()) && RunningAggregates.isRunning(f[0], f[1], m)) {
            return RunningAggregates.evaluate(c.agg().function(), in, c.inputType(), f[1], m, carry.states().get(k),
                    allocator);
        }
        return FrameAggregates.evaluate(() -> c.newAccumulator(allocator), c.agg().function().decomposable(), in,
                c.inputType(), c.outputType(), f[0], f[1], m, carry.states().get(k), allocator);
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
        if (type instanceof DataType.Decimal d) {
            FrameBounds.rangeDecimal(key, d.scale(), desc, n, peerStart, peerEnd, kind(frame.start()),
                    decimalShift(frame.start(), desc), kind(frame.end()), decimalShift(frame.end(), desc), start, end);
        } else if (Physical.of(type) == Physical.DOUBLE) {
            FrameBounds.rangeDouble(key, type, desc, n, peerStart, peerEnd, kind(frame.start()),
                    doubleOffset(frame.start(), desc), kind(frame.end()), doubleOffset(frame.end(), desc), start, end);
        } else {
            FrameBounds.rangeLong(key, type, desc, n, peerStart, peerEnd, kind(frame.start()),
                    shift(frame.start(), type, desc, true), kind(frame.end()), shift(frame.end(), type, desc, false),
                    start, end);
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

    /** The offset as an exact decimal toward larger keys (a double by its shortest decimal form), or null. */
    private static BigDecimal decimalShift(WindowFrame.Bound b, boolean desc) {
        if (b.offset() == null) {
            return null;
        }
        BigDecimal o = b.offset() instanceof BigDecimal x ? x
                : b.offset() instanceof Long l ? BigDecimal.valueOf(l) : BigDecimal.valueOf(((Number) b.offset()).doubleValue());
        return sign(b, desc) < 0 ? o.negate() : o;
    }

    private static FrameBounds.Shift shift(WindowFrame.Bound b, DataType type, boolean desc, boolean isStart) {
        if (b.offset() == null) {
            return v -> v;
        }
        int sign = sign(b, desc);
        if (b.offset() instanceof BigDecimal) {
            // over integer keys a fractional offset rounds toward the frame's inside: x >= v + 1.5 is x >= v + 2
            BigDecimal shift = decimalShift(b, desc);
            java.math.BigInteger units = shift.setScale(0, isStart != desc ? RoundingMode.CEILING : RoundingMode.FLOOR)
                    .toBigInteger();
            long amount = units.bitLength() > 63 ? (units.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE)
                    : units.longValue();
            return FrameBounds.Shift.plus(amount);
        }
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
