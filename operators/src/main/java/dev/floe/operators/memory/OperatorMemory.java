package dev.floe.operators.memory;

import dev.floe.arrow.Allocators;
import dev.floe.operators.spill.SpillDirectory;
import dev.floe.operators.step.StepContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.core.memory.ManagedMemoryUseCase;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.runtime.memory.MemoryManager;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's memory: the share of the slot's managed memory Flink assigned it (declared by the
 * translator), reserved from Flink's {@link MemoryManager} so Flink does not hand the same bytes
 * to anyone else, and the operator's Arrow allocator. Blocking state spills when it reaches a part
 * of the budget. With an explicit budget (tests, the {@code floe.operator.memory-budget} setting)
 * the allocator's hard limit is twice that budget (state plus working copies), so a step that
 * fails to spill fails loudly; otherwise Arrow allocations are accounted against the reservation
 * but not capped.
 */
public final class OperatorMemory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMemory.class);
    /** Budget when Flink assigned no managed memory to the operator. */
    static final long DEFAULT_BUDGET = 256L << 20;

    private final BufferAllocator allocator;
    private final SpillDirectory spill;
    private final long budget;
    private final MemoryManager memoryManager;
    private final long reserved;
    private final Object owner;

    private OperatorMemory(BufferAllocator allocator, SpillDirectory spill, long budget, MemoryManager memoryManager,
            long reserved, Object owner) {
        this.owner = owner;
        this.allocator = allocator;
        this.spill = spill;
        this.budget = budget;
        this.memoryManager = memoryManager;
        this.reserved = reserved;
    }

    /**
     * @param explicitBudget bytes, or 0 to use the managed memory Flink assigned
     */
    public static OperatorMemory open(Object operator, Environment env, double managedFraction,
            long explicitBudget, String name) {
        MemoryManager mm = env.getMemoryManager();
        long managed = managedFraction > 0 ? mm.computeMemorySize(managedFraction) : 0;
        long budget = explicitBudget > 0 ? explicitBudget : managed > 0 ? managed : DEFAULT_BUDGET;
        long reserve = Math.min(budget, managed);
        if (reserve > 0) {
            try {
                mm.reserveMemory(operator, reserve);
            } catch (Exception e) {
                LOG.warn("Could not reserve {} bytes of managed memory for {}: {}", reserve, name, e.getMessage());
                reserve = 0;
            }
        }
        // state spills at fractions of the budget; the other half is headroom for the copies a step makes
        // while it works (concatenate, take), which Arrow rounds up to powers of two
        BufferAllocator allocator = Allocators.child(name, explicitBudget > 0 ? 2 * explicitBudget : Long.MAX_VALUE);
        SpillDirectory spill = new SpillDirectory(env.getIOManager().getSpillingDirectories(), name);
        return new OperatorMemory(allocator, spill, budget, reserve > 0 ? mm : null, reserve, operator);
    }

    /** The fraction of the slot's managed memory Flink gave this operator (0 when none was declared). */
    public static double managedFraction(AbstractStreamOperator<?> operator, Environment env) {
        return managedFraction(operator.getOperatorConfig(), env);
    }

    /** {@link #managedFraction(AbstractStreamOperator, Environment)} for operators that are not AbstractStreamOperators. */
    public static double managedFraction(StreamConfig config, Environment env) {
        return config.getManagedMemoryFractionOperatorUseCaseOfSlot(
                ManagedMemoryUseCase.OPERATOR, env.getTaskManagerInfo().getConfiguration(),
                env.getJobConfiguration(), env.getUserCodeClassLoader().asClassLoader());
    }

    public StepContext stepContext() {
        return new StepContext(allocator, budget, spill);
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    public SpillDirectory spill() {
        return spill;
    }

    public long budget() {
        return budget;
    }

    /** Deletes spill files, closes the allocator (failing on leaks) and returns the reservation. */
    @Override
    public void close() {
        try {
            spill.close();
            allocator.close();
        } finally {
            if (memoryManager != null) {
                memoryManager.releaseMemory(owner, reserved);
            }
        }
    }
}
