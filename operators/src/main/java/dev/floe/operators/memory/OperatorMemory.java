package dev.floe.operators.memory;

import dev.floe.arrow.Allocators;
import dev.floe.operators.spill.SpillDirectory;
import dev.floe.operators.step.StepContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.core.memory.ManagedMemoryUseCase;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.runtime.memory.MemoryManager;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's memory: the share of the slot's managed memory Flink assigned it (declared by the
 * translator), reserved from Flink's {@link MemoryManager} so Flink does not hand the same bytes
 * to anyone else, and the operator's Arrow allocator. Blocking state spills when it reaches a part
 * of the budget. With an explicit budget (tests, the {@code floe.operator.memory-budget} setting)
 * the allocator's hard limit is twice that budget (state plus working copies), so a step that
 * fails to spill fails loudly, but never below {@value #MIN_HARD_LIMIT} bytes: one wide batch and
 * the copies a step makes of it must fit whatever the budget, since a batch cannot be spilled
 * before it is decoded (a smaller budget logs one WARN and state still spills at the budget).
 * Without an explicit budget Arrow allocations are accounted against the reservation but not capped.
 */
public final class OperatorMemory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMemory.class);
    /** Budget when Flink assigned no managed memory to the operator. */
    static final long DEFAULT_BUDGET = 256L << 20;
    /** The least hard limit of an allocator: room for a few 64K-row batches and their working copies. */
    static final long MIN_HARD_LIMIT = 64L << 20;
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED_SMALL_BUDGET =
            new java.util.concurrent.atomic.AtomicBoolean();

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
        BufferAllocator allocator = Allocators.child(name, hardLimit(explicitBudget));
        SpillDirectory spill = new SpillDirectory(env.getIOManager().getSpillingDirectories(), name);
        return new OperatorMemory(allocator, spill, budget, reserve > 0 ? mm : null, reserve, operator);
    }

    /**
     * Memory outside Flink's managed memory (source readers, the step harness): no reservation,
     * spill files in {@code java.io.tmpdir}.
     *
     * @param explicitBudget bytes before spilling, or 0 for {@value #DEFAULT_BUDGET} and no hard limit
     */
    public static OperatorMemory unmanaged(String name, long explicitBudget) {
        BufferAllocator allocator = Allocators.child(name, hardLimit(explicitBudget));
        return new OperatorMemory(allocator, new SpillDirectory(new java.io.File[0], name),
                explicitBudget > 0 ? explicitBudget : DEFAULT_BUDGET, null, 0, null);
    }

    /**
     * State spills at fractions of the budget; the other half is headroom for the copies a step makes
     * while it works (concatenate, take), which Arrow rounds up to powers of two. A budget so small that
     * twice it would not hold a wide batch gets the floor instead (and one WARN per JVM).
     */
    static long hardLimit(long explicitBudget) {
        if (explicitBudget <= 0) {
            return Long.MAX_VALUE;
        }
        long limit = 2 * explicitBudget;
        if (limit >= MIN_HARD_LIMIT) {
            return limit;
        }
        if (WARNED_SMALL_BUDGET.compareAndSet(false, true)) {
            LOG.warn("floe.operator.memory-budget of {} bytes is below half of {} bytes: blocking steps still spill "
                    + "at the budget, but each operator's Arrow allocator may use up to {} bytes so that one wide "
                    + "batch and its working copies fit", explicitBudget, MIN_HARD_LIMIT, MIN_HARD_LIMIT);
        }
        return MIN_HARD_LIMIT;
    }

    /** The fraction of the slot's managed memory Flink gave this operator (0 when none was declared). */
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
            if (memoryManager != null && reserved > 0) {
                memoryManager.releaseMemory(owner, reserved);
            }
        }
    }
}
