package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import java.io.Serializable;
import java.util.List;

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

    /**
     * True when every row this step emits holds, under these column names, the values of the input
     * row it came from: rows hash-partitioned on these columns stay so after the step, and the
     * planner needs no exchange to re-establish it. False is always safe (it costs an exchange).
     *
     * <pre>{@code new FilterSpec(schema, col("b").gt(lit(0))).keepsColumns(List.of("a")) == true}</pre>
     */
    boolean keepsColumns(List<String> columns);

    /** The weight of a step that holds state as large as its input (a final aggregate, a sort, a join build). */
    int BLOCKING_WEIGHT = 100;
}
