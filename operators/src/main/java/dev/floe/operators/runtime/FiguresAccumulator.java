package dev.floe.operators.runtime;

import java.util.ArrayList;
import java.util.function.Supplier;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * Carries every subtask's {@link SubtaskFigures} of one operator back to the client. Each subtask
 * registers one under {@link #name(String)} with a live view of its runtime; the view is read when
 * Flink serializes the accumulator (with the task's final state, after the last batch), and the
 * JobManager merges the subtasks' lists. Accumulators reach the client of an embedded MiniCluster,
 * a remote session cluster and {@code flink run} alike, through the job's result, while REST
 * metrics of a finished job are gone.
 *
 * <pre>{@code
 * List<SubtaskFigures> all = jobResult.getAccumulatorResult(FiguresAccumulator.name(operatorId));
 * }</pre>
 */
public final class FiguresAccumulator implements Accumulator<SubtaskFigures, ArrayList<SubtaskFigures>> {
    private static final long serialVersionUID = 1L;
    /** Accumulator names start with this, followed by the operator's id in hex. */
    public static final String PREFIX = "floe.figures.";

    private transient Supplier<SubtaskFigures> live;
    private final ArrayList<SubtaskFigures> values;

    /** A subtask's accumulator that reads its figures from {@code live} whenever Flink takes them. */
    public FiguresAccumulator(Supplier<SubtaskFigures> live) {
        this(live, new ArrayList<>());
    }

    private FiguresAccumulator(Supplier<SubtaskFigures> live, ArrayList<SubtaskFigures> values) {
        this.live = live;
        this.values = values;
    }

    /** The accumulator name of the operator with this id ({@code OperatorID.toHexString()}). */
    public static String name(String operatorId) {
        return PREFIX + operatorId;
    }

    @Override
    public void add(SubtaskFigures value) {
        values.add(value);
    }

    @Override
    public ArrayList<SubtaskFigures> getLocalValue() {
        ArrayList<SubtaskFigures> all = new ArrayList<>(values);
        if (live != null) {
            all.add(live.get());
        }
        return all;
    }

    @Override
    public void resetLocal() {
        values.clear();
        live = null;
    }

    @Override
    public void merge(Accumulator<SubtaskFigures, ArrayList<SubtaskFigures>> other) {
        values.addAll(other.getLocalValue());
    }

    @Override
    public FiguresAccumulator clone() {
        return new FiguresAccumulator(null, getLocalValue());
    }

    /** Serialized as the figures of this moment (the live view is not serializable). */
    private Object writeReplace() {
        return live == null ? this : clone();
    }
}
