package dev.floe.operators.step;

import dev.floe.api.eval.RowPlace;
import dev.floe.arrow.RecordBatch;
import dev.floe.operators.spill.SpillDirectory;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a step gets from the operator that runs it: the operator's allocator, the memory budget
 * its blocking state may hold before spilling, where to spill, and the batches of the operator's
 * broadcast inputs (for fused broadcast joins; each list is handed over once, with ownership), and
 * which partition its rows belong to ({@code partition}: what {@code rand(seed)} and
 * {@code monotonically_increasing_id()} depend on).
 */
public record StepContext(BufferAllocator allocator, long memoryBudget, SpillDirectory spill,
        IntFunction<List<RecordBatch>> broadcasts, RowPlace partition) {

    public StepContext(BufferAllocator allocator, long memoryBudget, SpillDirectory spill) {
        this(allocator, memoryBudget, spill, i -> {
            throw new IllegalStateException("this operator has no broadcast input " + i);
        });
    }

    public StepContext(BufferAllocator allocator, long memoryBudget, SpillDirectory spill,
            IntFunction<List<RecordBatch>> broadcasts) {
        this(allocator, memoryBudget, spill, broadcasts, RowPlace.of(0));
    }

    /** The same context for the rows of {@code index}. */
    public StepContext withPartition(RowPlace index) {
        return new StepContext(allocator, memoryBudget, spill, broadcasts, index);
    }

    /** The batches of broadcast input i (the caller owns them from now on). */
    public List<RecordBatch> broadcast(int i) {
        return broadcasts.apply(i);
    }

    public StepContext withBroadcasts(IntFunction<List<RecordBatch>> inputs) {
        return new StepContext(allocator, memoryBudget, spill, inputs, partition);
    }

    /** A context without a tight budget, spilling to java.io.tmpdir (sources, tests). */
    public static StepContext unbounded(BufferAllocator allocator, String owner) {
        return new StepContext(allocator, Long.MAX_VALUE / 4, new SpillDirectory(new java.io.File[0], owner));
    }
}
