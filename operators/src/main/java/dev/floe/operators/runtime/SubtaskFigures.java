package dev.floe.operators.runtime;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one subtask of a Floe operator did, as the client receives it after the job (through a
 * {@link FiguresAccumulator}): the operator's input and output, its memory and spilling, and each
 * step's {@link StepMetrics} frozen into a {@link Step}.
 *
 * <pre>{@code
 * SubtaskFigures f = runtime.figures(0);
 * f.rowsIn(); f.steps().get(1).rowsOut(); f.extras().get("row_groups_read");
 * }</pre>
 *
 * @param subtask    the subtask's index
 * @param bytesIn    encoded (Arrow IPC) bytes received from upstream operators
 * @param bytesOut   encoded bytes sent downstream
 * @param peakMemory the most bytes the operator's Arrow allocator held at once
 * @param extras     figures only some operators have (a scan's row groups and bytes read), by metric name
 */
public record SubtaskFigures(int subtask, long rowsIn, long batchesIn, long bytesIn, long rowsOut, long batchesOut,
        long bytesOut, long spillBytes, int spillFiles, long peakMemory, Map<String, Long> extras, List<Step> steps)
        implements Serializable {

    /** Extras of a file scan: row groups decoded, bytes read from storage, column chunks decoded. */
    public static final String ROW_GROUPS_READ = "row_groups_read";
    public static final String BYTES_READ = "bytes_read";
    public static final String COLUMNS_DECODED = "columns_decoded";

    public SubtaskFigures {
        extras = Map.copyOf(extras);
        steps = List.copyOf(steps);
    }

    /**
     * One step's figures; the names are {@link StepMetrics}'s. {@code timeNanos} is the step's own
     * wall time, {@code cpuNanos} the CPU time its thread used in it.
     */
    public record Step(String name, long rowsIn, long rowsOut, long batchesIn, long batchesOut, long timeNanos,
            long cpuNanos, long spillBytes, long peakMemory) implements Serializable {
    }
}
