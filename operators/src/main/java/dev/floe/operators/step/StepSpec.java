package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import java.io.Serializable;

/**
 * The immutable, serializable description of a step: shipped inside the Flink job graph and
 * turned into a runnable {@link Step} on the TaskManager.
 */
public interface StepSpec extends Serializable {

    Schema inputSchema();

    Schema outputSchema();

    /** One line, the same text as the logical node it runs, e.g. {@code Filter: a > 1}. */
    String describe();

    Step create(StepContext context);

    /**
     * The step's claim on its operator's managed memory, as a relative weight: 0 for steps that
     * hold a batch or two at a time, {@link #BLOCKING_WEIGHT} for steps whose state grows with
     * their input (hash tables, sort runs). An operator declares the largest weight of its steps,
     * and Flink divides a slot's managed memory among operators by these weights.
     */
    int managedMemoryWeight();

    /** The weight of a step that holds state as large as its input (a final aggregate, a sort, a join build). */
    int BLOCKING_WEIGHT = 100;
}
