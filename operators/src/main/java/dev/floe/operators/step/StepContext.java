package dev.floe.operators.step;

import dev.floe.operators.spill.SpillDirectory;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a step gets from the operator that runs it: the operator's allocator, the memory budget
 * its blocking state may hold before spilling, and where to spill.
 */
public record StepContext(BufferAllocator allocator, long memoryBudget, SpillDirectory spill) {

    /** A context without a tight budget, spilling to java.io.tmpdir (sources, tests). */
    public static StepContext unbounded(BufferAllocator allocator, String owner) {
        return new StepContext(allocator, Long.MAX_VALUE / 4, new SpillDirectory(new java.io.File[0], owner));
    }
}
