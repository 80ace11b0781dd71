package dev.floe.operators.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.flink.metrics.MetricGroup;

/**
 * What one step of an operator did: rows and batches in and out, time and spill bytes of its own
 * (what the steps after it did inside its calls is subtracted), and the peak bytes of state it held.
 * The same names are Flink metrics under the operator's group ({@code step.<index>.rows_in}, ...),
 * the step harness's counters and, later, explain-analyze's columns.
 *
 * <p>A pipeline measures each step inclusively around its calls (two {@code nanoTime} and two
 * thread CPU time reads per batch, not per row) and links every step to the one it emits into, so
 * exclusive figures are a subtraction when read: {@code time = inclusive time - inclusive time of
 * the next}, and the same for CPU time. Wall time minus CPU time is what the step waited (for
 * disk, for a full network buffer, for a descheduled thread).
 *
 * <pre>{@code
 * StepMetrics m = pipeline.metrics().get(0);
 * m.rowsIn(); m.rowsOut(); m.timeNanos(); m.cpuNanos(); m.spillBytes(); m.peakMemory();
 * }</pre>
 */
public final class StepMetrics {
    /** The metric names, in the order explain-analyze prints them. */
    public static final String ROWS_IN = "rows_in";
    public static final String ROWS_OUT = "rows_out";
    public static final String BATCHES_IN = "batches_in";
    public static final String BATCHES_OUT = "batches_out";
    public static final String TIME = "time";
    public static final String CPU_TIME = "cpu_time";
    public static final String SPILL_BYTES = "spill_bytes";
    public static final String PEAK_MEMORY = "peak_memory";
    /** The metric group key under an operator's group; its value is the step's index in the operator. */
    public static final String GROUP = "step";

    private final String name;
    private StepMetrics next;
    long rowsIn;
    long batchesIn;
    long inclusiveNanos;
    long inclusiveCpu;
    long inclusiveSpill;
    long peakMemory;

    /** @param name the step's one-line description */
    public StepMetrics(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The step this one emits into (its rows in are this step's rows out); null for the operator's output. */
    public void emitsInto(StepMetrics next) {
        this.next = next;
    }

    /** Counts one batch arriving at the step. */
    public void batchIn(long rows) {
        rowsIn += rows;
        batchesIn++;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Whether this JVM measures the CPU time of the running thread (HotSpot on Linux, macOS, Windows does). */
    private static final boolean CPU_MEASURED = cpuMeasured();

    private static boolean cpuMeasured() {
        try {
            if (!THREADS.isCurrentThreadCpuTimeSupported()) {
                return false;
            }
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            return THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * The CPU time the calling thread has used, in nanoseconds (user and system); 0 where the JVM
     * cannot tell, so that every difference of two reads is 0 there. A read costs about as much
     * as one {@code clock_gettime} call.
     */
    public static long cpuNow() {
        return CPU_MEASURED ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /**
     * Adds a call's inclusive wall and CPU time ({@link #cpuNow()} differences) and spilled bytes
     * (including what the steps after it did meanwhile).
     */
    public void called(long nanos, long cpuNanos, long spilled) {
        inclusiveNanos += nanos;
        inclusiveCpu += cpuNanos;
        inclusiveSpill += spilled;
    }

    /** Records the bytes of state the step holds now, keeping the highest. */
    public void holding(long bytes) {
        if (bytes > peakMemory) {
            peakMemory = bytes;
        }
    }

    public long rowsIn() {
        return rowsIn;
    }

    public long batchesIn() {
        return batchesIn;
    }

    public long rowsOut() {
        return next == null ? 0 : next.rowsIn;
    }

    public long batchesOut() {
        return next == null ? 0 : next.batchesIn;
    }

    /** Nanoseconds spent in the step itself. */
    public long timeNanos() {
        return inclusiveNanos - (next == null ? 0 : next.inclusiveNanos);
    }

    /** CPU nanoseconds the step itself used (its thread's, in its own calls); 0 where the JVM cannot measure it. */
    public long cpuNanos() {
        return inclusiveCpu - (next == null ? 0 : next.inclusiveCpu);
    }

    /** Bytes the step itself wrote to spill files. */
    public long spillBytes() {
        return inclusiveSpill - (next == null ? 0 : next.inclusiveSpill);
    }

    /** The most bytes of state the step held after any of its calls. */
    public long peakMemory() {
        return peakMemory;
    }

    /** These figures as they are now, frozen for the client. */
    public SubtaskFigures.Step figures() {
        return new SubtaskFigures.Step(name, rowsIn, rowsOut(), batchesIn, batchesOut(), timeNanos(), cpuNanos(),
                spillBytes(), peakMemory);
    }

    /** Registers the eight figures as gauges under {@code group.addGroup("step", index)}. */
    public void register(MetricGroup operatorGroup, int index) {
        MetricGroup g = operatorGroup.addGroup(GROUP, Integer.toString(index));
        g.gauge("name", this::name);
        g.gauge(ROWS_IN, this::rowsIn);
        g.gauge(ROWS_OUT, this::rowsOut);
        g.gauge(BATCHES_IN, this::batchesIn);
        g.gauge(BATCHES_OUT, this::batchesOut);
        g.gauge(TIME, this::timeNanos);
        g.gauge(CPU_TIME, this::cpuNanos);
        g.gauge(SPILL_BYTES, this::spillBytes);
        g.gauge(PEAK_MEMORY, this::peakMemory);
    }

    @Override
    public String toString() {
        return name + ": " + ROWS_IN + "=" + rowsIn + " " + ROWS_OUT + "=" + rowsOut() + " " + BATCHES_IN + "="
                + batchesIn + " " + BATCHES_OUT + "=" + batchesOut() + " " + TIME + "=" + timeNanos() + "ns " + CPU_TIME + "="
                + cpuNanos() + "ns "
                + SPILL_BYTES + "=" + spillBytes() + " " + PEAK_MEMORY + "=" + peakMemory;
    }
}
