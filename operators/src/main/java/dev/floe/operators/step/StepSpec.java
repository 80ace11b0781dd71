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
}
